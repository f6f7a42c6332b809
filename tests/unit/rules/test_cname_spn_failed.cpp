// cname_spn_failed (S4): the CNAME is the cause of a rejected or unknown SPN.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

void alias_resolves(Capture& capture)
{
    capture.feed(dns_answer("shop.example.test",
                            {{"shop.example.test", 5, "web01.example.test"}, {"web01.example.test", 1, web01}}));  // 1
    capture.feed(http_request("shop.example.test"));                                                          // 2
    capture.feed(http_response(401, {offer("Negotiate")}));                                                   // 3
}

}  // namespace

static void a_rejected_ticket_for_the_canonical_name(void**)
{
    Capture capture;
    alias_resolves(capture);
    capture.feed(tgs_req("HTTP/web01.example.test"));                                                          // 4
    capture.feed(tgs_rep("HTTP/web01.example.test"));                                                          // 5
    KeyVerdict web01 = opened_by(2, "WEB01$", {"HTTP/web01.example.test@" + realm}, true);
    capture.feed(http_request("shop.example.test", ap_req_opened_by("HTTP/web01.example.test", web01)));      // 6
    auto diagnosis = capture.feed(http_response(401, {negotiate_krb_error(35, "HTTP/web01.example.test")}));  // 7
    const Finding* finding = find(diagnosis, "cname_spn_failed");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "CNAME shop.example.test -> web01.example.test"));
    assert_true(contains(finding->summary, "whose ticket is for WEB01$"));
    assert_true(contains(finding->fix, "A record for shop.example.test"));
    assert_true(contains(finding->fix, "taking it from WEB01$"));
    assert_false(contains(finding->fix, "setspn -D"));
    assert_true(related_has(*finding, 1));
    // One event, one conclusion: the key-blaming explanations become its detail.
    assert_null(find(diagnosis, "ticket_wrong_account"));
    assert_null(find(diagnosis, "krb_error"));
}

static void an_unknown_spn_of_the_canonical_name(void**)
{
    Capture capture;
    alias_resolves(capture);
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/web01.example.test"));
    const Finding* finding = find(diagnosis, "cname_spn_failed");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "canonical name's HTTP/web01.example.test, which no account holds"));
    assert_true(contains(finding->fix, "setspn -S HTTP/web01.example.test EXAMPLE\\<site account>"));
    assert_null(find(diagnosis, "spn_unknown"));
}

static void an_unknown_spn_of_the_alias_uses_the_dns_evidence(void**)
{
    Capture capture;
    alias_resolves(capture);
    capture.feed(tgs_req("HTTP/shop.example.test"));
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/shop.example.test"));
    const Finding* finding = find(diagnosis, "cname_spn_failed");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "kept the alias"));
    assert_true(contains(finding->fix, "EXAMPLE\\WEB01$"));
    assert_false(contains(finding->fix, "SHOP$"));
}

static void silent_without_an_alias(void**)
{
    Capture capture;
    capture.feed(http_request("nospn.example.test"));
    capture.feed(tgs_req("HTTP/nospn.example.test"));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/nospn.example.test")), "cname_spn_failed"));
    Capture healthy;
    assert_silent(healthy_flow(healthy), "cname_spn_failed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_rejected_ticket_for_the_canonical_name),
        cmocka_unit_test(an_unknown_spn_of_the_canonical_name),
        cmocka_unit_test(an_unknown_spn_of_the_alias_uses_the_dns_evidence),
        cmocka_unit_test(silent_without_an_alias),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
