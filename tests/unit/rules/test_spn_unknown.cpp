#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_the_error_answering_a_tgs_req)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/nospn.example.test"));
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    const Finding* finding = find(diagnosis, "spn_unknown");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/nospn.example.test");
    assert_string_equal(finding->summary.c_str(),
                        "No account holds the SPN HTTP/nospn.example.test: the KDC answered KDC_ERR_S_PRINCIPAL_UNKNOWN");
    assert_true(contains(finding->fix, "setspn -S HTTP/nospn.example.test EXAMPLE\\<account>"));
    assert_true(contains(finding->fix, "setspn -Q HTTP/nospn.example.test"));
    assert_true(related_has(*finding, 1));
    assert_int_equal(*diagnosis.request_frame, 1);
    assert_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(krbtgt_referral_probe_is_normal)
{
    Capture capture;
    capture.feed(tgs_req("krbtgt/OTHER.TEST"));
    auto diagnosis = capture.feed(kdc_error(7, "krbtgt/OTHER.TEST"));
    assert_null(find(diagnosis, "spn_unknown"));
    assert_non_null(find(diagnosis, "krb_error_normal"));
}

KERBDIAG_TEST(as_req_for_unknown_service_is_a_plain_error)
{
    Capture capture;
    capture.feed(as_req("alice"));
    auto diagnosis = capture.feed(kdc_error(7, "krbtgt/EXAMPLE.TEST"));
    assert_null(find(diagnosis, "spn_unknown"));
}

KERBDIAG_TEST(silent_on_healthy_flow)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "spn_unknown");
}
