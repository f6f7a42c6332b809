#include "problem_book.h"

#include "frame_role.h"
#include "names.h"
#include "spn.h"
#include "text_template.h"

#include <algorithm>

namespace kerbdiag {
namespace {

bool same_spn(std::string_view a, std::string_view b) { return !a.empty() && iequals(a, b); }

bool same_target_host(std::string_view a, std::string_view b) { return !a.empty() && !b.empty() && same_host(a, b); }

// Two statements are about the same target when they name the same SPN or
// the same host; statements that name neither are about their realm.
template <typename A, typename B>
bool same_target(const A& a, const B& b)
{
    if (same_spn(a.spn, b.spn) || same_target_host(a.host, b.host)) return true;
    bool a_named = !a.spn.empty() || !a.host.empty();
    bool b_named = !b.spn.empty() || !b.host.empty();
    return !a_named && !b_named && iequals(a.realm, b.realm);
}

bool overlap(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b)
{
    return std::any_of(a.begin(), a.end(), [&b](uint32_t frame) {
        return std::find(b.begin(), b.end(), frame) != b.end();
    });
}

bool same_event(const Finding& a, const Finding& b) { return overlap(a.related, b.related) || same_target(a, b); }

Severity max_severity(Severity a, Severity b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

std::vector<std::string> fix_steps(const std::string& fix)
{
    std::vector<std::string> steps;
    size_t start = 0;
    while (start <= fix.size()) {
        size_t end = fix.find('\n', start);
        if (end == std::string::npos) end = fix.size();
        std::string step = fix.substr(start, end - start);
        if (!step.empty()) steps.push_back(std::move(step));
        start = end + 1;
    }
    return steps;
}

std::string folded_text(const Finding& finding) { return std::string(finding.rule->id) + ": " + finding.summary; }

void add_folded(Problem& problem, std::string text)
{
    if (std::find(problem.folded.begin(), problem.folded.end(), text) != problem.folded.end()) return;
    if (problem.folded.size() < Problem::max_evidence) problem.folded.push_back(std::move(text));
}

void take_explanation(Problem& problem, const Finding& finding)
{
    problem.rule = finding.rule;
    problem.summary = finding.summary;
    problem.detail = finding.detail;
    problem.fix = fix_steps(finding.fix);
    if (!finding.spn.empty()) problem.spn = finding.spn;
    if (!finding.host.empty()) problem.host = finding.host;
    if (!finding.account.empty()) problem.account = finding.account;
    if (!finding.realm.empty()) problem.realm = finding.realm;
}

}  // namespace

std::vector<uint32_t> Problem::evidence_frames() const
{
    std::vector<uint32_t> frames;
    for (const auto& item : evidence) frames.push_back(item.frame);
    return frames;
}

void fold_same_event(std::vector<Finding>& findings)
{
    std::vector<bool> folded(findings.size(), false);
    for (size_t coarse = 0; coarse < findings.size(); ++coarse) {
        for (size_t fine = 0; fine < findings.size(); ++fine) {
            if (fine == coarse || folded[fine]) continue;
            Finding& finer = findings[fine];
            const Finding& coarser = findings[coarse];
            if (!rule_refines(*finer.rule, *coarser.rule) || !same_event(finer, coarser)) continue;
            append_sentence(finer.detail, "It also explains: " + coarser.summary);
            finer.severity = max_severity(finer.severity, coarser.severity);
            for (uint32_t frame : coarser.related)
                if (std::find(finer.related.begin(), finer.related.end(), frame) == finer.related.end())
                    finer.related.push_back(frame);
            std::sort(finer.related.begin(), finer.related.end());
            folded[coarse] = true;
            break;
        }
    }
    size_t index = 0;
    std::erase_if(findings, [&](const Finding&) { return folded[index++]; });
}

ProblemBook::ProblemBook(ProblemLimits limits) : limits_(limits) {}

void ProblemBook::reset()
{
    next_number_ = 1;
    problems_.clear();
    roles_.clear();
    role_order_.clear();
    conclude_keytab_problems();
}

void ProblemBook::set_keytab_problems(std::vector<Finding> findings)
{
    std::erase_if(problems_, [](const Problem& problem) { return problem.keytab; });
    keytab_findings_ = std::move(findings);
    conclude_keytab_problems();
}

void ProblemBook::conclude_keytab_problems()
{
    for (const auto& finding : keytab_findings_) {
        Problem& problem = conclude(finding, 0);
        problem.keytab = true;
        problem.count = 1;
    }
}

const Problem* ProblemBook::find(uint32_t number) const
{
    auto it = std::find_if(problems_.begin(), problems_.end(), [number](const Problem& p) { return p.number == number; });
    return it == problems_.end() ? nullptr : &*it;
}

std::vector<const Problem*> ProblemBook::ranked() const
{
    std::vector<const Problem*> list;
    for (const auto& problem : problems_) list.push_back(&problem);
    std::stable_sort(list.begin(), list.end(), [](const Problem* a, const Problem* b) {
        if (a->severity != b->severity) return static_cast<int>(a->severity) > static_cast<int>(b->severity);
        return a->first_frame < b->first_frame;
    });
    return list;
}

void ProblemBook::remember_role(const FrameObservation& frame)
{
    std::string role = frame_role(frame);
    if (role.empty()) return;
    if (role_order_.size() >= limits_.max_roles) {
        roles_.erase(role_order_.front());
        role_order_.pop_front();
    }
    if (roles_.insert_or_assign(frame.frame, std::move(role)).second) role_order_.push_back(frame.frame);
}

std::string ProblemBook::role_of(uint32_t frame) const
{
    auto it = roles_.find(frame);
    return it == roles_.end() ? std::string() : it->second;
}

// Same cause again: same rule and target. Otherwise a finer or coarser
// explanation of a cause already concluded for the same target.
Problem* ProblemBook::match(const Finding& finding)
{
    // A keytab fact told on its first ticket: that ticket may name an SPN the fact did not.
    for (auto& problem : problems_)
        if (problem.keytab && problem.evidence.empty() && problem.rule == finding.rule &&
            iequals(problem.account, finding.account) && iequals(problem.realm, finding.realm) &&
            (problem.spn.empty() || same_spn(problem.spn, finding.spn)))
            return &problem;
    for (auto& problem : problems_)
        if (problem.rule == finding.rule && same_target(problem, finding) &&
            (problem.account.empty() || finding.account.empty() || iequals(problem.account, finding.account)))
            return &problem;
    for (auto& problem : problems_)
        if ((same_target(problem, finding) || overlap(problem.evidence_frames(), finding.related)) &&
            (rule_refines(*finding.rule, *problem.rule) || rule_refines(*problem.rule, *finding.rule)))
            return &problem;
    return nullptr;
}

void ProblemBook::add_evidence(Problem& problem, const Finding& finding, uint32_t frame, bool retold)
{
    // A consequence (a retry, a fallback) is evidence of its cause, not another
    // occurrence; nor is a finer account of an event the problem already holds.
    bool occurrence = (!finding.rule->consequence || problem.rule->consequence) && !retold;
    // The first ticket a keytab fact explains is the sighting the keytab already counted.
    bool counted = problem.keytab && problem.first_frame == 0;
    std::vector<uint32_t> frames = finding.related;
    frames.push_back(frame);
    for (uint32_t evidence_frame : frames) {
        if (evidence_frame == 0) continue;
        auto& list = problem.evidence;
        auto at = std::lower_bound(list.begin(), list.end(), evidence_frame,
                                   [](const ProblemEvidence& item, uint32_t f) { return item.frame < f; });
        if (at != list.end() && at->frame == evidence_frame) continue;
        if (list.size() >= Problem::max_evidence) {
            if (evidence_frame < list.back().frame) continue;
            list.pop_back();
            at = list.end();
        }
        list.insert(at, ProblemEvidence{evidence_frame, role_of(evidence_frame)});
    }
    if (retold && problem.recovered_frame == 0) problem.severity = max_severity(problem.severity, finding.severity);
    if (!occurrence) return;
    if (problem.last_frame != frame && !counted) ++problem.count;
    problem.last_frame = frame;
    if (problem.first_frame == 0) problem.first_frame = problem.evidence.front().frame;
    if (problem.recovered_frame == 0) problem.severity = max_severity(problem.severity, finding.severity);
}

void ProblemBook::make_room()
{
    if (problems_.size() < limits_.max_problems) return;
    // Forget the least severe, least recent problem.
    auto victim = std::min_element(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
        if (a.severity != b.severity) return static_cast<int>(a.severity) < static_cast<int>(b.severity);
        return a.last_frame < b.last_frame;
    });
    problems_.erase(victim);
}

Problem& ProblemBook::conclude(const Finding& finding, uint32_t frame)
{
    make_room();
    Problem& problem = problems_.emplace_back();
    problem.number = next_number_++;
    problem.severity = finding.severity;
    problem.concluded_frame = frame;
    take_explanation(problem, finding);
    return problem;
}

void ProblemBook::upgrade(Problem& problem, const Finding& finding, uint32_t frame)
{
    add_folded(problem, std::string(problem.rule->id) + ": " + problem.summary);
    if (problem.upgraded_from.empty()) problem.upgraded_from = problem.rule->id;
    take_explanation(problem, finding);
    problem.concluded_frame = frame;
}

void ProblemBook::recover(const FrameDiagnosis& diagnosis, uint32_t frame, std::vector<ProblemUpdate>& updates)
{
    if (diagnosis.verdict != Verdict::kerberos_ok) return;
    for (auto& problem : problems_) {
        if (!problem.rule->recoverable || problem.recovered_frame != 0) continue;
        std::string host = problem.host.empty() ? spn_host(problem.spn) : problem.host;
        bool same = same_target_host(host, diagnosis.verdict_host) || same_target_host(host, diagnosis.verdict_server);
        if (!same) continue;
        problem.recovered_frame = frame;
        problem.recovered_host = normalize_host(diagnosis.verdict_host);
        problem.severity = std::min(problem.severity, Severity::note, [](Severity a, Severity b) {
            return static_cast<int>(a) < static_cast<int>(b);
        });
        updates.push_back({problem.number, ProblemChange::recovered});
    }
}

void ProblemBook::observe(const FrameObservation& frame, FrameDiagnosis& diagnosis)
{
    remember_role(frame);
    fold_same_event(diagnosis.findings);
    for (auto& finding : diagnosis.findings) {
        if (!finding.rule || finding.severity == Severity::chat) continue;  // normal protocol steps are no problem
        Problem* problem = match(finding);
        ProblemChange change = ProblemChange::repeated;
        bool retold = false;
        if (!problem) {
            problem = &conclude(finding, frame.frame);
            change = ProblemChange::concluded;
        } else if (problem->keytab && problem->evidence.empty() && problem->rule == finding.rule) {
            // The first ticket the keytab fact explains: told with that ticket.
            take_explanation(*problem, finding);
            problem->concluded_frame = frame.frame;
            change = ProblemChange::concluded;
        } else if (problem->rule != finding.rule && rule_refines(*finding.rule, *problem->rule)) {
            // Its evidence already in the problem: the same event, told better.
            retold = problem->last_frame != frame.frame && overlap(finding.related, problem->evidence_frames());
            upgrade(*problem, finding, frame.frame);
            change = ProblemChange::upgraded;
        } else if (problem->rule != finding.rule) {
            // A coarser account of an event the problem holds is no new occurrence either.
            retold = overlap(finding.related, problem->evidence_frames());
            add_folded(*problem, folded_text(finding));
        }
        finding.problem = problem->number;
        bool first_this_frame = problem->last_frame != frame.frame;
        add_evidence(*problem, finding, frame.frame, retold);
        if (first_this_frame || change != ProblemChange::repeated) diagnosis.problems.push_back({problem->number, change});
    }
    recover(diagnosis, frame.frame, diagnosis.problems);
}

}  // namespace kerbdiag
