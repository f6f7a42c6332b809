#include "problem_report.h"

#include "names.h"
#include "spn.h"
#include "text_template.h"

namespace kerbdiag {
std::string problem_frames(const Problem& problem)
{
    std::vector<std::string> frames;
    for (uint32_t frame : problem.evidence_frames()) frames.push_back(std::to_string(frame));
    return frames.empty() ? "-" : join(frames, ", ");  // a keytab fact no ticket has shown yet
}

std::string problem_detail(const Problem& problem)
{
    std::string text = problem.detail;
    if (!problem.upgraded_from.empty())
        append_sentence(text, "Concluded first as " + problem.upgraded_from + "; frame " +
                               std::to_string(problem.concluded_frame) + " showed the finer cause");
    for (const auto& other : problem.folded) {
        // "rule: summary"; a summary the detail already quotes is not repeated.
        size_t colon = other.find(": ");
        if (colon != std::string::npos && text.find(other.substr(colon + 2)) != std::string::npos) continue;
        append_sentence(text, "Also reported as " + other);
    }
    if (problem.count > 1)
        append_sentence(text, "Seen first in frame " + std::to_string(problem.first_frame) + ", last in frame " +
                               std::to_string(problem.last_frame));
    if (problem.recovered_frame != 0) {
        std::string host = problem.host.empty() ? spn_host(problem.spn) : problem.host;
        // Reached by another name (an address, then the host name): say which.
        std::string as = problem.recovered_host.empty() || same_host(problem.recovered_host, host)
                             ? ""
                             : " (as " + problem.recovered_host + ")";
        append_sentence(text, "The client recovered: Kerberos to the same site succeeded in frame " +
                               std::to_string(problem.recovered_frame) + as);
    }
    return text;
}

namespace {

std::string problem_target(const Problem& problem)
{
    if (problem.keytab && !problem.account.empty()) return problem.account;  // a fact about one account
    if (!problem.spn.empty()) return problem.spn;
    if (!problem.host.empty()) return problem.host;
    return problem.realm.empty() ? std::string(problem.rule->id) : problem.realm;
}

}  // namespace

std::string problem_row(const Problem& problem) { return std::to_string(problem.number) + ". " + problem_target(problem); }

std::string problem_cause(const Problem& problem, std::string_view rule_id, Severity severity)
{
    std::string scenario = problem.rule->scenario.empty() ? "-" : std::string(problem.rule->scenario);
    return std::string(severity_name(severity)) + " " + scenario + " " + std::string(rule_id);
}

std::string problems_report(const ProblemBook& book)
{
    auto problems = book.ranked();
    std::string out = "kerbdiag problems: " + std::to_string(problems.size()) + "\n";
    unsigned position = 0;
    for (const Problem* problem : problems) {
        std::string scenario = problem->rule->scenario.empty() ? "-" : std::string(problem->rule->scenario);
        out += "problem " + std::to_string(++position) + ": " + std::string(severity_name(problem->severity)) + " " +
               scenario + " " + std::string(problem->rule->id) + " (frames " + problem_frames(*problem) + ")\n";
        out += "    " + problem->summary + "\n";
        out += "    detail: " + problem_detail(*problem) + "\n";
        for (const auto& step : problem->fix) out += "    fix: " + step + "\n";
        out += "    seen: " + std::to_string(problem->count) + "\n";
    }
    return out;
}

}  // namespace kerbdiag
