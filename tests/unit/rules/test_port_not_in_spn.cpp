#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_for_non_default_port)
{
    Capture capture;
    auto diagnosis = capture.feed(http_request("web01.example.test:8080", negotiate_ap_req("HTTP/web01.example.test"), 1,
                                               web01, "/", 8080));
    const Finding* finding = find(diagnosis, "port_not_in_spn");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "port 8080"));
    assert_true(contains(finding->fix, "setspn -S HTTP/web01.example.test:8080 EXAMPLE\\<account>"));
}

KERBDIAG_TEST(silent_for_default_port_or_port_in_spn)
{
    Capture capture;
    auto default_port = capture.feed(http_request("web01.example.test:80", negotiate_ap_req("HTTP/web01.example.test")));
    auto with_port = capture.feed(http_request("web01.example.test:8080",
                                               negotiate_ap_req("HTTP/web01.example.test:8080"), 2, web01, "/", 8080));
    assert_null(find(default_port, "port_not_in_spn"));
    assert_null(find(with_port, "port_not_in_spn"));
    assert_silent(healthy_flow(capture), "port_not_in_spn");
}
