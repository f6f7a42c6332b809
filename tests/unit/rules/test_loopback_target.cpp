#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_for_loopback_names_and_addresses)
{
    Capture capture;
    auto by_name_diagnosis = capture.feed(http_request("localhost:8080"));
    const Finding* by_name = find(by_name_diagnosis, "loopback_target");
    assert_non_null(by_name);
    assert_string_equal(by_name->host.c_str(), "localhost");
    auto by_address = capture.feed(http_request("127.0.0.21", std::nullopt, 2));
    assert_non_null(find(by_address, "loopback_target"));
    assert_non_null(find(by_address, "ip_literal_host"));
}

KERBDIAG_TEST(fires_when_client_and_server_are_one_machine)
{
    Capture capture;
    auto diagnosis = capture.feed(http_request("web01.example.test", std::nullopt, 1, client));
    assert_non_null(find(diagnosis, "loopback_target"));
}

KERBDIAG_TEST(silent_for_remote_names)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "loopback_target");
}
