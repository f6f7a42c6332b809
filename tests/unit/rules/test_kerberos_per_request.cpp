#include "test_rule_frames.h"

using namespace lab;

// Request-based Kerberos as recorded: every request gets a 401 and then a new AP-REQ.
static FrameDiagnosis authenticated_request(Capture& capture, const std::string& uri)
{
    capture.feed(http_request("web01.example.test", std::nullopt, 1, web01, uri));
    capture.feed(http_response(401, {offer("Negotiate")}));
    auto request = capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test"), 1, web01, uri));
    capture.feed(http_response(200));
    return request;
}

KERBDIAG_TEST(notes_once_at_the_third_ap_req)
{
    Capture capture;
    auto first = authenticated_request(capture, "/");
    auto second = authenticated_request(capture, "/index.html");
    auto third = authenticated_request(capture, "/?page=3");
    auto fourth = authenticated_request(capture, "/?page=4");
    assert_null(find(first, "kerberos_per_request"));
    assert_null(find(second, "kerberos_per_request"));
    const Finding* finding = find(third, "kerberos_per_request");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "3 AP-REQs and 7200 bytes"));
    assert_int_equal(*third.kerberos_requests_on_connection, 3);
    assert_int_equal(*third.auth_bytes_on_connection, 7200);
    assert_null(find(fourth, "kerberos_per_request"));
}

KERBDIAG_TEST(silent_on_session_based_connection)
{
    Capture capture;
    auto frames = healthy_flow(capture);
    for (int i = 0; i < 5; ++i) {
        frames.push_back(capture.feed(http_request("web01.example.test", std::nullopt, 1, web01, "/page")));
        frames.push_back(capture.feed(http_response(200)));
    }
    assert_silent(frames, "kerberos_per_request");
    assert_int_equal(frames[7].verdict, Verdict::none);  // authenticated connection, not anonymous
}
