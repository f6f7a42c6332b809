#include "test_rule_frames.h"

using namespace lab;

// The client asks for a loopback name, Kerberos fails, the client gives up.
KERBDIAG_TEST(fires_where_authentication_failed)
{
    Capture capture;
    auto first = capture.feed(http_request("127.0.0.21", std::nullopt, 1, "127.0.0.21"));
    capture.feed(http_response(401, {offer("Negotiate")}, 1, "127.0.0.21"));
    capture.feed(tgs_req("HTTP/127.0.0.21"));
    capture.feed(kdc_error(7, "HTTP/127.0.0.21"));
    auto gave_up = capture.feed(http_request("127.0.0.21", std::nullopt, 1, "127.0.0.21"));
    assert_null(find(first, "loopback_target"));
    assert_int_equal(gave_up.verdict, Verdict::failed);
    const Finding* finding = find(gave_up, "loopback_target");
    assert_non_null(finding);
    assert_string_equal(finding->host.c_str(), "127.0.0.21");
    assert_true(contains(finding->summary, "Authentication to 127.0.0.21 failed"));
}

KERBDIAG_TEST(fires_when_client_and_server_are_one_machine_and_the_ticket_is_rejected)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", std::nullopt, 1, client));
    capture.feed(http_response(401, {offer("Negotiate")}, 1, client));
    auto request = capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test"), 1, client));
    assert_null(find(request, "loopback_target"));
    auto rejected = capture.feed(http_response(401, {offer("Negotiate")}, 1, client));
    assert_int_equal(rejected.verdict, Verdict::failed);
    assert_non_null(find(rejected, "loopback_target"));
}

// The lab runs on 127.0.0.0/8 and localhost sites work: no loopback warning for a working site.
KERBDIAG_TEST(silent_where_the_site_works)
{
    Capture remote;
    assert_silent(healthy_flow(remote), "loopback_target");
    Capture local;
    assert_silent(healthy_flow(local, "localhost"), "loopback_target");
}
