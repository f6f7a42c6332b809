#include "keytab_evidence.h"

#include "keytab_oracle.h"
#include "names.h"
#include "rules/rule.h"

#include <algorithm>

namespace kerbdiag {
namespace {

std::vector<std::string> distinct_short_names(const std::vector<std::string>& accounts)
{
    std::vector<std::string> names;
    for (const auto& account : accounts) {
        std::string name = without_realm(account);
        if (std::none_of(names.begin(), names.end(), [&](const std::string& n) { return iequals(n, name); }))
            names.push_back(name);
    }
    return names;
}

// "A and B", "A, B and C"
std::string and_list(const std::vector<std::string>& items)
{
    if (items.size() <= 1) return items.empty() ? std::string() : items.front();
    return join(std::vector<std::string>(items.begin(), items.end() - 1), ", ") + " and " + items.back();
}

std::string owners_text(const std::vector<std::string>& names)
{
    if (names.size() == 1) return "two keys of " + names.front() + " (two exports of it)";
    return "the keys of " + and_list(names);
}

// setspn -D for every account but the one to keep; all of them when none is known.
std::string remove_commands(const std::string& spn, const std::string& domain, const std::vector<std::string>& names,
                            const std::string& keep)
{
    if (names.size() < 2)
        return "the directory needs no change, both keys are " + (names.empty() ? spn : names.front()) + "'s";
    std::vector<std::string> commands;
    for (const auto& name : names)
        if (!iequals(name, keep)) commands.push_back("setspn -D " + spn + " " + domain + "\\" + name);
    return join(commands, " or ");
}

std::string enctype_names(const std::vector<int32_t>& enctypes)
{
    std::vector<std::string> names;
    for (int32_t enctype : enctypes) names.push_back(enctype_name(enctype));
    return join(names, ", ");
}

std::string kvno_text(const std::vector<uint32_t>& kvnos)
{
    std::vector<std::string> texts;
    for (uint32_t kvno : kvnos) texts.push_back(std::to_string(kvno));
    return and_list(texts);
}

}  // namespace

std::string without_realm(const std::string& principal) { return principal.substr(0, principal.rfind('@')); }

RuleId keytab_fact_rule(KeytabFactKind kind)
{
    switch (kind) {
    case KeytabFactKind::two_keys: return RuleId::keytab_spn_two_keys;
    case KeytabFactKind::unsupported_enctypes: return RuleId::keytab_enctype_unsupported;
    case KeytabFactKind::rc4_only: return RuleId::keytab_rc4_only;
    case KeytabFactKind::several_kvnos: return RuleId::keytab_several_kvnos;
    }
    return RuleId::keytab_spn_two_keys;
}

TemplateValues keytab_fact_values(const KeytabFact& fact, const std::string& opened_by)
{
    TemplateValues values{{"realm", fact.realm},
                          {"domain", netbios_domain(fact.realm)},
                          {"kvnos", kvno_text(fact.kvnos)},
                          {"enctypes", enctype_names(fact.enctypes)}};
    auto names = distinct_short_names(fact.accounts);
    if (fact.kind == KeytabFactKind::two_keys) {
        values["spn"] = fact.name;
        values["owners"] = owners_text(names);
        values["keep"] = !opened_by.empty()  ? opened_by
                         : names.size() == 1 ? names.front()
                                             : "the account the site runs as";
        values["remove_command"] = remove_commands(fact.name, values["domain"], names, opened_by);
    } else if (!names.empty()) {
        values["account"] = names.front();
    }
    return values;
}

Finding keytab_fact_finding(const KeytabFact& fact)
{
    FrameDiagnosis scratch;
    FindingSink sink(scratch);
    Finding finding = sink.add(keytab_fact_rule(fact.kind), keytab_fact_values(fact));
    finding.detail = "In the keytab: " + fact.detail;
    return finding;
}

}  // namespace kerbdiag
