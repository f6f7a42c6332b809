// S11: KRB-ERRORs that are normal protocol steps (PREAUTH_REQUIRED, RESPONSE_TOO_BIG, ...).
#include "error_sites.h"

namespace kerbdiag {
namespace {

void krb_error_normal(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::krb_error_normal, frame, context, out, no_extra_values);
}

}  // namespace

KERBDIAG_REGISTER_RULE(krb_error_normal)

}  // namespace kerbdiag
