// S6: the client talks to itself (localhost or its own address).
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

void loopback_target(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    report_host_kind(RuleId::loopback_target, context, out, [](const HttpEvent& event) {
        return is_loopback(event.request.host) || event.connection->client == event.connection->server;
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(loopback_target)

}  // namespace kerbdiag
