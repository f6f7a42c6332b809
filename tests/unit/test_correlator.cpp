#include "rules/rule.h"
#include "test_rule_frames.h"

#include <set>

using namespace lab;

KERBDIAG_TEST(every_rule_id_used_is_in_the_catalogue_and_texts_are_clean)
{
    std::set<std::string_view> ids;
    for (const auto& rule : rule_catalogue()) {
        assert_true(ids.insert(rule.id).second);  // unique
        assert_false(rule.summary.empty());
        assert_false(rule.explanation.empty());
        assert_false(rule.fix.empty());
        assert_true(rule.scenario.starts_with("S"));
        // Explanations are shown as they are: no unfilled placeholders.
        assert_true(rule.explanation.find('{') == std::string_view::npos);
        assert_true(rule.summary.find("frame") == std::string_view::npos);
    }
    // Catalogue, RuleId and registered functions: tests/unit/test_rule_units.cpp.
    assert_int_equal(registered_rules().size(), rule_count);
}

KERBDIAG_TEST(healthy_flow_is_quiet_with_verdicts)
{
    Capture capture;
    auto frames = healthy_flow(capture);
    for (const auto& diagnosis : frames) assert_true(diagnosis.findings.empty());
    assert_int_equal(frames[1].verdict, Verdict::anonymous);
    assert_int_equal(frames[6].verdict, Verdict::kerberos_ok);
    assert_int_equal(*frames[6].request_frame, 6);
    assert_int_equal(*frames[4].request_frame, 4);
    assert_int_equal(*frames[5].kerberos_requests_on_connection, 1);
}

KERBDIAG_TEST(pairs_kdc_replies_by_ports_and_streams)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/a.example.test", 50000));  // 1
    capture.feed(tgs_req("HTTP/b.example.test", 50001));  // 2
    auto b = capture.feed(kdc_error(7, "HTTP/b.example.test", 50001));
    auto a = capture.feed(kdc_error(7, "HTTP/a.example.test", 50000));
    assert_int_equal(*b.request_frame, 2);
    assert_int_equal(*a.request_frame, 1);
    FrameObservation request = tcp(client, 50600, kdc, 88, 9);
    request.kerberos.push_back(kdc_message(KrbMsgType::tgs_req, "HTTP/c.example.test"));
    capture.feed(request);  // 5
    FrameObservation reply = tcp(kdc, 88, client, 50600, 9);
    reply.kerberos.push_back(kdc_message(KrbMsgType::tgs_rep, "HTTP/c.example.test"));
    assert_int_equal(*capture.feed(reply).request_frame, 5);
}

KERBDIAG_TEST(pairs_http_responses_in_stream_order)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", std::nullopt, 1, web01, "/a"));  // 1
    capture.feed(http_request("web01.example.test", std::nullopt, 2, web01, "/b"));  // 2
    capture.feed(http_request("web01.example.test", std::nullopt, 1, web01, "/c"));  // 3 (pipelined)
    assert_int_equal(*capture.feed(http_response(200, {}, 2)).request_frame, 2);
    assert_int_equal(*capture.feed(http_response(200, {}, 1)).request_frame, 1);
    assert_false(capture.feed(http_response(100, {}, 1)).request_frame.has_value());
    assert_int_equal(*capture.feed(http_response(200, {}, 1)).request_frame, 3);
}

// Kerberos inside SMB or LDAP: nothing HTTP-shaped may come out of it.
KERBDIAG_TEST(non_http_kerberos_stays_out_of_http_rules)
{
    Capture capture;
    FrameObservation smb = tcp(client, 50123, "10.0.0.5", 445, 3);
    KerberosMessage ap_req;
    ap_req.msg_type = KrbMsgType::ap_req;
    ap_req.carrier = KrbCarrier::other;
    ap_req.tickets.push_back(ticket("cifs/fs.example.test"));
    smb.kerberos.push_back(ap_req);
    auto diagnosis = capture.feed(smb);
    assert_true(diagnosis.findings.empty());
    assert_int_equal(diagnosis.verdict, Verdict::none);
    assert_false(diagnosis.request_frame.has_value());
}

KERBDIAG_TEST(state_is_bounded_by_size_and_age)
{
    Capture capture(CorrelatorLimits{64, 60});
    for (uint32_t i = 0; i < 2000; ++i) {
        capture.feed(tgs_req("HTTP/h" + std::to_string(i) + ".example.test", static_cast<uint16_t>(10000 + i)));
        capture.feed(http_request("h" + std::to_string(i) + ".example.test", std::nullopt, i));
        capture.feed(dns_answer("h" + std::to_string(i) + ".example.test", {{"x", 1, "10.1.1.1"}}));
    }
    assert_true(capture.correlator.state_size() <= 5 * 64);
    capture.now += 3600;
    capture.feed(dns_answer("late.example.test", {}));
    assert_true(capture.correlator.state_size() <= 2);
    capture.correlator.reset();
    assert_int_equal(capture.correlator.state_size(), 0);
}

KERBDIAG_TEST(reset_forgets_evidence)
{
    Capture capture;
    capture.feed(http_request("nospn.example.test"));
    capture.feed(http_response(401, {offer("Negotiate")}));
    capture.feed(tgs_req("HTTP/nospn.example.test"));
    capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    capture.correlator.reset();
    auto diagnosis = capture.feed(http_request("nospn.example.test", ntlm_token(Mech::ntlmssp_negotiate)));
    assert_null(find(diagnosis, "ntlm_fallback"));
}

KERBDIAG_TEST(empty_and_odd_frames_are_harmless)
{
    Capture capture;
    assert_true(capture.feed(FrameObservation{}).findings.empty());
    FrameObservation odd = udp(kdc, 88, client, 50000);
    KerberosMessage error;
    error.msg_type = KrbMsgType::krb_error;
    error.carrier = KrbCarrier::kdc_udp;  // no error code, no request seen
    odd.kerberos.push_back(error);
    assert_true(capture.feed(odd).findings.empty());
    auto response = capture.feed(http_response(401, {negotiate_krb_error(41, "")}, 77));
    const Finding* finding = find(response, "server_cannot_decrypt");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Server 10.0.0.21 could not decrypt the ticket for an SPN not seen in the capture "
                        "(KRB_AP_ERR_MODIFIED)");
}

// The flow graph's attempts: a challenge to a request without credentials
// starts one; credentials that answer it, on the same connection or a new
// one, do not; credentials sent unasked on a fresh connection do.
KERBDIAG_TEST(attempts_start_at_a_challenge_or_unasked_credentials)
{
    const std::string host = "web01.example.test";
    Capture capture;
    assert_int_equal(capture.feed(http_request(host)).attempt, 0);
    FrameDiagnosis challenge = capture.feed(http_response(401, {offer("Negotiate")}));
    assert_int_equal(challenge.attempt, 1);
    assert_string_equal(challenge.attempt_host.c_str(), host.c_str());
    assert_int_equal(capture.feed(http_request(host, negotiate_ap_req("HTTP/" + host), 2)).attempt, 0);
    assert_int_equal(capture.feed(http_response(200, {}, 2)).attempt, 0);
    const std::string other = "10.0.0.22";  // another server, never challenged this client
    assert_int_equal(capture.feed(http_request("app.example.test", negotiate_ap_req("HTTP/app.example.test"), 3, other)).attempt, 2);
}
