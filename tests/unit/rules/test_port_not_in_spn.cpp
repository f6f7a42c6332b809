#include "test_rule_frames.h"

using namespace lab;

static void fires_for_non_default_port(void**)
{
    Capture capture;
    auto diagnosis = capture.feed(http_request("web01.example.test:8080", negotiate_ap_req("HTTP/web01.example.test"), 1,
                                               web01, "/", 8080));
    const Finding* finding = find(diagnosis, "port_not_in_spn");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "port 8080"));
    assert_true(contains(finding->fix, "setspn -S HTTP/web01.example.test:8080 EXAMPLE\\<account>"));
}

static void silent_for_default_port_or_port_in_spn(void**)
{
    Capture capture;
    auto default_port = capture.feed(http_request("web01.example.test:80", negotiate_ap_req("HTTP/web01.example.test")));
    auto with_port = capture.feed(http_request("web01.example.test:8080",
                                               negotiate_ap_req("HTTP/web01.example.test:8080"), 2, web01, "/", 8080));
    assert_null(find(default_port, "port_not_in_spn"));
    assert_null(find(with_port, "port_not_in_spn"));
    assert_silent(healthy_flow(capture), "port_not_in_spn");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_for_non_default_port),
        cmocka_unit_test(silent_for_default_port_or_port_in_spn),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
