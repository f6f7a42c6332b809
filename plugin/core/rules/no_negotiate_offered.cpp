// S7: the server's 401 does not offer Negotiate.
#include "names.h"
#include "rule.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

bool is_401(const HttpEvent& event) { return !event.is_request() && event.message->response_code == 401; }

std::string offered_schemes(const HttpMessage& response)
{
    std::vector<std::string> schemes;
    for (const auto& header : response.www_authenticate)
        if (join(schemes, ", ").find(header.scheme) == std::string::npos) schemes.push_back(header.scheme);
    return join(schemes, ", ");
}

// A 401 that carries a handshake token (an NTLM CHALLENGE) continues an
// exchange the client chose; it says nothing about the schemes on offer.
bool continues_handshake(const HttpMessage& response)
{
    return std::any_of(response.www_authenticate.begin(), response.www_authenticate.end(),
                       [](const AuthHeader& header) { return header.mech != Mech::none; });
}

// Where an offer of Negotiate was seen: this connection, and the site (its
// Host, or the server's address when the request was not seen).
struct NegotiateSeen {
    bool offered = false;
};

void no_negotiate_offered(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_401(event) || event.message->www_authenticate.empty()) continue;
        std::string host = normalize_host(event.request.host);
        if (host.empty()) host = event.connection->server;
        const std::string connection_key = "conn|" + event.connection_key;
        const std::string host_key = "host|" + host;
        if (offers_negotiate(*event.message)) {
            context.state<NegotiateSeen>(RuleId::no_negotiate_offered, connection_key).offered = true;
            context.state<NegotiateSeen>(RuleId::no_negotiate_offered, host_key).offered = true;
            continue;
        }
        if (continues_handshake(*event.message)) continue;
        if (context.state<NegotiateSeen>(RuleId::no_negotiate_offered, connection_key).offered ||
            context.state<NegotiateSeen>(RuleId::no_negotiate_offered, host_key).offered)
            continue;
        std::string offered = offered_schemes(*event.message);
        if (!context.first_time(RuleId::no_negotiate_offered, host + "|" + offered)) continue;
        Finding& finding = out.add(RuleId::no_negotiate_offered, {{"host", host}, {"offered", offered}});
        if (event.request.frame != 0) finding.related = {event.request.frame};
        finding.detail = "The 401 in frame " + std::to_string(frame.frame) + " offers " + offered +
                         "; no 401 from this site in the capture offered Negotiate.";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(no_negotiate_offered)

}  // namespace kerbdiag
