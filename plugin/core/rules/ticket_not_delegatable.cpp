// S14: the keytab opens a ticket whose flags make delegation impossible.
#include "names.h"
#include "rule.h"

namespace kerbdiag {
namespace {

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
// remember per server address the flags of the last ticket it received.
struct ReceivedTicket {
    uint32_t flags = 0;             // TicketFlags
    std::vector<uint32_t> frames;   // where it was received
};

void remember_received_tickets(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.message->authorization) continue;
        for (const auto& msg : event.message->authorization->kerberos)
            for (const auto& ticket : msg.tickets) {
                if (ticket.key.kind != KeyVerdictKind::decrypted) continue;
                auto& received = context.state<ReceivedTicket>(not_delegatable, "received|" + event.connection->server);
                received.flags = ticket.key.ticket_flags;
                received.frames = {frame.frame};
            }
    }
}

void check_s4u2proxy_requests(FrameContext& context, FindingSink& out)
{
    for (const auto& request : context.kdc_requests) {
        if (!request.s4u2proxy) continue;
        auto& received = context.state<ReceivedTicket>(not_delegatable, "received|" + request.client);
        if (received.frames.empty() || has_ticket_flag(received.flags, TicketFlag::forwardable)) continue;
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

KERBDIAG_REGISTER_RULE(ticket_not_delegatable)

}  // namespace kerbdiag
