#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_the_request_to_the_alias)
{
    Capture capture;
    capture.feed(dns_answer("alias.example.test",
                            {{"alias.example.test", 5, "web01.example.test"}, {"web01.example.test", 1, web01}}));  // 1
    capture.feed(dns_answer("alias.example.test", {{"alias.example.test", 5, "web01.example.test"}}, 0, 28));  // 2
    capture.feed(http_request("alias.example.test"));                                                           // 3
    capture.feed(http_response(401, {offer("Negotiate")}));                                                    // 4
    capture.feed(tgs_req("HTTP/web01.example.test"));                                                           // 5
    capture.feed(tgs_rep("HTTP/web01.example.test"));                                                           // 6
    auto request = capture.feed(http_request("alias.example.test", negotiate_ap_req("HTTP/web01.example.test")));  // 7
    const Finding* finding = find(request, "cname_spn");
    assert_non_null(finding);
    assert_string_equal(finding->host.c_str(), "alias.example.test");
    assert_string_equal(finding->spn.c_str(), "HTTP/web01.example.test");
    assert_true(related_has(*finding, 2));
    assert_true(related_has(*finding, 5));
    assert_true(contains(finding->detail, "alias.example.test is a CNAME of web01.example.test"));
    assert_true(contains(finding->fix, "setspn -S HTTP/alias.example.test EXAMPLE\\<account>"));
    assert_null(find(request, "dns_address_mismatch"));
    auto response = capture.feed(http_response(200));
    assert_int_equal(response.verdict, Verdict::kerberos_ok);
}

KERBDIAG_TEST(silent_without_cname)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "cname_spn");
}
