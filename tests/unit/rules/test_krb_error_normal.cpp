#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(preauth_required_and_response_too_big_are_chat)
{
    Capture capture;
    capture.feed(as_req("alice"));
    auto preauth = capture.feed(kdc_error(25, "krbtgt/EXAMPLE.TEST"));
    const Finding* finding = find(preauth, "krb_error_normal");
    assert_non_null(finding);
    assert_int_equal(finding->severity, Severity::chat);
    assert_string_equal(finding->summary.c_str(),
                        "KDC_ERR_PREAUTH_REQUIRED (25) is a normal protocol step: the KDC asks for "
                        "pre-authentication, the normal first answer to an AS-REQ");
    capture.feed(tgs_req("HTTP/web01.example.test", 50002));
    assert_non_null(find(capture.feed(kdc_error(52, "HTTP/web01.example.test", 50002)), "krb_error_normal"));
}

KERBDIAG_TEST(wrong_realm_to_as_req_is_a_client_referral)
{
    Capture capture;
    capture.feed(as_req("alice@OTHER.TEST"));
    assert_non_null(find(capture.feed(kdc_error(68, "krbtgt/EXAMPLE.TEST")), "krb_error_normal"));
}

KERBDIAG_TEST(real_errors_are_not_normal)
{
    Capture capture;
    capture.feed(as_req("alice"));
    assert_null(find(capture.feed(kdc_error(24, "krbtgt/EXAMPLE.TEST")), "krb_error_normal"));
}
