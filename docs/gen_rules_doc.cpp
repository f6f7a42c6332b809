// Writes the rule catalogue as a Markdown page (docs/rules.md in the build dir).
#include "rule_catalogue.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using kerbdiag::RuleInfo;

// Markdown tables break on '|'; templates never need one, but be safe.
std::string cell(std::string_view text)
{
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

// Scenario order (S1, S2, ... S18), then id.
bool by_scenario(const RuleInfo* a, const RuleInfo* b)
{
    auto number = [](std::string_view scenario) { return std::stoi(std::string(scenario.substr(1))); };
    if (a->scenario != b->scenario) return number(a->scenario) < number(b->scenario);
    return a->id < b->id;
}

void print_table(std::ostream& out, const std::vector<const RuleInfo*>& rules)
{
    out << "| Rule | Severity | Group | Scenario | Summary |\n|---|---|---|---|---|\n";
    for (const RuleInfo* rule : rules)
        out << "| [`" << rule->id << "`](#" << rule->id << ") | " << kerbdiag::severity_name(rule->severity)
                  << " | " << kerbdiag::group_name(rule->group) << " | " << rule->scenario << " | "
                  << cell(rule->summary) << " |\n";
}

void print_rule(std::ostream& out, const RuleInfo& rule)
{
    out << "\n## " << rule.id << "\n\n"
              << "Severity **" << kerbdiag::severity_name(rule.severity) << "**, group "
              << kerbdiag::group_name(rule.group) << ", scenario " << rule.scenario
              << ". Display filter: `kerbdiag." << rule.id << "`.\n\n"
              << "**Summary:** " << rule.summary << "\n\n"
              << rule.explanation << "\n\n"
              << "**Fix:** " << rule.fix << "\n";
}

}  // namespace

// Writes to the file named by the first argument, or to stdout.
int main(int argc, char** argv)
{
    std::ofstream file;
    if (argc > 1) file.open(argv[1]);
    if (argc > 1 && !file) return 1;
    std::ostream& out = argc > 1 ? static_cast<std::ostream&>(file) : std::cout;

    std::vector<const RuleInfo*> rules;
    for (const auto& rule : kerbdiag::rule_catalogue()) rules.push_back(&rule);
    std::sort(rules.begin(), rules.end(), by_scenario);

    out << "# kerbdiag rules\n\n"
                 "Generated from `expert_rules/*.rule`; edit those files, not this page.\n"
                 "Scenario numbers refer to the field guide (S1..S18). Words in `{braces}` are\n"
                 "filled with the objects of each finding (SPN, host, account, realm...).\n\n";
    print_table(out, rules);
    for (const RuleInfo* rule : rules) print_rule(out, *rule);
    return out ? 0 : 1;
}
