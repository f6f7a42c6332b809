#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_when_connection_goes_elsewhere)
{
    Capture capture;
    capture.feed(dns_answer("web01.example.test", {{"web01.example.test", 1, "10.0.0.21"}}));
    auto diagnosis = capture.feed(http_request("web01.example.test", std::nullopt, 1, "10.0.0.99"));
    const Finding* finding = find(diagnosis, "dns_address_mismatch");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Request for web01.example.test went to 10.0.0.99, but DNS resolved web01.example.test to 10.0.0.21");
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(empty_aaaa_answer_keeps_the_a_record)
{
    Capture capture;
    capture.feed(dns_answer("web01.example.test", {{"web01.example.test", 1, "10.0.0.21"}}));
    capture.feed(dns_answer("web01.example.test", {}, 0, 28));
    assert_non_null(find(capture.feed(http_request("web01.example.test", std::nullopt, 1, "10.0.0.99")),
                         "dns_address_mismatch"));
}

KERBDIAG_TEST(silent_when_matching_or_through_a_proxy)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "dns_address_mismatch");
    auto proxied = capture.feed(http_request("web01.example.test", std::nullopt, 2, "10.0.0.3",
                                             "http://web01.example.test/", 3128));
    assert_null(find(proxied, "dns_address_mismatch"));
}
