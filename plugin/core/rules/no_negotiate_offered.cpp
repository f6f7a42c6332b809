// S7: the server's 401 does not offer Negotiate.
#include "names.h"
#include "rule.h"
#include "spn.h"

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

void no_negotiate_offered(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_401(event) || event.message->www_authenticate.empty() || offers_negotiate(*event.message)) continue;
        std::string host = normalize_host(event.request.host);
        if (host.empty()) host = event.connection->server;
        std::string offered = offered_schemes(*event.message);
        if (!context.first_time(RuleId::no_negotiate_offered, host + "|" + offered)) continue;
        Finding& finding = out.add(RuleId::no_negotiate_offered, {{"host", host}, {"offered", offered}});
        if (event.request.frame != 0) finding.related = {event.request.frame};
        finding.detail = "The 401 in frame " + std::to_string(frame.frame) + " offers " + offered + ".";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(no_negotiate_offered)

}  // namespace kerbdiag
