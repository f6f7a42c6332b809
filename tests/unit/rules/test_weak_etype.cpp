#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(notes_rc4_ticket_once_per_spn)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/legacy.example.test"));
    auto reply = capture.feed(tgs_rep("HTTP/legacy.example.test", 50000, 23));
    const Finding* finding = find(reply, "weak_etype");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Ticket for HTTP/legacy.example.test is encrypted with RC4-HMAC (23), a weak legacy encryption type");
    assert_int_equal(finding->severity, Severity::note);
    auto request = capture.feed(http_request("legacy.example.test", negotiate_ap_req("HTTP/legacy.example.test", 2000, 23)));
    assert_null(find(request, "weak_etype"));
}

KERBDIAG_TEST(silent_for_aes)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "weak_etype");
}
