// The problem layer: one problem per cause, counted, upgraded by finer
// evidence, recovered when Kerberos later works, and its text report.
#include "problem_book.h"
#include "problem_report.h"
#include "test_rule_frames.h"

using namespace lab;

namespace {

Finding finding(const char* rule_id, const std::string& spn, const std::string& host,
                std::vector<uint32_t> related = {})
{
    Finding f;
    f.rule = find_rule(rule_id);
    assert_non_null(f.rule);
    f.severity = f.rule->severity;
    f.summary = std::string(rule_id) + " about " + spn;
    f.fix = "step one\nstep two";
    f.detail = "evidence";
    f.spn = spn;
    f.host = host;
    f.related = std::move(related);
    return f;
}

struct Book {
    ProblemBook book;
    uint32_t frame = 0;

    FrameDiagnosis feed(std::vector<Finding> findings, Verdict verdict = Verdict::none,
                        const std::string& host = "", const std::string& server = "")
    {
        FrameObservation observation;
        observation.frame = ++frame;
        FrameDiagnosis diagnosis;
        diagnosis.findings = std::move(findings);
        diagnosis.verdict = verdict;
        diagnosis.verdict_host = host;
        diagnosis.verdict_server = server;
        book.observe(observation, diagnosis);
        return diagnosis;
    }
};

const char* const spn = "HTTP/web01.example.test";
const char* const host = "web01.example.test";

}  // namespace

KERBDIAG_TEST(repeats_are_one_problem_with_a_count)
{
    Book b;
    for (int i = 0; i < 4; ++i) b.feed({finding("spn_unknown", "HTTP/nospn.example.test", "nospn.example.test", {b.frame})});
    assert_int_equal(b.book.size(), 1);
    const Problem* problem = b.book.ranked().front();
    assert_int_equal(problem->count, 4);
    assert_int_equal(problem->first_frame, 1);  // the related frame 0 is no frame
    assert_int_equal(problem->last_frame, 4);
}

KERBDIAG_TEST(one_event_keeps_the_finer_explanation)
{
    Book b;
    auto diagnosis = b.feed({finding("server_cannot_decrypt", spn, host, {3}), finding("ticket_wrong_account", spn, host, {3})});
    assert_int_equal(diagnosis.findings.size(), 1);
    const Finding& kept = diagnosis.findings.front();
    assert_string_equal(std::string(kept.rule->id).c_str(), "ticket_wrong_account");
    assert_true(contains(kept.detail, "server_cannot_decrypt about"));
    assert_int_equal(b.book.size(), 1);
    assert_int_equal(diagnosis.problems.size(), 1);
    assert_int_equal(diagnosis.problems.front().change, ProblemChange::concluded);
}

KERBDIAG_TEST(unrelated_events_stay_apart)
{
    Book b;
    auto diagnosis = b.feed({finding("server_cannot_decrypt", spn, host, {3}),
                             finding("ticket_wrong_account", "HTTP/app.example.test", "app.example.test", {5})});
    assert_int_equal(diagnosis.findings.size(), 2);
    assert_int_equal(b.book.size(), 2);
}

KERBDIAG_TEST(finer_evidence_upgrades_the_problem)
{
    Book b;
    b.feed({finding("server_cannot_decrypt", spn, host)});
    auto later = b.feed({finding("ticket_wrong_account", spn, host)});
    assert_int_equal(b.book.size(), 1);
    const Problem* problem = b.book.ranked().front();
    assert_string_equal(std::string(problem->rule->id).c_str(), "ticket_wrong_account");
    assert_string_equal(problem->upgraded_from.c_str(), "server_cannot_decrypt");
    assert_int_equal(problem->concluded_frame, 2);
    assert_int_equal(problem->count, 2);
    assert_int_equal(later.problems.front().change, ProblemChange::upgraded);
    assert_true(contains(problem_detail(*problem), "Concluded first as server_cannot_decrypt; frame 2"));
}

KERBDIAG_TEST(coarser_repeat_is_counted_not_concluded)
{
    Book b;
    b.feed({finding("ticket_wrong_account", spn, host)});
    auto later = b.feed({finding("server_cannot_decrypt", spn, host)});
    assert_int_equal(b.book.size(), 1);
    const Problem* problem = b.book.ranked().front();
    assert_string_equal(std::string(problem->rule->id).c_str(), "ticket_wrong_account");
    assert_int_equal(problem->count, 2);
    assert_int_equal(later.problems.front().change, ProblemChange::repeated);
}

KERBDIAG_TEST(prompt_loop_is_folded_into_its_cause)
{
    Book b;
    b.feed({finding("server_cannot_decrypt", spn, host)});
    b.feed({finding("server_cannot_decrypt", spn, host)});
    b.feed({finding("server_cannot_decrypt", spn, host), finding("auth_loop", "", host)});
    assert_int_equal(b.book.size(), 1);
    assert_int_equal(b.book.ranked().front()->count, 3);
}

KERBDIAG_TEST(later_kerberos_success_recovers_a_client_attempt)
{
    Book b;
    auto failed = b.feed({finding("spn_unknown", "HTTP/10.0.0.21", "10.0.0.21")});
    assert_int_equal(failed.findings.front().problem, 1);  // a later pass shows the problem's severity
    b.feed({finding("server_cannot_decrypt", "HTTP/app.example.test", "app.example.test")});
    auto ok = b.feed({}, Verdict::kerberos_ok, host, "10.0.0.21");
    const Problem* ip = b.book.find(1);
    assert_int_equal(ip->severity, Severity::note);
    assert_int_equal(ip->recovered_frame, 3);
    assert_int_equal(ok.problems.size(), 1);
    assert_int_equal(ok.problems.front().change, ProblemChange::recovered);
    // A server that cannot decrypt is not something the client recovers from.
    assert_int_equal(b.book.find(2)->severity, Severity::error);
    assert_int_equal(b.book.ranked().front()->number, 2);
}

KERBDIAG_TEST(chat_findings_are_no_problem)
{
    Book b;
    b.feed({finding("krb_error_normal", "krbtgt/EXAMPLE.TEST", "")});
    assert_int_equal(b.book.size(), 0);
}

KERBDIAG_TEST(report_has_the_fixed_shape)
{
    Book b;
    b.feed({finding("weak_etype", "HTTP/legacy.example.test", "legacy.example.test")});
    b.feed({finding("spn_unknown", "HTTP/nospn.example.test", "nospn.example.test", {1})});
    b.feed({finding("spn_unknown", "HTTP/nospn.example.test", "nospn.example.test")});
    std::string report = problems_report(b.book);
    const char* expected =
        "kerbdiag problems: 2\n"
        "problem 1: error S1 spn_unknown (frames 1, 2, 3)\n"
        "    spn_unknown about HTTP/nospn.example.test\n"
        "    detail: evidence. Seen first in frame 1, last in frame 3.\n"
        "    fix: step one\n"
        "    fix: step two\n"
        "    seen: 2\n"
        "problem 2: note S17 weak_etype (frames 1)\n"
        "    weak_etype about HTTP/legacy.example.test\n"
        "    detail: evidence\n"
        "    fix: step one\n"
        "    fix: step two\n"
        "    seen: 1\n";
    assert_string_equal(report.c_str(), expected);
}

KERBDIAG_TEST(problems_are_capped)
{
    ProblemBook book(ProblemLimits{4, 16});
    for (uint32_t i = 1; i <= 10; ++i) {
        FrameObservation observation;
        observation.frame = i;
        FrameDiagnosis diagnosis;
        std::string name = "host" + std::to_string(i) + ".example.test";
        diagnosis.findings.push_back(finding("spn_unknown", "HTTP/" + name, name));
        book.observe(observation, diagnosis);
    }
    assert_int_equal(book.size(), 4);
    assert_non_null(book.find(10));
    assert_null(book.find(1));
}

KERBDIAG_TEST(refinement_follows_the_catalogue)
{
    const RuleInfo* wrong = find_rule("ticket_wrong_account");
    const RuleInfo* decrypt = find_rule("server_cannot_decrypt");
    const RuleInfo* duplicate = find_rule("duplicate_spn");
    assert_true(rule_refines(*wrong, *decrypt));
    assert_false(rule_refines(*decrypt, *wrong));
    assert_true(rule_refines(*duplicate, *decrypt));  // through ticket_wrong_account
    for (const auto& rule : rule_catalogue()) {
        assert_false(rule_refines(rule, rule));
        std::string_view list = rule.refines;
        while (!list.empty()) {
            size_t space = list.find(' ');
            std::string id(list.substr(0, space));
            if (!find_rule(id)) fail_msg("%s refines unknown rule %s", std::string(rule.id).c_str(), id.c_str());
            list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
        }
    }
}

KERBDIAG_TEST(correlator_keeps_problems_across_frames_and_resets)
{
    Capture capture;
    for (int i = 0; i < 2; ++i) {
        capture.feed(tgs_req("HTTP/nospn.example.test"));
        capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    }
    assert_int_equal(capture.correlator.problems().size(), 1);
    assert_int_equal(capture.correlator.problems().ranked().front()->count, 2);
    capture.correlator.reset();
    assert_int_equal(capture.correlator.problems().size(), 0);
}
