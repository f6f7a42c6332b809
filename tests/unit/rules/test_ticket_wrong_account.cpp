// ticket_wrong_account (S2) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

FrameDiagnosis request_then_error(Capture& capture, const KeyVerdict& key, int32_t code, const std::string& identity,
                                  uint32_t stream = 1)
{
    capture.feed(http_request("alias.example.test", ap_req_opened_by("HTTP/alias.example.test", key), stream));
    return capture.feed(http_response(401, {negotiate_krb_error(code, identity)}, stream));
}

}  // namespace

KERBDIAG_TEST(names_the_account_that_opens_the_ticket)
{
    Capture capture;
    auto diagnosis = request_then_error(capture, svc_web(), 41, "WEB01$");
    const Finding* finding = find(diagnosis, "ticket_wrong_account");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Ticket for HTTP/alias.example.test was encrypted for account "
                                           "svc_web@EXAMPLE.TEST (which also holds HTTP/alias.example.test@EXAMPLE.TEST)"));
    assert_true(contains(finding->summary, "KRB_AP_ERR_MODIFIED"));
    assert_true(contains(finding->summary, "reporting itself as WEB01$@EXAMPLE.TEST"));
    assert_true(contains(finding->fix, "setspn -S HTTP/alias.example.test EXAMPLE\\WEB01$"));
    assert_string_equal(finding->account.c_str(), "svc_web");
    assert_true(related_has(*finding, 1));
    assert_false(contains(finding->detail, "useAppPoolCredentials"));
}

KERBDIAG_TEST(explains_kernel_mode_when_the_computer_account_opens_it)
{
    Capture capture;
    auto diagnosis = request_then_error(capture, web01_computer(), 41, "svc_app");
    const Finding* finding = find(diagnosis, "ticket_wrong_account");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "useAppPoolCredentials"));
}

KERBDIAG_TEST(fires_when_the_server_only_echoes_the_spn)
{
    Capture capture;  // MIT servers put the ticket's own sname in the KRB-ERROR
    auto diagnosis = request_then_error(capture, svc_web(), 31, "HTTP/alias.example.test");
    const Finding* finding = find(diagnosis, "ticket_wrong_account");
    assert_non_null(finding);
    assert_false(contains(finding->summary, "reporting itself"));
}

KERBDIAG_TEST(silent_when_the_server_claims_the_opening_account)
{
    Capture capture;  // the right account with an old key: S12, not S2
    assert_null(find(request_then_error(capture, svc_web(), 41, "svc_web"), "ticket_wrong_account"));
}

KERBDIAG_TEST(silent_without_a_verdict_or_for_other_errors)
{
    Capture capture;
    assert_null(find(request_then_error(capture, KeyVerdict{}, 41, "WEB01$"), "ticket_wrong_account"));
    assert_null(find(request_then_error(capture, svc_web(), 37, "WEB01$", 2), "ticket_wrong_account"));
    KeyVerdict no_key;
    no_key.kind = KeyVerdictKind::no_matching_key;
    assert_null(find(request_then_error(capture, no_key, 41, "WEB01$", 3), "ticket_wrong_account"));
}

KERBDIAG_TEST(a_missing_key_version_is_another_account_when_it_lacks_the_spn)
{
    Capture capture;  // S3: the KDC used another holder's key, at that holder's kvno
    auto diagnosis = request_then_error(capture, web01_computer(), 44, "HTTP/alias.example.test");
    const Finding* finding = find(diagnosis, "ticket_wrong_account");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "encrypted for account WEB01$@EXAMPLE.TEST"));
    assert_true(contains(finding->summary, "KRB_AP_ERR_BADKEYVER"));
}

KERBDIAG_TEST(a_missing_key_version_of_the_spn_holder_is_only_stale)
{
    Capture capture;  // S12: svc_web holds HTTP/alias.example.test, the server's key is old
    assert_null(find(request_then_error(capture, svc_web(), 44, "HTTP/alias.example.test"), "ticket_wrong_account"));
}
