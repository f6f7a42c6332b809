#include "test_rule_frames.h"

using namespace lab;

static void fires_for_loopback_names_and_addresses(void**)
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

static void fires_when_client_and_server_are_one_machine(void**)
{
    Capture capture;
    auto diagnosis = capture.feed(http_request("web01.example.test", std::nullopt, 1, client));
    assert_non_null(find(diagnosis, "loopback_target"));
}

static void silent_for_remote_names(void**)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "loopback_target");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_for_loopback_names_and_addresses),
        cmocka_unit_test(fires_when_client_and_server_are_one_machine),
        cmocka_unit_test(silent_for_remote_names),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
