// keytab_enctype_unsupported on hand-made keytab facts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeytabFact des_skipped()
{
    KeytabFact fact = keytab_fact(KeytabFactKind::unsupported_enctypes, "", {}, {}, {1}, {3});
    fact.principals = {"HTTP/old.example.test@" + realm};
    return fact;
}

}  // namespace

KERBDIAG_TEST(skipped_enctypes_are_a_note_of_the_keytab)
{
    Capture capture;
    capture.correlator.set_keytab_facts({des_skipped()});
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_int_equal(problem->severity, Severity::note);
    assert_true(contains(problem->summary, "The keytab has entries of des-cbc-md5"));
}

KERBDIAG_TEST(a_ticket_of_a_skipped_enctype_is_told_once)
{
    Capture capture;
    capture.correlator.set_keytab_facts({des_skipped()});
    AuthHeader auth = negotiate_ap_req("HTTP/old.example.test", 2400, 3);
    auth.kerberos[0].tickets[0].cipher.assign(64, 0x42);
    auto diagnosis = capture.feed(http_request("old.example.test", auth));
    const Finding* finding = find(diagnosis, "keytab_enctype_unsupported");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "The ticket for HTTP/old.example.test@EXAMPLE.TEST in frame 1 is des-cbc-md5"));
    const Problem* problem = problem_of(capture.correlator, "keytab_enctype_unsupported");
    assert_non_null(problem);
    assert_int_equal(problem->evidence_frames().size(), 1);
    assert_null(find(capture.feed(http_request("old.example.test", auth)), "keytab_enctype_unsupported"));
}

KERBDIAG_TEST(tickets_of_other_enctypes_are_not_explained)
{
    Capture capture;
    capture.correlator.set_keytab_facts({des_skipped()});
    AuthHeader auth = negotiate_ap_req("HTTP/old.example.test");
    auth.kerberos[0].tickets[0].cipher.assign(64, 0x42);
    assert_null(find(capture.feed(http_request("old.example.test", auth)), "keytab_enctype_unsupported"));
}
