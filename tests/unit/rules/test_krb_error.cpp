#include "test_rule_frames.h"

using namespace lab;

// KERB-ERROR-DATA { data-type 3, data-value: 0xC0000072 LE, reserved, flags 1 }
static const std::vector<uint8_t> account_disabled = {
    0x30, 0x15, 0xa1, 0x03, 0x02, 0x01, 0x03, 0xa2, 0x0e, 0x04, 0x0c,
    0x72, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00};

KERBDIAG_TEST(explains_client_revoked_with_ntstatus)
{
    Capture capture;
    capture.feed(as_req("alice"));
    FrameObservation error = kdc_error(18, "krbtgt/EXAMPLE.TEST");
    error.kerberos[0].e_data = account_disabled;
    auto diagnosis = capture.feed(error);
    const Finding* finding = find(diagnosis, "krb_error");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "The KDC answered KDC_ERR_CLIENT_REVOKED (18) for alice@EXAMPLE.TEST: the client account is "
                        "disabled, locked out or expired");
    assert_true(contains(finding->detail, "0xC0000072 STATUS_ACCOUNT_DISABLED"));
    assert_true(contains(finding->detail, "answers the AS-REQ in frame 1"));
    assert_int_equal(*diagnosis.ntstatus, 0xC0000072u);
    assert_string_equal(diagnosis.error_name.c_str(), "KDC_ERR_CLIENT_REVOKED");
    assert_true(related_has(*finding, 1));
    assert_string_equal(finding->account.c_str(), "alice");
}

KERBDIAG_TEST(explains_server_errors_without_dedicated_rule)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test")));
    auto diagnosis = capture.feed(http_response(401, {negotiate_krb_error(35, "HTTP/web01.example.test")}));
    const Finding* finding = find(diagnosis, "krb_error");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Web server web01.example.test answered KRB_AP_ERR_NOT_US (35)"));
}

KERBDIAG_TEST(explains_errors_in_other_protocols)
{
    Capture capture;
    FrameObservation smb = tcp("10.0.0.5", 445, client, 50123, 7);
    KerberosMessage error;
    error.msg_type = KrbMsgType::krb_error;
    error.carrier = KrbCarrier::other;
    error.error_code = 34;
    smb.kerberos.push_back(error);
    auto diagnosis = capture.feed(smb);
    assert_non_null(find(diagnosis, "krb_error"));
    assert_int_equal(diagnosis.verdict, Verdict::none);
}

KERBDIAG_TEST(silent_on_normal_and_dedicated_errors)
{
    Capture capture;
    capture.feed(as_req("alice"));
    assert_null(find(capture.feed(kdc_error(25, "krbtgt/EXAMPLE.TEST")), "krb_error"));
    capture.feed(tgs_req("HTTP/x.example.test", 50001));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/x.example.test", 50001)), "krb_error"));
}
