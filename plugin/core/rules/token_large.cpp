// S13: Authorization headers near or over server limits.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// Apache's LimitRequestFieldSize (8190) and nginx's 8 KB buffers reject above
// this, and it is half of HTTP.sys' 16 KB MaxFieldLength: a warning.
constexpr size_t large_header = 8 * 1024;
// Within 4 KB of HTTP.sys' 16 KB MaxRequestBytes, which counts the request
// line and every other header too: an error.
constexpr size_t too_large_header = 12 * 1024;
void token_large(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        size_t length = event.request.auth_length;
        if (!event.is_request() || length <= large_header) continue;
        bool too_large = length > too_large_header;
        std::string size_class = too_large ? "over 12 KB" : "over 8 KB";
        std::string host = normalize_host(event.request.host);
        if (!context.first_time(RuleId::token_large, event.connection->client + "|" + host + "|" + size_class)) continue;
        Finding& finding = out.add(RuleId::token_large, {{"host", host}, {"size_class", size_class}});
        if (too_large) finding.severity = Severity::error;
        finding.detail = "The Authorization header in frame " + std::to_string(frame.frame) + " is " +
                         std::to_string(length) + " bytes (" + event.request.auth_scheme + ").";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(token_large)

}  // namespace kerbdiag
