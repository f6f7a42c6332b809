#include "test_rule_frames.h"

using namespace lab;

static void fires_on_400_after_large_authorization(void**)
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

static void fires_for_a_small_server_limit(void**)
{
    // The lab's Apache rejects a PAC-less MIT token of about 1 KB.
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test", 1066)));
    assert_non_null(find(capture.feed(http_response(400)), "header_too_long"));
}

static void silent_on_400_after_small_request(void**)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate)));
    assert_null(find(capture.feed(http_response(400)), "header_too_long"));
    capture.feed(http_request("web01.example.test"));
    assert_null(find(capture.feed(http_response(400)), "header_too_long"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_on_400_after_large_authorization),
        cmocka_unit_test(fires_for_a_small_server_limit),
        cmocka_unit_test(silent_on_400_after_small_request),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
