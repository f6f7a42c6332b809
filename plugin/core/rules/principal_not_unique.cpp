// S3: more than one account holds the requested SPN.
#include "error_sites.h"

namespace kerbdiag {
namespace {

void principal_not_unique(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::principal_not_unique, frame, context, out, no_extra_values);
}

}  // namespace

KERBDIAG_REGISTER_RULE(principal_not_unique)

}  // namespace kerbdiag
