// keytab_rc4_only (S17 from the keytab) on hand-made keytab facts and verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeytabFact legacy_rc4_only()
{
    return keytab_fact(KeytabFactKind::rc4_only, "svc_legacy", {"svc_legacy"}, {3}, {1}, {23});
}

}  // namespace

KERBDIAG_TEST(an_rc4_only_account_is_a_note_of_the_keytab)
{
    Capture capture;
    capture.correlator.set_keytab_facts({legacy_rc4_only()});
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_true(contains(problem->summary, "The keytab holds only RC4 keys of svc_legacy"));
    assert_true(contains(problem->fix.front(), "Enable AES on svc_legacy"));
}

KERBDIAG_TEST(the_first_ticket_of_that_account_tells_it)
{
    Capture capture;
    capture.correlator.set_keytab_facts({legacy_rc4_only()});
    AuthHeader auth = negotiate_ap_req("HTTP/legacy.example.test", 2400, 23);
    auth.kerberos[0].tickets[0].key = opened_by(3, "svc_legacy", {});
    auto diagnosis = capture.feed(http_request("legacy.example.test", auth));
    const Finding* finding = find(diagnosis, "keytab_rc4_only");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "opens with svc_legacy's arcfour-hmac key; the keytab has no AES key of "
                                          "svc_legacy"));
    // The ticket's weak_etype note is the same event, explained by the keytab.
    assert_null(find(diagnosis, "weak_etype"));
    assert_true(contains(finding->detail, "It also explains: Ticket for HTTP/legacy.example.test is encrypted with"));
    const Problem* problem = problem_of(capture.correlator, "keytab_rc4_only");
    assert_non_null(problem);
    assert_int_equal(problem->evidence_frames().size(), 1);
    assert_null(find(capture.feed(http_request("legacy.example.test", auth)), "keytab_rc4_only"));
}

KERBDIAG_TEST(tickets_of_other_accounts_are_not_explained)
{
    Capture capture;
    capture.correlator.set_keytab_facts({legacy_rc4_only()});
    auto diagnosis = capture.feed(
        http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", opened_by(4, "svc_web", {}))));
    assert_null(find(diagnosis, "keytab_rc4_only"));
}
