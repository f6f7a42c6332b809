// S11: KRB-ERRORs without a dedicated rule, and the normal ones.
#include "error_sites.h"
#include "krb_errors.h"

namespace kerbdiag {
namespace {

void krb_error(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors("krb_error", frame, context, out, no_extra_values);
}

void krb_error_normal(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors("krb_error_normal", frame, context, out, no_extra_values);
}

// Not a finding: the error's name and NTSTATUS as per-frame fields, for every KRB-ERROR.
void krb_error_facts(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& site : error_sites(frame, context)) {
        out.diagnosis().error_name = krb_error_name(*site.error->error_code);
        if (auto status = decode_ntstatus(site.error->e_data)) out.diagnosis().ntstatus = status->code;
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(krb_error)
KERBDIAG_REGISTER_RULE(krb_error_normal)
KERBDIAG_REGISTER_RULE(krb_error_facts)

}  // namespace kerbdiag
