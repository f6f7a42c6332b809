#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_error_8)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(kdc_error(8, "HTTP/web01.example.test"));
    const Finding* finding = find(diagnosis, "principal_not_unique");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/web01.example.test");
    assert_true(contains(finding->fix, "setspn -X"));
    assert_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(silent_on_other_errors)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/web01.example.test")), "principal_not_unique"));
}
