#include "test_rule_frames.h"

using namespace lab;

static const std::string host = "nospn.example.test";

// S1 as recorded: 401 Negotiate, TGS-REQ answered 7, then NTLM on the same connection.
static std::vector<FrameDiagnosis> fallback_flow(Capture& capture)
{
    std::vector<FrameDiagnosis> out;
    out.push_back(capture.feed(http_request(host)));                                         // 1
    out.push_back(capture.feed(http_response(401, {offer("Negotiate"), offer("NTLM")})));    // 2
    out.push_back(capture.feed(tgs_req("HTTP/" + host)));                                    // 3
    out.push_back(capture.feed(kdc_error(7, "HTTP/" + host)));                               // 4
    out.push_back(capture.feed(http_request(host, ntlm_token(Mech::ntlmssp_negotiate))));    // 5
    out.push_back(capture.feed(http_response(401, {ntlm_token(Mech::ntlmssp_challenge)})));  // 6
    out.push_back(capture.feed(http_request(host, ntlm_token(Mech::ntlmssp_auth))));         // 7
    out.push_back(capture.feed(http_response(200)));                                         // 8
    return out;
}

KERBDIAG_TEST(one_finding_on_the_first_ntlm_request)
{
    Capture capture;
    auto frames = fallback_flow(capture);
    const Finding* finding = find(frames[4], "ntlm_fallback");
    assert_non_null(finding);
    assert_string_equal(finding->host.c_str(), "nospn.example.test");
    assert_string_equal(finding->spn.c_str(), "HTTP/nospn.example.test");
    assert_true(related_has(*finding, 3));
    assert_true(related_has(*finding, 4));
    assert_true(related_has(*finding, 2));
    assert_true(contains(finding->summary, "no account holds the SPN HTTP/nospn.example.test"));
    assert_false(contains(finding->summary, "frame"));
    size_t total = 0;
    for (const auto& diagnosis : frames) total += count(diagnosis, "ntlm_fallback");
    assert_int_equal(total, 1);
}

KERBDIAG_TEST(verdict_marks_only_the_accepted_exchange)
{
    Capture capture;
    auto frames = fallback_flow(capture);
    assert_int_equal(frames[0].verdict, Verdict::anonymous);
    assert_int_equal(frames[7].verdict, Verdict::ntlm_fallback);
    for (size_t i = 1; i < 7; ++i) assert_int_not_equal(frames[i].verdict, Verdict::ntlm_fallback);
}

// S1 without NTLM: after the KDC error the client asks again without credentials.
KERBDIAG_TEST(giving_up_after_kerberos_failed_is_a_failure)
{
    Capture capture;
    auto first = capture.feed(http_request(host));
    capture.feed(http_response(401, {offer("Negotiate")}));
    capture.feed(tgs_req("HTTP/" + host));
    capture.feed(kdc_error(7, "HTTP/" + host));
    auto retry = capture.feed(http_request(host, std::nullopt, 2));
    assert_int_equal(first.verdict, Verdict::anonymous);
    assert_int_equal(retry.verdict, Verdict::failed);
}

KERBDIAG_TEST(fallback_after_server_rejects_ticket)
{
    Capture capture;
    capture.feed(http_request("app.example.test", negotiate_ap_req("HTTP/app.example.test")));
    capture.feed(http_response(401, {negotiate_krb_error(41, "svc_web")}));
    auto diagnosis = capture.feed(http_request("app.example.test", ntlm_token(Mech::ntlmssp_negotiate)));
    const Finding* finding = find(diagnosis, "ntlm_fallback");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "the server rejected the Kerberos ticket"));
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(plain_ntlm_is_not_a_fallback)
{
    Capture capture;
    capture.feed(http_request(host));
    capture.feed(http_response(401, {offer("NTLM")}));
    auto negotiate = capture.feed(http_request(host, ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));
    capture.feed(http_response(401, {ntlm_token(Mech::ntlmssp_challenge, "NTLM")}));
    capture.feed(http_request(host, ntlm_token(Mech::ntlmssp_auth, "NTLM")));
    auto accepted = capture.feed(http_response(200));
    assert_null(find(negotiate, "ntlm_fallback"));
    assert_int_equal(accepted.verdict, Verdict::ntlm);
}
