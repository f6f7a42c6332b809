// S11: KRB-ERRORs without a dedicated rule.
#include "error_sites.h"

namespace kerbdiag {
namespace {

void krb_error(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::krb_error, frame, context, out, no_extra_values);
}

}  // namespace

KERBDIAG_REGISTER_RULE(krb_error)

}  // namespace kerbdiag
