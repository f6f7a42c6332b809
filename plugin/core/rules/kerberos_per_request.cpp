// S16: request-based Kerberos (a new AP-REQ on every request of a connection).
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// At the third AP-REQ on one connection, after two were accepted, the pattern is clear.
constexpr uint32_t pattern_requests = 3;

void kerberos_per_request(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.request.carries_kerberos()) continue;
        const Connection& connection = *event.connection;
        if (connection.kerberos_requests < pattern_requests || connection.kerberos_successes + 1 < pattern_requests)
            continue;
        if (!context.first_time(RuleId::kerberos_per_request, event.connection_key)) continue;
        std::string host = normalize_host(event.request.host);
        Finding& finding = out.add(RuleId::kerberos_per_request, {{"host", host}, {"spn", event.request.ticket_spn}});
        finding.detail = std::to_string(connection.kerberos_requests) + " AP-REQs and " +
                         std::to_string(connection.auth_bytes) + " bytes of Authorization headers on this connection " +
                         "so far (frame " + std::to_string(frame.frame) + ").";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(kerberos_per_request)

}  // namespace kerbdiag
