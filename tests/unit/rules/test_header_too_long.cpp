#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_400_after_large_authorization)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 17000)));
    auto diagnosis = capture.feed(http_response(400));
    const Finding* finding = find(diagnosis, "header_too_long");
    assert_non_null(finding);
    assert_true(related_has(*finding, 1));
    assert_true(contains(finding->detail, "17000 bytes"));
    assert_int_equal(diagnosis.verdict, Verdict::failed);
}

KERBDIAG_TEST(fires_for_a_small_server_limit)
{
    // The lab's Apache rejects a PAC-less MIT token of about 1 KB.
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 1066)));
    assert_non_null(find(capture.feed(http_response(400)), "header_too_long"));
}

KERBDIAG_TEST(silent_on_400_after_small_request)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate)));
    assert_null(find(capture.feed(http_response(400)), "header_too_long"));
    capture.feed(http_request("web01.example.test"));
    assert_null(find(capture.feed(http_response(400)), "header_too_long"));
}
