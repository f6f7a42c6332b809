// A ticket that opens with one of the key versions the keytab holds of an
// account: which one the KDC uses now.
#include "shared.h"

namespace kerbdiag {
namespace {

constexpr RuleId rule_id = RuleId::keytab_several_kvnos;

std::string ticket_detail(const KeytabFact& fact, const TicketObservation& ticket, uint32_t frame)
{
    std::string account = short_name(ticket.key.account_name);
    std::string text = "The ticket for " + ticket_in_frame(ticket, frame) + " opens with " + account + "'s key";
    if (ticket.key.key_kvno) text += " of kvno " + std::to_string(*ticket.key.key_kvno);
    std::vector<std::string> others;
    for (uint32_t kvno : fact.kvnos)
        if (kvno != ticket.key.key_kvno) others.push_back(std::to_string(kvno));
    if (!others.empty()) text += "; the keytab also holds kvno " + join(others, ", ");
    return text + ".";
}

void keytab_several_kvnos(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    tell_keytab_facts(rule_id, KeytabFactKind::several_kvnos, frame, context, opened_by_one_of,
                      [&](const KeytabFact& fact, const TicketObservation& ticket) {
                          add_keytab_finding(rule_id, fact, keytab_fact_values(fact),
                                             ticket_detail(fact, ticket, frame.frame), out);
                      });
}

}  // namespace

KERBDIAG_REGISTER_RULE(keytab_several_kvnos)

}  // namespace kerbdiag
