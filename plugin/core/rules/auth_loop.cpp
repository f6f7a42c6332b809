// S7, S9: what the server's 401 answers say over time.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

bool is_401(const HttpEvent& event) { return !event.is_request() && event.message->response_code == 401; }

std::string offered_schemes(const HttpMessage& response)
{
    std::string schemes;
    for (const auto& header : response.www_authenticate)
        if (schemes.find(header.scheme) == std::string::npos)
            schemes += (schemes.empty() ? "" : ", ") + header.scheme;
    return schemes;
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

// Three rejected credentials in a row to one client and URL: the prompt loop.
constexpr uint32_t loop_threshold = 3;

void auth_loop(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (event.is_request() || !event.request.carries_final_credentials()) continue;
        std::string host = normalize_host(event.request.host);
        RuleTally& attempt = context.tally(RuleId::auth_loop, event.connection->client + "|" + host + "|" + event.request.uri);
        if (event.message->response_code != 401) {
            attempt = RuleTally{};  // success ends the attempt
            continue;
        }
        ++attempt.count;
        if (attempt.count < loop_threshold || attempt.reported) {
            attempt.add_frame(frame.frame);
            continue;
        }
        attempt.reported = true;
        Finding& finding = out.add(RuleId::auth_loop, {{"host", host}, {"uri", event.request.uri}});
        finding.related = attempt.frames;
        finding.detail = std::to_string(attempt.count) + " requests with credentials from " +
                         event.connection->client + " were answered 401 (earlier: " + frames_text(attempt.frames) + ").";
        attempt.add_frame(frame.frame);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(no_negotiate_offered)
KERBDIAG_REGISTER_RULE(auth_loop)

}  // namespace kerbdiag
