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
    // No TGS exchange in the capture: a cached ticket, not new tickets.
    assert_true(contains(finding->detail, "no TGS exchange for HTTP/web01.example.test"));
    assert_true(contains(finding->fix, "server answering 401 again after an accepted AP-REQ on this connection (2 times)"));
    // A server setting only as a condition, never as an order.
    assert_false(contains(finding->fix, "set authPersistNonNTLM=true"));
    assert_true(contains(finding->fix, "\nIf the extra round trips matter"));
}

// One TGS exchange, then three AP-REQs with that ticket: one ticket, not three.
KERBDIAG_TEST(counts_tgs_exchanges_and_reused_tickets)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    capture.feed(tgs_rep("HTTP/web01.example.test"));
    authenticated_request(capture, "/");
    authenticated_request(capture, "/a");
    auto third = authenticated_request(capture, "/b");
    const Finding* finding = find(third, "kerberos_per_request");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "3 AP-REQs and 7200 bytes"));
    assert_true(contains(finding->detail, "in 1 TGS exchange (last in frame 2); the other 2 AP-REQs reuse a cached ticket"));
    assert_false(contains(finding->summary, "new Kerberos ticket"));
    assert_true(related_has(*finding, 2));
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
