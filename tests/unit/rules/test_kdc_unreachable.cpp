#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_after_two_unanswered_retries)
{
    Capture capture;
    assert_null(find(capture.feed(tgs_req("HTTP/web01.example.test", 50000)), "kdc_unreachable"));
    assert_null(find(capture.feed(tgs_req("HTTP/web01.example.test", 50001)), "kdc_unreachable"));
    auto third = capture.feed(tgs_req("HTTP/web01.example.test", 50002));
    const Finding* finding = find(third, "kdc_unreachable");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "KDC 10.0.0.10 does not answer Kerberos from 10.0.0.100: no answer to 3 requests");
    assert_true(related_has(*finding, 1) && related_has(*finding, 2) && related_has(*finding, 3));
    assert_null(find(capture.feed(tgs_req("HTTP/web01.example.test", 50003)), "kdc_unreachable"));
}

KERBDIAG_TEST(fires_on_icmp_port_unreachable)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    FrameObservation icmp = udp(kdc, 0, client, 0);
    icmp.is_udp = false;
    icmp.transport.icmp_unreachable = true;
    icmp.transport.icmp_inner_dst = kdc;
    icmp.transport.icmp_inner_dport = 88;
    auto diagnosis = capture.feed(icmp);
    const Finding* finding = find(diagnosis, "kdc_unreachable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "ICMP destination unreachable"));
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(fires_on_reset_answering_a_syn_to_88)
{
    Capture capture;
    FrameObservation syn = tcp(client, 50500, kdc, 88, 4);
    syn.transport.tcp_syn = true;
    capture.feed(syn);
    FrameObservation reset = tcp(kdc, 88, client, 50500, 4);
    reset.transport.tcp_reset = true;
    auto diagnosis = capture.feed(reset);
    const Finding* finding = find(diagnosis, "kdc_unreachable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "TCP connection to port 88 reset"));
}

KERBDIAG_TEST(silent_when_the_kdc_answers)
{
    Capture capture;
    for (uint16_t port = 50000; port < 50005; ++port) {
        assert_null(find(capture.feed(tgs_req("HTTP/web01.example.test", port)), "kdc_unreachable"));
        capture.feed(tgs_rep("HTTP/web01.example.test", port));
    }
    // A reset closing a TCP exchange that was answered is not unreachability.
    FrameObservation syn = tcp(client, 50600, kdc, 88, 5);
    syn.transport.tcp_syn = true;
    capture.feed(syn);
    FrameObservation request = tcp(client, 50600, kdc, 88, 5);
    request.kerberos.push_back(kdc_message(KrbMsgType::tgs_req, "HTTP/web01.example.test"));
    capture.feed(request);
    FrameObservation reply = tcp(kdc, 88, client, 50600, 5);
    reply.kerberos.push_back(kdc_message(KrbMsgType::tgs_rep, "HTTP/web01.example.test"));
    capture.feed(reply);
    FrameObservation reset = tcp(kdc, 88, client, 50600, 5);
    reset.transport.tcp_reset = true;
    assert_null(find(capture.feed(reset), "kdc_unreachable"));
}
