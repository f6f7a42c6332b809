// Expert items: one per catalogue rule, so Analyze > Expert Information
// groups findings by rule and users can change each rule's severity.
#include <string>
#include <string_view>
#include <utility>

#include "render_parts.h"
#include "rule_catalogue.h"

using namespace kerbdiag;

namespace {

// The Expert Information dialog groups by this registered text, so it must
// read as a sentence without the per-finding values: a value becomes the
// words for what it is ("{host}" -> "the server"), and a clause that only
// adds detail ("{identity_clause}") goes.
std::string_view placeholder_words(std::string_view name)
{
    static constexpr std::pair<std::string_view, std::string_view> words[] = {
        {"host", "the server"}, {"server", "the server"}, {"spn", "the SPN"}, {"ticket_spn", "the SPN"},
        {"error_name", "an error"}, {"error_code", "an error"}, {"rcode", "an error"}, {"client", "the client"},
        {"account", "an account"}, {"account_principal", "an account"}, {"first_account", "an account"},
        {"second_account", "another account"}, {"canonical", "the canonical name"}, {"responder", "the responder"},
        {"front_end", "the front end"}, {"kdc", "the KDC"}, {"referral_realm", "another realm"},
        {"port", "a port"}, {"uri", "the URL"}, {"name", "the name"}, {"etype_name", "a weak enctype"},
        {"ticket_kvno", "an old kvno"}, {"dns_addresses", "other addresses"}, {"offered", "its schemes"},
        {"for_spn", "for the SPN"},
    };
    for (const auto& [key, text] : words)
        if (key == name) return text;
    return "";
}

std::string expert_title(std::string_view summary)
{
    std::string out;
    for (size_t at = 0; at < summary.size(); ++at) {
        size_t close = summary[at] == '{' ? summary.find('}', at) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += summary[at];
            continue;
        }
        out += placeholder_words(summary.substr(at + 1, close - at - 1));
        at = close;
    }
    for (std::string_view gap : {"  ", " ;", " ,", " )", "( "}) {
        for (size_t at; (at = out.find(gap)) != std::string::npos;) out.erase(gap[0] == ' ' ? at : at + 1, 1);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

namespace kerbdiag::render {

expert_field* ei_rules = nullptr;

// Each rule at each severity: a finding is shown at its own severity, and on
// a later pass at its problem's, once the client recovered. The rule's own
// severity keeps the plain name "kerbdiag.<rule>".
void register_expert_fields(int proto)
{
    auto rules = rule_catalogue();
    size_t count = rules.size() * expert_severities;
    ei_rules = g_new0(expert_field, count);
    auto* eiri = g_new0(ei_register_info, count);
    for (size_t i = 0; i < count; ++i) {
        const RuleInfo& rule = rules[i / expert_severities];
        auto severity = static_cast<Severity>(i % expert_severities);
        ei_rules[i] = EI_INIT;
        std::string name = "kerbdiag." + std::string(rule.id);
        if (severity != rule.severity) name += "." + std::string(severity_name(severity));
        std::string summary = expert_title(rule.summary);
        eiri[i].ids = &ei_rules[i];
        eiri[i].eiinfo = {g_strdup(name.c_str()), ws_group(rule.group), ws_severity(severity),
                          g_strdup(summary.c_str()), EXPFILL};
    }
    expert_module_t* module = expert_register_protocol(proto);
    expert_register_field_array(module, eiri, static_cast<int>(count));
}

}  // namespace kerbdiag::render
