// duplicate_spn (S3) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

KERBDIAG_TEST(flags_one_spn_opening_with_two_accounts)
{
    Capture capture;
    KeyVerdict svc_a = opened_by(5, "svc_a", {});
    KeyVerdict svc_b = opened_by(6, "svc_b", {});
    capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_a), 1));
    auto same = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_a), 2));
    assert_null(find(same, "duplicate_spn"));
    auto diagnosis = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_b), 3));
    const Finding* finding = find(diagnosis, "duplicate_spn");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "HTTP/web.example.test is registered on two accounts: tickets open with "
                                           "svc_a and with svc_b"));
    assert_true(contains(finding->fix, "setspn -D HTTP/web.example.test EXAMPLE\\svc_a"));
    assert_true(related_has(*finding, 1));
    auto again = capture.feed(http_request("web.example.test", ap_req_opened_by("HTTP/web.example.test", svc_b), 4));
    assert_null(find(again, "duplicate_spn"));
}

KERBDIAG_TEST(a_new_kvno_of_one_account_is_not_a_duplicate)
{
    Capture capture;
    KeyVerdict old_key = opened_by(7, "WEB01$", {});
    KeyVerdict new_key = opened_by(8, "WEB01$", {});
    capture.feed(http_request("web01.example.test", ap_req_opened_by("HTTP/web01.example.test", old_key), 1));
    auto diagnosis = capture.feed(http_request("web01.example.test", ap_req_opened_by("HTTP/web01.example.test", new_key), 2));
    assert_null(find(diagnosis, "duplicate_spn"));
}
