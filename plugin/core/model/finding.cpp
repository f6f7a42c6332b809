#include "finding.h"

namespace kerbdiag {

std::string_view verdict_name(Verdict verdict)
{
    switch (verdict) {
    case Verdict::none: return "";
    case Verdict::kerberos_ok: return "kerberos-ok";
    case Verdict::ntlm_fallback: return "ntlm-fallback";
    case Verdict::ntlm: return "ntlm";
    case Verdict::failed: return "failed";
    case Verdict::anonymous: return "anonymous";
    }
    return "";
}

}  // namespace kerbdiag
