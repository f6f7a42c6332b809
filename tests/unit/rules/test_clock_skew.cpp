#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(kdc_skew_against_capture_time)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    FrameObservation error = kdc_error(37, "HTTP/web01.example.test");
    error.kerberos[0].stime = capture.now + 600;
    auto diagnosis = capture.feed(error);
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Clock skew between the client and the KDC is too great (KRB_AP_ERR_SKEW)");
    assert_int_equal(*diagnosis.skew_seconds, 600);
    assert_true(contains(finding->detail, "600 s (0h 10m 0s) ahead"));
    assert_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(server_skew_against_ctime)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test")));
    AuthHeader error = negotiate_krb_error(37, "WEB01$");
    error.kerberos[0].stime = 1000;
    error.kerberos[0].ctime = 1400;
    auto diagnosis = capture.feed(http_response(401, {error}));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "web server web01.example.test"));
    assert_int_equal(*diagnosis.skew_seconds, -400);
    assert_true(contains(finding->detail, "behind the client's"));
    assert_int_equal(diagnosis.verdict, Verdict::failed);
}

KERBDIAG_TEST(silent_on_other_errors)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/web01.example.test")), "clock_skew"));
}
