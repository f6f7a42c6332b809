// S12: the web server has no key of the ticket's key version.
#include "shared.h"

namespace kerbdiag {
namespace {

void stale_key_version(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_server_error(RuleId::stale_key_version, frame, context, out);
}

}  // namespace

KERBDIAG_REGISTER_RULE(stale_key_version)

}  // namespace kerbdiag
