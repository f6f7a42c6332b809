// S16: request-based Kerberos (a new AP-REQ on every request of a connection).
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// At the third AP-REQ on one connection, after two were accepted, the pattern is clear.
constexpr uint32_t pattern_requests = 3;

// Service tickets a client got from the KDC for one SPN.
struct TicketsIssued {
    uint32_t exchanges = 0;
    uint32_t last_reply = 0;
};

// 401s on one connection after an AP-REQ on it was accepted: the server asked again.
struct AskedAgain {
    uint32_t count = 0;
};

std::string tickets_key(std::string_view client, std::string_view spn)
{
    std::string key = "tgs|" + std::string(client) + "|";
    for (char c : spn) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

void count_tgs_exchanges(FrameContext& context)
{
    for (const auto& reply : context.kdc_replies) {
        if (reply.message->msg_type != KrbMsgType::tgs_rep || !reply.request) continue;
        if (reply.request->sname.empty() || is_tgs_name(reply.request->sname)) continue;
        auto& issued = context.state<TicketsIssued>(RuleId::kerberos_per_request,
                                                    tickets_key(reply.client, reply.request->sname));
        ++issued.exchanges;
        issued.last_reply = reply.frame;
    }
}

std::string plural(uint32_t n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void kerberos_per_request(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    count_tgs_exchanges(context);
    for (const auto& event : context.http) {
        const Connection& connection = *event.connection;
        if (!event.is_request()) {
            if (event.message->response_code == 401 && connection.kerberos_successes > 0)
                ++context.state<AskedAgain>(RuleId::kerberos_per_request, "401|" + event.connection_key).count;
            continue;
        }
        if (!event.request.carries_kerberos()) continue;
        if (connection.kerberos_requests < pattern_requests || connection.kerberos_successes + 1 < pattern_requests)
            continue;
        if (!context.first_time(RuleId::kerberos_per_request, event.connection_key)) continue;
        std::string host = normalize_host(event.request.host);
        const std::string& spn = event.request.ticket_spn;
        uint32_t asked_again = context.state<AskedAgain>(RuleId::kerberos_per_request, "401|" + event.connection_key).count;
        TicketsIssued issued = context.state<TicketsIssued>(RuleId::kerberos_per_request, tickets_key(connection.client, spn));
        std::string observed =
            asked_again > 0
                ? "The capture shows the server answering 401 again after an accepted AP-REQ on this connection (" +
                      plural(asked_again, "time") + "): it does not keep the connection authenticated"
                : "The capture shows the client sending a new AP-REQ without a 401 asking for it: the client, not "
                  "the server, re-authenticates each request";
        Finding& finding = out.add(RuleId::kerberos_per_request, {{"host", host}, {"spn", spn}, {"observed", observed}});
        std::string tickets;
        if (issued.exchanges == 0)
            tickets = "the capture holds no TGS exchange for " + spn + ": the AP-REQs reuse a cached service ticket";
        else if (issued.exchanges < connection.kerberos_requests)
            tickets = "the client got its ticket for " + spn + " in " + plural(issued.exchanges, "TGS exchange") +
                      " (last in frame " + std::to_string(issued.last_reply) + "); the other " +
                      plural(connection.kerberos_requests - issued.exchanges, "AP-REQ") +
                      " reuse a cached ticket with a new authenticator, not a new ticket";
        else
            tickets = "the capture holds " + plural(issued.exchanges, "TGS exchange") + " for " + spn +
                      " (last in frame " + std::to_string(issued.last_reply) + ")";
        finding.detail = plural(connection.kerberos_requests, "AP-REQ") + " and " + std::to_string(connection.auth_bytes) +
                         " bytes of Authorization headers on this connection so far (frame " +
                         std::to_string(frame.frame) + "); " + tickets + ".";
        if (issued.last_reply != 0) finding.related = {issued.last_reply};
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(kerberos_per_request)

}  // namespace kerbdiag
