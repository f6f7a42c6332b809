#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_when_client_skips_kerberos)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    capture.feed(http_response(401, {offer("Negotiate"), offer("NTLM")}));
    auto diagnosis = capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate)));
    const Finding* finding = find(diagnosis, "ntlm_without_kerberos");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/web01.example.test");
    assert_true(related_has(*finding, 2));
    assert_null(find(diagnosis, "ntlm_fallback"));
}

KERBDIAG_TEST(silent_after_a_tgs_req_or_without_negotiate)
{
    Capture capture;
    capture.feed(http_request("nospn.example.test"));
    capture.feed(http_response(401, {offer("Negotiate")}));
    capture.feed(tgs_req("HTTP/nospn.example.test"));
    capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    assert_null(find(capture.feed(http_request("nospn.example.test", ntlm_token(Mech::ntlmssp_negotiate))),
                     "ntlm_without_kerberos"));

    capture.feed(http_request("web01.example.test", std::nullopt, 2));
    capture.feed(http_response(401, {offer("NTLM")}, 2));
    assert_null(find(capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate, "NTLM"), 2)),
                     "ntlm_without_kerberos"));
}

KERBDIAG_TEST(silent_for_ip_literals)
{
    Capture capture;
    capture.feed(http_request("10.0.0.21"));
    capture.feed(http_response(401, {offer("Negotiate")}));
    assert_null(find(capture.feed(http_request("10.0.0.21", ntlm_token(Mech::ntlmssp_negotiate))),
                     "ntlm_without_kerberos"));
}
