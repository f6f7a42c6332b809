// S14: a front end asks for a back-end SPN that no account holds.
#include "shared.h"

namespace kerbdiag {
namespace {

void backend_spn_unknown(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::backend_spn_unknown, frame, context, out, fill_front_end);
}

}  // namespace

KERBDIAG_REGISTER_RULE(backend_spn_unknown)

}  // namespace kerbdiag
