#include "rule.h"

#include "names.h"
#include "spn.h"

#include <algorithm>
#include <cctype>

namespace kerbdiag {
namespace {

std::string state_key(std::string_view rule, std::string_view key)
{
    std::string text(rule);
    text += '|';
    text += key;
    return text;
}

std::vector<RegisteredRule>& rule_registry()
{
    static std::vector<RegisteredRule> rules;
    return rules;
}

}  // namespace

std::vector<std::string> FrameContext::aliases_of(std::string_view canonical) const
{
    std::vector<std::string> aliases;
    std::string wanted = normalize_host(canonical);
    state_.dns.for_each([&](const std::string& name, const DnsName& entry) {
        if (!entry.canonical.empty() && entry.canonical == wanted && name != wanted) aliases.push_back(name);
    });
    return aliases;
}

bool FrameContext::client_asked_host(std::string_view client, std::string_view host) const
{
    bool asked = false;
    state_.connections.for_each([&](const std::string&, const Connection& connection) {
        asked = asked || (connection.client == client && !connection.last_host.empty() && same_host(connection.last_host, host));
    });
    return asked;
}

const DnsName* FrameContext::dns(std::string_view name) const
{
    return state_.dns.peek(normalize_host(name));
}

std::string FrameContext::canonical_name(std::string_view name) const
{
    const DnsName* entry = dns(name);
    return entry ? entry->canonical : std::string();
}

const TgsOutcome* FrameContext::tgs_for_host(std::string_view client, std::string_view host) const
{
    const ClientHistory* history = state_.clients.peek(client);
    if (!history || host.empty()) return nullptr;
    auto it = std::find_if(history->tgs.rbegin(), history->tgs.rend(),
                           [host](const TgsOutcome& outcome) { return same_host(outcome.host, host); });
    return it == history->tgs.rend() ? nullptr : &*it;
}

const TgsOutcome* FrameContext::tgs_for_host_or_canonical(std::string_view client, std::string_view host) const
{
    if (const TgsOutcome* direct = tgs_for_host(client, host)) return direct;
    std::string canonical = canonical_name(host);
    return canonical.empty() ? nullptr : tgs_for_host(client, canonical);
}

std::any& FrameContext::rule_slot(RuleId rule, std::string_view key)
{
    return state_.rule_state.upsert(state_key(rule_id_name(rule), key), frame_.time_sec);
}

bool FrameContext::first_time(RuleId rule, std::string_view key)
{
    Once& entry = state<Once>(rule, key);
    if (entry.reported) return false;
    entry.reported = true;
    return true;
}

const std::vector<KeytabFact>& FrameContext::keytab_facts() const
{
    static const std::vector<KeytabFact> none;
    return keytab_facts_ ? *keytab_facts_ : none;
}

Finding& FindingSink::add(RuleId rule_id, const TemplateValues& values)
{
    const RuleInfo* rule = &rule_info(rule_id);
    Finding& finding = diagnosis_.findings.emplace_back();
    finding.rule = rule;
    finding.severity = rule->severity;
    finding.summary = fill_template(rule->summary, values);
    // Placeholders such as {responder} may open the sentence.
    if (!finding.summary.empty())
        finding.summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(finding.summary[0])));
    finding.fix = fill_template(rule->fix, values);
    auto value_of = [&values](std::string_view key) {
        auto it = values.find(key);
        return it == values.end() ? std::string() : it->second;
    };
    finding.spn = value_of("spn");
    finding.host = value_of("host");
    finding.account = value_of("account");
    finding.realm = value_of("realm");
    return finding;
}

const std::vector<RegisteredRule>& registered_rules() { return rule_registry(); }

RuleRegistrar::RuleRegistrar(RuleId id, RuleFunction function)
{
    auto& rules = rule_registry();
    std::string_view name = rule_id_name(id);
    // Sorted by name: the order findings appear in does not depend on link order.
    auto at = std::find_if(rules.begin(), rules.end(), [name](const RegisteredRule& rule) { return rule.name > name; });
    rules.insert(at, RegisteredRule{id, name, function});
}

}  // namespace kerbdiag
