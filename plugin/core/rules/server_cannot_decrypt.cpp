// S2: the web server cannot decrypt the ticket the client sent.
#include "shared.h"

namespace kerbdiag {
namespace {

void server_cannot_decrypt(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_server_error(RuleId::server_cannot_decrypt, frame, context, out);
}

}  // namespace

KERBDIAG_REGISTER_RULE(server_cannot_decrypt)

}  // namespace kerbdiag
