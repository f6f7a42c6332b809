// S3 from the keytab: a ticket for a principal the keytab holds under two
// keys opens with one of them, which shows the account the KDC uses now.
#include "shared.h"

#include <algorithm>

namespace kerbdiag {
namespace {

constexpr RuleId rule_id = RuleId::keytab_spn_two_keys;

bool names_the_principal(const KeytabFact& fact, const TicketObservation& ticket)
{
    return iequals(ticket.sname, fact.name) && iequals(ticket.realm, fact.realm);
}

std::vector<std::string> other_accounts(const KeytabFact& fact, const std::string& opener)
{
    std::vector<std::string> others;
    for (const auto& account : fact.accounts) {
        std::string name = short_name(account);
        bool known = iequals(name, opener) ||
                     std::any_of(others.begin(), others.end(), [&](const std::string& o) { return iequals(o, name); });
        if (!known) others.push_back(name);
    }
    return others;
}

std::string ticket_detail(const KeytabFact& fact, const TicketObservation& ticket, const std::string& opener,
                          uint32_t frame)
{
    std::string kvno = ticket.kvno ? " (kvno " + std::to_string(*ticket.kvno) + ")" : std::string();
    std::string opens = "The ticket for " + ticket_in_frame(ticket, frame) + kvno + " opens with " + opener + "'s key";
    auto others = other_accounts(fact, opener);
    if (others.empty())
        return opens + "; the keytab's other key of " + opener + " for " + fact.name +
               " at the same kvno is left from an older export.";
    std::string other = join(others, " and ");
    return opens + ": the KDC encrypts " + fact.name + " for " + opener + ". The keytab also holds " + other +
           "'s key for it: " + other + " holds " + fact.name +
           " too (a duplicate SPN), or that entry is left from an export made before the SPN moved.";
}

void keytab_spn_two_keys(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    tell_keytab_facts(
        rule_id, KeytabFactKind::two_keys, frame, context,
        [](const KeytabFact& fact, const TicketObservation& ticket) {
            return names_the_principal(fact, ticket) && opened_by_one_of(fact, ticket);
        },
        [&](const KeytabFact& fact, const TicketObservation& ticket) {
            std::string opener = short_name(ticket.key.account_name);
            add_keytab_finding(rule_id, fact, keytab_fact_values(fact, opener),
                               ticket_detail(fact, ticket, opener, frame.frame), out);
        });
}

}  // namespace

KERBDIAG_REGISTER_RULE(keytab_spn_two_keys)

}  // namespace kerbdiag
