#include "test_rule_frames.h"

using namespace lab;

static FrameDiagnosis rejected_attempt(Capture& capture)
{
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test"), 1, web01, "/app"));
    return capture.feed(http_response(401, {offer("Negotiate")}, 1, web01));
}

KERBDIAG_TEST(fires_once_at_the_third_rejection)
{
    Capture capture;
    auto first = rejected_attempt(capture);   // frames 1, 2
    auto second = rejected_attempt(capture);  // 3, 4
    auto third = rejected_attempt(capture);   // 5, 6
    auto fourth = rejected_attempt(capture);  // 7, 8
    assert_null(find(first, "auth_loop"));
    assert_null(find(second, "auth_loop"));
    const Finding* finding = find(third, "auth_loop");
    assert_non_null(finding);
    assert_true(related_has(*finding, 2));
    assert_true(related_has(*finding, 4));
    assert_true(contains(finding->summary, "/app"));
    assert_null(find(fourth, "auth_loop"));
}

KERBDIAG_TEST(success_ends_the_attempt)
{
    Capture capture;
    rejected_attempt(capture);
    rejected_attempt(capture);
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test"), 1, web01, "/app"));
    capture.feed(http_response(200));
    assert_null(find(rejected_attempt(capture), "auth_loop"));
}

KERBDIAG_TEST(anonymous_401s_do_not_count)
{
    Capture capture;
    for (int i = 0; i < 4; ++i) {
        capture.feed(http_request("web01.example.test", std::nullopt, 1, web01, "/app"));
        assert_null(find(capture.feed(http_response(401, {offer("Negotiate")})), "auth_loop"));
    }
}
