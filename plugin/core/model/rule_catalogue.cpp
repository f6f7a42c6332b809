#include "rule_catalogue.h"

#include <algorithm>
#include <iterator>

namespace kerbdiag {
namespace {

// Each expert_rules/*.rule file holds one KERBDIAG_RULE(...) entry with
// designated initialisers for RuleInfo.
// `refines`, `recoverable` and `consequence` are optional: an entry leaves them out.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define KERBDIAG_RULE(...) RuleInfo{__VA_ARGS__},
constexpr RuleInfo catalogue[] = {
#include "expert_rules.inc"
};
#undef KERBDIAG_RULE
#pragma GCC diagnostic pop
static_assert(std::size(catalogue) == rule_count, "rule_ids.h and expert_rules.inc come from the same files");

}  // namespace

std::span<const RuleInfo> rule_catalogue() { return catalogue; }

const RuleInfo* find_rule(std::string_view id)
{
    auto it = std::find_if(std::begin(catalogue), std::end(catalogue),
                           [id](const RuleInfo& rule) { return rule.id == id; });
    return it == std::end(catalogue) ? nullptr : &*it;
}

namespace {

// True when `rule` names `target` in its refines, directly or through a chain.
// The catalogue is small and acyclic (a unit test checks), so a depth bound
// is only a guard against an edited cycle.
bool refines_chain(const RuleInfo& rule, std::string_view target, int depth)
{
    if (depth > 8) return false;
    std::string_view list = rule.refines;
    while (!list.empty()) {
        size_t space = list.find(' ');
        std::string_view id = list.substr(0, space);
        list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
        if (id.empty()) continue;
        if (id == target) return true;
        if (const RuleInfo* next = find_rule(id); next && refines_chain(*next, target, depth + 1)) return true;
    }
    return false;
}

}  // namespace

bool rule_refines(const RuleInfo& finer, const RuleInfo& coarser)
{
    if (&finer == &coarser) return false;
    if (refines_chain(finer, coarser.id, 0)) return true;
    // A cause absorbs a consequence, unless the consequence names that cause
    // in its refines (it is the finer account of the same event).
    return coarser.consequence && !finer.consequence && !refines_chain(coarser, finer.id, 0);
}

const RuleInfo& rule_info(RuleId id) { return catalogue[static_cast<size_t>(id)]; }

std::string_view severity_name(Severity severity)
{
    switch (severity) {
    case Severity::chat: return "chat";
    case Severity::note: return "note";
    case Severity::warn: return "warn";
    case Severity::error: return "error";
    }
    return "note";
}

std::string_view group_name(ExpertGroup group)
{
    switch (group) {
    case ExpertGroup::protocol: return "protocol";
    case ExpertGroup::security: return "security";
    case ExpertGroup::sequence: return "sequence";
    case ExpertGroup::response_code: return "response-code";
    case ExpertGroup::request_code: return "request-code";
    case ExpertGroup::malformed: return "malformed";
    }
    return "protocol";
}

}  // namespace kerbdiag
