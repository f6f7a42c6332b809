#include "test_rule_frames.h"

using namespace lab;

namespace {

FrameObservation as_rep(uint16_t port = 50000)
{
    FrameObservation frame = udp(kdc, 88, client, port);
    KerberosMessage msg = kdc_message(KrbMsgType::as_rep, "krbtgt/" + realm);
    msg.tickets.push_back(ticket("krbtgt/" + realm));
    frame.kerberos.push_back(std::move(msg));
    return frame;
}

FrameObservation skew_error(std::optional<int64_t> stime, std::optional<int64_t> ctime = std::nullopt,
                            const std::string& to = client)
{
    FrameObservation error = kdc_error(37, "HTTP/web01.example.test", 50000, to);
    error.kerberos[0].stime = stime;
    error.kerberos[0].ctime = ctime;
    return error;
}

}  // namespace

KERBDIAG_TEST(kdc_ahead_of_the_capture_clock)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(skew_error(capture.now + 600));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Clock skew between client 10.0.0.100 and the KDC 10.0.0.10 is too great "
                        "(KRB_AP_ERR_SKEW); the clock of the KDC 10.0.0.10 is off");
    assert_int_equal(*diagnosis.skew_seconds, 600);
    assert_int_equal(*diagnosis.responder_offset, 600);
    assert_false(diagnosis.client_offset.has_value());
    assert_true(contains(finding->detail, "The clock of the KDC 10.0.0.10 is 600 s (0h 10m 0s) ahead of the capture clock"));
    assert_true(contains(finding->detail, "The time of client 10.0.0.100 is not in the capture"));
    assert_true(contains(finding->fix, "Correct the clock of the KDC 10.0.0.10 (600 s (0h 10m 0s) ahead of"));
    assert_false(contains(finding->fix, "kdestroy"));
    assert_false(contains(finding->fix, "\n"));
    assert_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(web_server_ahead_of_the_client_s_ctime)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test")));
    AuthHeader error = negotiate_krb_error(37, "WEB01$");
    error.kerberos[0].stime = capture.now + 400;
    error.kerberos[0].ctime = capture.now;
    auto diagnosis = capture.feed(http_response(401, {error}));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "web server web01.example.test (10.0.0.21)"));
    assert_true(contains(finding->summary, "the clock of web server web01.example.test (10.0.0.21) is off"));
    assert_int_equal(*diagnosis.skew_seconds, 400);
    assert_int_equal(*diagnosis.client_offset, 0);
    assert_true(contains(finding->detail, "client 10.0.0.100 agrees with the capture clock (the request's ctime"));
    assert_true(contains(finding->fix, "Correct the clock of web server web01.example.test (10.0.0.21)"));
    assert_int_equal(diagnosis.verdict, Verdict::failed);
}

KERBDIAG_TEST(client_behind_by_the_echoed_ctime)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(skew_error(capture.now, capture.now - 600));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "the clock of client 10.0.0.100 is off"));
    assert_int_equal(*diagnosis.skew_seconds, 600);
    assert_int_equal(*diagnosis.responder_offset, 0);
    assert_int_equal(*diagnosis.client_offset, -600);
    assert_true(contains(finding->detail, "The clock of the KDC 10.0.0.10 agrees with the capture clock"));
    assert_true(contains(finding->detail, "client 10.0.0.100 is 600 s (0h 10m 0s) behind the capture clock"));
    assert_true(contains(finding->fix, "Correct the clock of client 10.0.0.100 (600 s"));
    assert_false(contains(finding->fix, "the KDC"));
}

KERBDIAG_TEST(client_behind_by_its_pa_enc_timestamp)
{
    Capture capture;
    FrameObservation request = as_req("alice");
    request.kerberos[0].pa_timestamp = capture.now - 600;  // as the keytab oracle reads it
    capture.feed(request);
    auto diagnosis = capture.feed(skew_error(capture.now));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_int_equal(*diagnosis.client_offset, -600);
    assert_int_equal(*diagnosis.skew_seconds, 600);
    assert_true(contains(finding->summary, "the clock of client 10.0.0.100 is off"));
    assert_true(contains(finding->detail, "behind the capture clock (its PA-ENC-TIMESTAMP in frame 1, opened with "
                                          "the client's key from the keytab)"));
    assert_true(contains(finding->fix, "Correct the clock of client 10.0.0.100 (600 s (0h 10m 0s) behind"));
    assert_true(contains(finding->fix, "\nOnce the clocks agree, log on again on client 10.0.0.100 (kinit)."));
}

KERBDIAG_TEST(as_req_without_keytab_names_no_offset)
{
    Capture capture;
    capture.feed(as_req("alice"));
    auto diagnosis = capture.feed(skew_error(capture.now));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_false(diagnosis.skew_seconds.has_value());
    assert_int_equal(*diagnosis.responder_offset, 0);
    assert_false(diagnosis.client_offset.has_value());
    assert_false(contains(finding->detail, " 0 s"));
    assert_true(contains(finding->detail, "a keytab with the client's key would open its PA-ENC-TIMESTAMP"));
    assert_true(contains(finding->detail, "differs is that of client 10.0.0.100, by more than the allowed skew; "
                                          "the capture does not show by how much"));
    assert_true(contains(finding->summary, "the clock of client 10.0.0.100 is off"));
}

KERBDIAG_TEST(both_clocks_off)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(skew_error(capture.now + 300, capture.now - 300));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_int_equal(*diagnosis.skew_seconds, 600);
    assert_true(contains(finding->detail, "Both clocks disagree with the capture clock"));
    assert_true(contains(finding->fix, "Correct the clock of the KDC 10.0.0.10 (300 s (0h 5m 0s) ahead of"));
    assert_true(contains(finding->fix, "\nCorrect the clock of client 10.0.0.100 (300 s (0h 5m 0s) behind"));
    assert_true(contains(finding->summary, "the clocks of the KDC 10.0.0.10 and of client 10.0.0.100 are off"));
}

KERBDIAG_TEST(capture_cannot_tell)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(skew_error(capture.now, capture.now));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_int_equal(*diagnosis.skew_seconds, 0);  // both read: the capture shows it
    assert_true(contains(finding->detail, "Both clocks agree with the capture clock"));
    assert_false(contains(finding->summary, "is off"));
    assert_true(contains(finding->fix, "Compare the clocks of client 10.0.0.100 and the KDC 10.0.0.10"));

    capture.feed(tgs_req("HTTP/web01.example.test"));
    diagnosis = capture.feed(skew_error(std::nullopt));
    finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_false(diagnosis.skew_seconds.has_value());
    assert_false(diagnosis.responder_offset.has_value());
    assert_true(contains(finding->detail, "The capture cannot tell which clock is off."));
    assert_false(contains(finding->summary, "is off"));
}

KERBDIAG_TEST(tgs_after_a_logon_renews_the_ticket_cache)
{
    Capture capture;
    capture.feed(as_req("alice"));
    capture.feed(as_rep());
    uint32_t logon = capture.last_frame();
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(skew_error(capture.now + 600));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_true(contains(finding->detail, ("Client 10.0.0.100 logged on as alice in frame " + std::to_string(logon)).c_str()));
    assert_true(contains(finding->fix, "Correct the clock of the KDC 10.0.0.10"));
    assert_true(contains(finding->fix, "\nOnce the clocks agree, renew the ticket cache on client 10.0.0.100: "
                                       "kdestroy, then kinit (Windows: klist purge"));

    // The same with the client's clock off after the logon.
    capture.feed(tgs_req("HTTP/web01.example.test"));
    diagnosis = capture.feed(skew_error(capture.now));
    finding = find(diagnosis, "clock_skew");
    assert_true(contains(finding->fix, "Correct the clock of client 10.0.0.100"));
    assert_true(contains(finding->fix, "kdestroy"));
}

KERBDIAG_TEST(no_cache_renewal_without_a_logon_of_that_client)
{
    Capture capture;
    capture.feed(as_req("alice"));
    capture.feed(as_rep());
    const std::string other = "10.0.0.101";
    capture.feed(tgs_req("HTTP/web01.example.test", 50000, other));
    auto diagnosis = capture.feed(skew_error(capture.now + 600, std::nullopt, other));
    const Finding* finding = find(diagnosis, "clock_skew");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "client 10.0.0.101"));
    assert_false(contains(finding->fix, "kdestroy"));
}

KERBDIAG_TEST(silent_on_other_errors)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    assert_null(find(capture.feed(kdc_error(7, "HTTP/web01.example.test")), "clock_skew"));
}
