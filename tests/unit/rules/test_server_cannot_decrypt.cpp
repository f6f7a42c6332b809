#include "test_rule_frames.h"

using namespace lab;

static std::vector<FrameDiagnosis> rejected_ticket(Capture& capture, int32_t code, const std::string& identity)
{
    std::vector<FrameDiagnosis> out;
    out.push_back(capture.feed(tgs_req("HTTP/app.example.test")));                                            // 1
    out.push_back(capture.feed(tgs_rep("HTTP/app.example.test")));                                            // 2
    out.push_back(capture.feed(http_request("app.example.test", negotiate_ap_req("HTTP/app.example.test")))); // 3
    out.push_back(capture.feed(http_response(401, {negotiate_krb_error(code, identity)})));                   // 4
    return out;
}

KERBDIAG_TEST(mit_bad_integrity_names_spn_and_identity)
{
    Capture capture;
    auto frames = rejected_ticket(capture, 31, "HTTP/web01.example.test");
    const Finding* finding = find(frames[3], "server_cannot_decrypt");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/app.example.test");
    assert_string_equal(finding->host.c_str(), "app.example.test");
    assert_true(contains(finding->summary, "KRB_AP_ERR_BAD_INTEGRITY"));
    assert_true(contains(finding->summary, "identifies itself as HTTP/web01.example.test@EXAMPLE.TEST"));
    assert_true(related_has(*finding, 1));
    assert_true(related_has(*finding, 3));
    assert_int_equal(frames[3].verdict, Verdict::failed);
    assert_null(find(frames[3], "krb_error"));
}

KERBDIAG_TEST(iis_modified_with_account_identity)
{
    Capture capture;
    auto frames = rejected_ticket(capture, 41, "contososvc");
    const Finding* finding = find(frames[3], "server_cannot_decrypt");
    assert_non_null(finding);
    assert_string_equal(finding->account.c_str(), "contososvc");
    assert_true(contains(finding->fix, "setspn -S HTTP/app.example.test EXAMPLE\\contososvc"));
}

KERBDIAG_TEST(kdc_modified_is_not_a_server_problem)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/app.example.test"));
    auto diagnosis = capture.feed(kdc_error(41, "HTTP/app.example.test"));
    assert_null(find(diagnosis, "server_cannot_decrypt"));
    assert_non_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(silent_on_healthy_flow)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "server_cannot_decrypt");
}
