// S13: the server rejects a Kerberos-sized Authorization header with 400.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// A 400 answering an Authorization header of Kerberos size (NTLM and Basic
// stay well below) is a header size rejection: servers and proxies with a
// small limit reject even a PAC-less MIT ticket of about 1 KB.
constexpr size_t suspicious_header = 1024;

void header_too_long(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (event.is_request() || event.message->response_code != 400) continue;
        if (event.request.auth_length <= suspicious_header) continue;
        std::string host = normalize_host(event.request.host);
        Finding& finding = out.add(RuleId::header_too_long, {{"host", host}});
        finding.related = {event.request.frame};
        finding.detail = "Frame " + std::to_string(frame.frame) + " answers the request in frame " +
                         std::to_string(event.request.frame) + ", whose Authorization header is " +
                         std::to_string(event.request.auth_length) + " bytes.";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(header_too_long)

}  // namespace kerbdiag
