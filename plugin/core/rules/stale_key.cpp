// S12: the keytab's key for a ticket's SPN is out of date (key version).
#include "names.h"
#include "rule.h"

#include <algorithm>

namespace kerbdiag {
namespace {

std::string kvno_text(const std::vector<uint32_t>& kvnos)
{
    std::vector<std::string> texts;
    for (uint32_t kvno : kvnos) texts.push_back(std::to_string(kvno));
    return join(texts, ", ");
}

// Why the keytab's key for this SPN is out of date; empty when it is not.
std::string stale_reason(const TicketObservation& ticket)
{
    const KeyVerdict& key = ticket.key;
    std::string ticket_kvno = std::to_string(*ticket.kvno);
    if (key.kind == KeyVerdictKind::kvno_mismatch)
        return "the keytab entry that opens it has kvno " + std::to_string(*key.key_kvno) + " (" + key.account +
               "), the KDC says kvno " + ticket_kvno + ": the key is right but the keytab's version number is not";
    if (key.kind != KeyVerdictKind::no_matching_key || key.sname_kvnos.empty()) return {};
    bool has_kvno = std::find(key.sname_kvnos.begin(), key.sname_kvnos.end(), *ticket.kvno) != key.sname_kvnos.end();
    if (!has_kvno)
        return "the keytab holds it only at kvno " + kvno_text(key.sname_kvnos) + " and no key opens the kvno " +
               ticket_kvno + " ticket: the password changed after the keytab was exported";
    return "the keytab holds kvno " + ticket_kvno + " but its key does not open the ticket: the key changed "
           "without a new kvno, or the keytab comes from another account with the same name";
}

void stale_key(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for_each_ticket(frame, [&](const TicketObservation& ticket) {
        if (!ticket.kvno || ticket.sname.empty()) return;
        std::string reason = stale_reason(ticket);
        if (reason.empty()) return;
        if (!context.first_time(RuleId::stale_key, ticket.sname + "@" + ticket.realm + "|" + std::to_string(*ticket.kvno)))
            return;
        Finding& finding = out.add(RuleId::stale_key, {{"spn", ticket.sname},
                                                 {"realm", ticket.realm},
                                                 {"domain", netbios_domain(ticket.realm)},
                                                 {"ticket_kvno", std::to_string(*ticket.kvno)},
                                                 {"reason", reason},
                                                 {"account", ticket.key.account_name}});
        finding.detail = "Ticket for " + ticket.sname + "@" + ticket.realm + " in frame " + std::to_string(frame.frame) +
                         ": " + reason + ".";
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(stale_key)

}  // namespace kerbdiag
