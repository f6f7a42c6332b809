// S12, S14: what the keytab says about a ticket on its own: a key version
// the keytab does not have, or flags that make delegation impossible.
#include "names.h"
#include "rule.h"

#include <algorithm>

namespace kerbdiag {
namespace {

std::string kvno_text(const std::vector<uint32_t>& kvnos)
{
    std::string text;
    for (uint32_t kvno : kvnos) text += (text.empty() ? "" : ", ") + std::to_string(kvno);
    return text;
}

// ---- stale_key ----------------------------------------------------------------------

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

// ---- ticket_not_delegatable ----------------------------------------------------------

constexpr RuleId not_delegatable = RuleId::ticket_not_delegatable;

struct DelegationFacts {
    std::string spn, realm, client, account, how;
    std::vector<uint32_t> related;
};

void report_not_delegatable(const DelegationFacts& facts, FindingSink& out)
{
    Finding& finding = out.add(not_delegatable, {{"spn", facts.spn},
                                                 {"realm", facts.realm},
                                                 {"domain", netbios_domain(facts.realm)},
                                                 {"client", facts.client.empty() ? "the user" : facts.client},
                                                 {"how", facts.how},
                                                 {"account", facts.account}});
    finding.related = facts.related;
    finding.detail = "The keytab opens the ticket for " + facts.spn + "@" + facts.realm +
                     (facts.client.empty() ? "" : " (client " + facts.client + ")") +
                     ": its forwardable flag is not set.";
}

// S4U2Proxy: the evidence ticket in additional-tickets must be forwardable.
// Returns whether the frame holds such a ticket that is not.
bool check_evidence_tickets(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    bool found = false;
    for (const auto& msg : frame.kerberos) {
        if (msg.msg_type != KrbMsgType::tgs_req) continue;
        for (const auto& ticket : msg.tickets) {
            if (!ticket.additional || ticket.key.kind != KeyVerdictKind::decrypted || ticket.key.forwardable()) continue;
            found = true;
            if (!context.first_time(not_delegatable, "evidence|" + ticket.sname + "|" + ticket.key.client)) continue;
            report_not_delegatable({ticket.sname, ticket.realm, ticket.key.client, ticket.key.account_name,
                                    "constrained delegation (S4U2Proxy) from " + ticket.sname, {}},
                                   out);
        }
    }
    return found;
}

// A front end received a service ticket over HTTP, then asks for S4U2Proxy:
// remember per server address the flags of the last ticket it received
// (count = TicketFlags, frames = where).
void remember_received_tickets(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.message->authorization) continue;
        for (const auto& msg : event.message->authorization->kerberos)
            for (const auto& ticket : msg.tickets) {
                if (ticket.key.kind != KeyVerdictKind::decrypted) continue;
                RuleTally& received = context.tally(not_delegatable, "received|" + event.connection->server);
                received.count = ticket.key.ticket_flags;
                received.frames = {frame.frame};
                received.reported = false;
            }
    }
}

void check_s4u2proxy_requests(FrameContext& context, FindingSink& out)
{
    for (const auto& request : context.kdc_requests) {
        if (!request.s4u2proxy) continue;
        RuleTally& received = context.tally(not_delegatable, "received|" + request.client);
        if (received.frames.empty() || has_ticket_flag(received.count, TicketFlag::forwardable)) continue;
        if (!context.first_time(not_delegatable, "s4u|" + request.client + "|" + request.sname)) continue;
        report_not_delegatable({request.front_end.empty() ? "the front end's SPN" : request.front_end, request.realm, {},
                                {}, "constrained delegation to " + request.sname, received.frames},
                               out);
    }
}

void ticket_not_delegatable(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    remember_received_tickets(frame, context);
    // The evidence ticket itself is the better proof; the received one only stands in for it.
    if (!check_evidence_tickets(frame, context, out)) check_s4u2proxy_requests(context, out);
}

}  // namespace

KERBDIAG_RULE_FILE(keyed_tickets)
KERBDIAG_REGISTER_RULE(stale_key)
KERBDIAG_REGISTER_RULE(ticket_not_delegatable)

}  // namespace kerbdiag
