#include "test_rule_frames.h"

using namespace lab;

static void fires_on_44_from_the_server(void**)
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

static void silent_for_44_from_the_kdc(void**)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(kdc_error(44, "HTTP/web01.example.test"));
    assert_null(find(diagnosis, "stale_key_version"));
    assert_non_null(find(diagnosis, "krb_error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_on_44_from_the_server),
        cmocka_unit_test(silent_for_44_from_the_kdc),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
