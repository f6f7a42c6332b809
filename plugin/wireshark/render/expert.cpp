// Expert items: one per catalogue rule, so Analyze > Expert Information
// groups findings by rule and users can change each rule's severity.
#include <string>

#include "render_parts.h"
#include "rule_catalogue.h"

using namespace kerbdiag;

namespace {

// The Expert Information dialog groups by this registered text, so it must
// read well without the per-finding values: "{spn}" becomes "…".
std::string expert_title(std::string_view summary)
{
    std::string out;
    bool in_placeholder = false;
    for (char c : summary) {
        if (c == '{') { in_placeholder = true; out += "\u2026"; continue; }
        if (c == '}' && in_placeholder) { in_placeholder = false; continue; }
        if (!in_placeholder) out += c;
    }
    return out;
}

}  // namespace

namespace kerbdiag::render {

expert_field* ei_rules = nullptr;

void register_expert_fields(int proto)
{
    auto rules = rule_catalogue();
    ei_rules = g_new0(expert_field, rules.size());
    auto* eiri = g_new0(ei_register_info, rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        const RuleInfo& rule = rules[i];
        ei_rules[i] = EI_INIT;
        std::string name = "kerbdiag." + std::string(rule.id);
        std::string summary = expert_title(rule.summary);
        eiri[i].ids = &ei_rules[i];
        eiri[i].eiinfo = {g_strdup(name.c_str()), ws_group(rule.group), ws_severity(rule.severity),
                          g_strdup(summary.c_str()), EXPFILL};
    }
    expert_module_t* module = expert_register_protocol(proto);
    expert_register_field_array(module, eiri, static_cast<int>(rules.size()));
}

}  // namespace kerbdiag::render
