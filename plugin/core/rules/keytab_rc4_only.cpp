// S17 from the keytab: a ticket that opens with the key of an account the
// keytab holds only RC4 keys of.
#include "shared.h"

#include "keytab_oracle.h"

namespace kerbdiag {
namespace {

constexpr RuleId rule_id = RuleId::keytab_rc4_only;

void keytab_rc4_only(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    tell_keytab_facts(rule_id, KeytabFactKind::rc4_only, frame, context, opened_by_one_of,
                      [&](const KeytabFact& fact, const TicketObservation& ticket) {
                          std::string account = short_name(ticket.key.account_name);
                          // Its SPN: the same event as the ticket's weak_etype note, which it explains.
                          TemplateValues values = keytab_fact_values(fact);
                          values["spn"] = ticket.sname;
                          std::string detail = "The ticket for " + ticket_in_frame(ticket, frame.frame) +
                                               " opens with " + account + "'s " + enctype_name(ticket.etype) +
                                               " key; the keytab has no AES key of " + account + ".";
                          add_keytab_finding(rule_id, fact, values, detail, out);
                      });
}

}  // namespace

KERBDIAG_REGISTER_RULE(keytab_rc4_only)

}  // namespace kerbdiag
