#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_44_from_the_server)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test")));
    auto diagnosis = capture.feed(http_response(401, {negotiate_krb_error(44, "HTTP/web01.example.test")}));
    const Finding* finding = find(diagnosis, "stale_key_version");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/web01.example.test");
    assert_true(contains(finding->detail, "kvno 2"));
    assert_null(find(diagnosis, "krb_error"));
    assert_int_equal(diagnosis.verdict, Verdict::failed);
}

KERBDIAG_TEST(silent_for_44_from_the_kdc)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(kdc_error(44, "HTTP/web01.example.test"));
    assert_null(find(diagnosis, "stale_key_version"));
    assert_non_null(find(diagnosis, "krb_error"));
}
