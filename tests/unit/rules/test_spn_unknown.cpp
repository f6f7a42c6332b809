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
                        "No account holds the SPN HTTP/nospn.example.test, or more than one does: the KDC answered "
                        "KDC_ERR_S_PRINCIPAL_UNKNOWN");
    // One step each: who holds it, duplicates, register when nobody does.
    assert_true(contains(finding->fix, "setspn -Q HTTP/nospn.example.test\n"));
    assert_true(contains(finding->fix, "\nLook for duplicate SPNs in the forest: setspn -X"));
    assert_true(contains(finding->fix, "\nIf no account holds it, register it"));
    assert_true(contains(finding->fix, "setspn -S HTTP/nospn.example.test EXAMPLE\\<account>"));
    assert_true(contains(finding->fix, "EXAMPLE\\NOSPN$"));
    assert_true(related_has(*finding, 1));
    assert_int_equal(*diagnosis.request_frame, 1);
    assert_null(find(diagnosis, "krb_error"));
}

// An address is not a host name: no SPN to register, no computer account to guess.
KERBDIAG_TEST(address_spn_fix_names_no_registration)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/192.0.2.7"));
    capture.feed(kdc_error(7, "HTTP/192.0.2.7"));  // ip_literal_host explains the first one
    capture.feed(tgs_req("HTTP/192.0.2.7", 50001));
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/192.0.2.7", 50001));
    const Finding* finding = find(diagnosis, "spn_unknown");
    assert_non_null(finding);
    assert_true(contains(finding->fix, "host name its SPN is registered for"));
    assert_false(contains(finding->fix, "setspn -S"));
    assert_false(contains(finding->fix, "192$"));
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
