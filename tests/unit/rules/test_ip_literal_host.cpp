#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_once_on_the_first_request_to_an_ip)
{
    Capture capture;
    auto first = capture.feed(http_request("10.0.0.21"));
    capture.feed(http_response(401, {offer("Negotiate")}));
    auto second = capture.feed(http_request("10.0.0.21"));
    const Finding* finding = find(first, "ip_literal_host");
    assert_non_null(finding);
    assert_string_equal(finding->host.c_str(), "10.0.0.21");
    assert_null(find(second, "ip_literal_host"));
    assert_null(find(first, "loopback_target"));
}

KERBDIAG_TEST(silent_for_names)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "ip_literal_host");
}
