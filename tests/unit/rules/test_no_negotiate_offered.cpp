#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_when_only_ntlm_or_basic_is_offered)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    auto diagnosis = capture.feed(http_response(401, {offer("NTLM"), offer("Basic")}));
    const Finding* finding = find(diagnosis, "no_negotiate_offered");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Server web01.example.test does not offer Negotiate (only NTLM, Basic): Kerberos cannot be used");
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(once_per_host_and_offer)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    capture.feed(http_response(401, {offer("Basic")}));
    capture.feed(http_request("web01.example.test"));
    assert_null(find(capture.feed(http_response(401, {offer("Basic")})), "no_negotiate_offered"));
}

KERBDIAG_TEST(silent_when_negotiate_is_offered_or_challenge_continues)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "no_negotiate_offered");
    capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate), 2));
    auto challenge = capture.feed(http_response(401, {ntlm_token(Mech::ntlmssp_challenge)}, 2));
    assert_null(find(challenge, "no_negotiate_offered"));
}

// S8 as recorded: the first 401 offers Negotiate and NTLM, the client answers
// with NTLM; the 401 with the CHALLENGE only continues that handshake.
KERBDIAG_TEST(silent_when_an_earlier_401_offered_negotiate)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    capture.feed(http_response(401, {offer("Negotiate"), offer("NTLM")}));
    capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));
    assert_null(find(capture.feed(http_response(401, {ntlm_token(Mech::ntlmssp_challenge, "NTLM")})),
                     "no_negotiate_offered"));
    // A bare "NTLM" later on the same connection, or on another connection to that site.
    capture.feed(http_request("web01.example.test"));
    assert_null(find(capture.feed(http_response(401, {offer("NTLM")})), "no_negotiate_offered"));
    capture.feed(http_request("web01.example.test", std::nullopt, 2));
    assert_null(find(capture.feed(http_response(401, {offer("NTLM")}, 2)), "no_negotiate_offered"));
    // Another site on the same server address that never offered Negotiate is still reported.
    capture.feed(http_request("intranet.example.test", std::nullopt, 3));
    assert_non_null(find(capture.feed(http_response(401, {offer("NTLM")}, 3)), "no_negotiate_offered"));
}
