// S14: the KDC refuses the front end's delegation request.
#include "shared.h"

namespace kerbdiag {
namespace {

void delegation_refused(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::delegation_refused, frame, context, out, fill_front_end);
}

}  // namespace

KERBDIAG_REGISTER_RULE(delegation_refused)

}  // namespace kerbdiag
