// A diagnosis attached to one frame.
#pragma once

#include "rule_catalogue.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kerbdiag {

struct Finding {
    const RuleInfo* rule = nullptr;     // never null once produced
    std::string summary;                // the rule's summary, placeholders filled
    std::string fix;                    // the rule's fix, placeholders filled
    std::vector<uint32_t> related;      // earlier frames that hold the evidence
    // The objects the finding names; empty when not applicable.
    std::string spn;
    std::string host;
    std::string account;
    std::string realm;
};

// Per-request authentication outcome (kerbdiag.verdict).
enum class Verdict { none, kerberos_ok, ntlm_fallback, ntlm, failed, anonymous };

std::string_view verdict_name(Verdict verdict);

// Everything the core concluded about one frame.
struct FrameDiagnosis {
    std::vector<Finding> findings;
    Verdict verdict = Verdict::none;
};

}  // namespace kerbdiag
