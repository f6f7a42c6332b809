// A ticket of an enctype whose keytab entries this krb5 skipped: kerbdiag
// cannot tell which account it is for.
#include "shared.h"

#include "keytab_oracle.h"

#include <algorithm>

namespace kerbdiag {
namespace {

constexpr RuleId rule_id = RuleId::keytab_enctype_unsupported;

void keytab_enctype_unsupported(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    tell_keytab_facts(
        rule_id, KeytabFactKind::unsupported_enctypes, frame, context,
        [](const KeytabFact& fact, const TicketObservation& ticket) {
            return !ticket.cipher.empty() &&
                   std::find(fact.enctypes.begin(), fact.enctypes.end(), ticket.etype) != fact.enctypes.end();
        },
        [&](const KeytabFact& fact, const TicketObservation& ticket) {
            std::string detail = "The ticket for " + ticket_in_frame(ticket, frame.frame) + " is " +
                                 enctype_name(ticket.etype) +
                                 ": the keytab's entries of that type were skipped, so kerbdiag cannot tell which "
                                 "account it is encrypted for.";
            add_keytab_finding(rule_id, fact, keytab_fact_values(fact), detail, out);
        });
}

}  // namespace

KERBDIAG_REGISTER_RULE(keytab_enctype_unsupported)

}  // namespace kerbdiag
