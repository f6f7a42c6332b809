// S6: the URL names an IP address, for which no SPN exists.
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

void ip_literal_host(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    report_host_kind(RuleId::ip_literal_host, context, out,
                     [](const HttpEvent& event) { return is_ip_literal(event.request.host); });
}

}  // namespace

KERBDIAG_REGISTER_RULE(ip_literal_host)

}  // namespace kerbdiag
