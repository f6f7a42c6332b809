#include "problem_book.h"
#include "problem_report.h"
#include "test_rule_frames.h"

using namespace lab;

// S6 as recorded with an MIT client: the URL names the address, the client
// asks for HTTP/<address>, the KDC has no such SPN.
static std::vector<FrameDiagnosis> by_address(Capture& capture, const std::string& address = web01)
{
    std::vector<FrameDiagnosis> out;
    out.push_back(capture.feed(http_request(address)));                         // first
    out.push_back(capture.feed(http_response(401, {offer("Negotiate")})));
    out.push_back(capture.feed(tgs_req("HTTP/" + address)));
    out.push_back(capture.feed(kdc_error(7, "HTTP/" + address)));               // [3]
    out.push_back(capture.feed(http_request(address)));                         // [4] gives up: verdict failed
    out.push_back(capture.feed(http_response(401, {offer("Negotiate")})));
    out.push_back(capture.feed(tgs_req("HTTP/" + address, 50001)));
    out.push_back(capture.feed(kdc_error(7, "HTTP/" + address, 50001)));        // [7]
    return out;
}

KERBDIAG_TEST(fires_at_the_kdc_error_not_at_the_request)
{
    Capture capture;
    auto frames = by_address(capture);
    assert_null(find(frames[0], "ip_literal_host"));
    const Finding* finding = find(frames[3], "ip_literal_host");
    assert_non_null(finding);
    assert_string_equal(finding->host.c_str(), "10.0.0.21");
    assert_true(related_has(*finding, 3));
    assert_true(contains(finding->fix, "host name its SPN is registered for, not by the address 10.0.0.21"));
    assert_false(contains(finding->fix, "setspn -S"));
    // The same event: spn_unknown is folded into it on that frame.
    assert_null(find(frames[3], "spn_unknown"));
    assert_true(contains(finding->detail, "It also explains: No account holds the SPN HTTP/10.0.0.21"));
    // Once per client and address.
    assert_null(find(frames[4], "ip_literal_host"));
    assert_null(find(frames[7], "ip_literal_host"));
    const Finding* later = find(frames[7], "spn_unknown");
    assert_non_null(later);
    assert_false(contains(later->fix, "setspn -S"));
    assert_false(contains(later->fix, "10$"));
}

KERBDIAG_TEST(names_the_host_the_capture_shows_for_the_address)
{
    Capture capture;
    capture.feed(dns_answer("web01.example.test", {{"web01.example.test", 1, web01}}));
    auto frames = by_address(capture);
    const Finding* finding = find(frames[3], "ip_literal_host");
    assert_non_null(finding);
    assert_true(contains(finding->fix, "registered for (the capture shows 10.0.0.21 as web01.example.test, frame 1)"));
}

KERBDIAG_TEST(fires_when_the_client_answers_negotiate_with_ntlm)
{
    Capture capture;
    capture.feed(http_request("10.0.0.21"));
    capture.feed(http_response(401, {offer("Negotiate"), offer("NTLM")}));
    auto ntlm = capture.feed(http_request("10.0.0.21", ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));
    const Finding* finding = find(ntlm, "ip_literal_host");
    assert_non_null(finding);
    assert_true(related_has(*finding, 2));
}

// The user retypes the URL with the host name and Kerberos works: a note.
KERBDIAG_TEST(recovered_by_name_is_a_note)
{
    Capture capture;
    by_address(capture);
    healthy_flow(capture);
    const auto& book = capture.correlator.problems();
    for (const Problem* problem : book.ranked()) assert_int_equal(problem->severity, Severity::note);
    std::string report = problems_report(book);
    assert_true(contains(report, "succeeded in frame"));
    assert_true(contains(report, "(as web01.example.test)"));
}

KERBDIAG_TEST(silent_for_names_and_for_addresses_that_work)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "ip_literal_host");
    Capture ip_spn;  // HTTP/<address> registered: Kerberos by address works
    assert_silent(healthy_flow(ip_spn, web01), "ip_literal_host");
}
