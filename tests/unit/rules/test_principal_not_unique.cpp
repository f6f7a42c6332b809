#include "test_rule_frames.h"

using namespace lab;

static void fires_on_error_8(void**)
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

static void silent_on_other_errors(void**)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/web01.example.test")), "principal_not_unique"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_on_error_8),
        cmocka_unit_test(silent_on_other_errors),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
