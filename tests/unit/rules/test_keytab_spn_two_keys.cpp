// keytab_spn_two_keys (S3 from the keytab) on hand-made keytab facts and verdicts.
#include "problems/problem_report.h"
#include "test_key_verdicts.h"

using namespace lab;

KERBDIAG_TEST(the_keytab_fact_is_a_problem_before_any_frame)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web_under_two_keys()});
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_true(problem->keytab);
    assert_true(problem->rule->id == "keytab_spn_two_keys");
    assert_int_equal(problem->severity, Severity::warn);
    assert_true(problem->evidence.empty());
    assert_int_equal(problem->count, 1);
    assert_true(contains(problem->summary, "The keytab holds HTTP/web.example.test under the keys of svc_a and svc_b"));
    assert_true(contains(problem->fix.front(), "keep it only on the account the site runs as: setspn -D "
                                               "HTTP/web.example.test EXAMPLE\\svc_a or setspn -D "
                                               "HTTP/web.example.test EXAMPLE\\svc_b"));
    std::string report = problems_report(capture.correlator.problems());
    assert_true(contains(report, "problem 1: warn S3 keytab_spn_two_keys (frames -)"));
    assert_true(contains(report, "detail: In the keytab: fact of the test keytab."));
    assert_true(contains(report, "seen: 1"));
    // A new file: the keytab is still loaded, so is its fact.
    capture.correlator.reset();
    assert_non_null(only_problem(capture.correlator));
}

KERBDIAG_TEST(the_first_ticket_opened_by_one_key_names_both_accounts)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web_under_two_keys()});
    capture.feed(http_request("web.example.test"));
    KeyVerdict svc_b = opened_by(6, "svc_b", {});
    auto diagnosis = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_b)));
    const Finding* finding = find(diagnosis, "keytab_spn_two_keys");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "The ticket for HTTP/web.example.test@EXAMPLE.TEST in frame 2 (kvno 2) "
                                          "opens with svc_b's key: the KDC encrypts HTTP/web.example.test for svc_b"));
    assert_true(contains(finding->detail, "svc_a holds HTTP/web.example.test too (a duplicate SPN)"));
    assert_true(contains(finding->detail, "In the keytab: fact of the test keytab."));
    assert_true(contains(finding->fix, "keep it only on svc_b: setspn -D HTTP/web.example.test EXAMPLE\\svc_a."));
    assert_false(contains(finding->fix, "EXAMPLE\\svc_b"));
    // The keytab's problem, now with its evidence; told on this frame.
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_int_equal(problem->evidence_frames().size(), 1);
    assert_int_equal(problem->evidence_frames()[0], 2);
    assert_int_equal(problem->count, 1);
    assert_true(contains(problem->detail, "opens with svc_b's key"));
    assert_int_equal(diagnosis.problems.size(), 1);
    assert_int_equal(diagnosis.problems[0].change, ProblemChange::concluded);
    // Once per file.
    auto again = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_b)));
    assert_null(find(again, "keytab_spn_two_keys"));
}

KERBDIAG_TEST(tickets_the_fact_does_not_explain_leave_it_alone)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web_under_two_keys()});
    KeyVerdict other = opened_by(7, "svc_c", {});
    auto diagnosis = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", other)));
    assert_null(find(diagnosis, "keytab_spn_two_keys"));
    KeyVerdict svc_a = opened_by(5, "svc_a", {});
    diagnosis = capture.feed(http_request("app.example.test", ap_req_opened_by("HTTP/app.example.test", svc_a)));
    assert_null(find(diagnosis, "keytab_spn_two_keys"));
    assert_true(only_problem(capture.correlator)->evidence.empty());
}

KERBDIAG_TEST(two_exports_of_one_account_say_one_is_stale)
{
    Capture capture;
    capture.correlator.set_keytab_facts(
        {keytab_fact(KeytabFactKind::two_keys, "HTTP/web.example.test", {"svc_a", "svc_a"}, {5, 6})});
    assert_true(contains(only_problem(capture.correlator)->summary, "under two keys of svc_a (two exports of it)"));
    auto diagnosis = capture.feed(
        http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", opened_by(6, "svc_a", {}))));
    const Finding* finding = find(diagnosis, "keytab_spn_two_keys");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "the keytab's other key of svc_a for HTTP/web.example.test at the same "
                                          "kvno is left from an older export"));
}

KERBDIAG_TEST(tickets_opened_by_both_keys_upgrade_it_to_a_duplicate_spn)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web_under_two_keys()});
    capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", opened_by(5, "svc_a", {}))));
    auto diagnosis = capture.feed(
        http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", opened_by(6, "svc_b", {}))));
    assert_non_null(find(diagnosis, "duplicate_spn"));
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_true(problem->rule->id == "duplicate_spn");
    assert_true(problem->upgraded_from == "keytab_spn_two_keys");
}
