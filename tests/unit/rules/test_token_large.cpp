#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(warns_over_8k_and_errs_over_12k)
{
    Capture capture;
    auto big = capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 9000)));
    const Finding* warning = find(big, "token_large");
    assert_non_null(warning);
    assert_int_equal(warning->severity, Severity::warn);
    assert_true(contains(warning->summary, "over 8 KB"));
    assert_true(contains(warning->detail, "9000 bytes"));
    auto huge = capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 13000), 2));
    const Finding* error = find(huge, "token_large");
    assert_non_null(error);
    assert_int_equal(error->severity, Severity::error);
}

KERBDIAG_TEST(silent_for_normal_tokens_and_repeats)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "token_large");
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 9000), 2));
    auto repeat = capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 9100), 2));
    assert_null(find(repeat, "token_large"));
}
