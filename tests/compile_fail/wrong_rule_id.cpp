// Compiled by the ctest tests compile.rule_id_*: with KERBDIAG_WRONG_RULE_ID a
// rule names an id that no expert_rules/*.rule file defines, which must not
// compile; without it the same code must compile (so the failure is the id's).
#include "rules/rule.h"

namespace kerbdiag {

void probe_rule_id(FindingSink& out)
{
#ifdef KERBDIAG_WRONG_RULE_ID
    out.add(RuleId::spn_unknwon, {});
#else
    out.add(RuleId::spn_unknown, {});
#endif
}

}  // namespace kerbdiag
