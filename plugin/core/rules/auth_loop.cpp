// S9: the same client and URL rejected again and again: the prompt loop.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// Three rejected credentials in a row to one client and URL: the prompt loop.
constexpr uint32_t loop_threshold = 3;

struct Attempt {
    uint32_t rejected = 0;
    std::vector<uint32_t> frames;
    bool reported = false;
};

void auth_loop(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (event.is_request() || !event.request.carries_final_credentials()) continue;
        std::string host = normalize_host(event.request.host);
        auto& attempt = context.state<Attempt>(RuleId::auth_loop, event.connection->client + "|" + host + "|" + event.request.uri);
        if (event.message->response_code != 401) {
            attempt = Attempt{};  // success ends the attempt
            continue;
        }
        ++attempt.rejected;
        if (attempt.rejected < loop_threshold || attempt.reported) {
            add_frame(attempt.frames, frame.frame);
            continue;
        }
        attempt.reported = true;
        Finding& finding = out.add(RuleId::auth_loop, {{"host", host}, {"uri", event.request.uri}});
        finding.related = attempt.frames;
        finding.detail = std::to_string(attempt.rejected) + " requests with credentials from " +
                         event.connection->client + " were answered 401 (earlier: " + frames_text(attempt.frames) + ").";
        add_frame(attempt.frames, frame.frame);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(auth_loop)

}  // namespace kerbdiag
