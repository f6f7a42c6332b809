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

std::string_view problem_change_name(ProblemChange change)
{
    switch (change) {
    case ProblemChange::concluded: return "concluded";
    case ProblemChange::repeated: return "repeated";
    case ProblemChange::upgraded: return "upgraded";
    case ProblemChange::recovered: return "recovered";
    }
    return "";
}

}  // namespace kerbdiag
