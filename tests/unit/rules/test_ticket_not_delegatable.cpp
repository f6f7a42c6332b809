// ticket_not_delegatable (S14) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeyVerdict opened_with_flags(bool forwardable)
{
    KeyVerdict key = verdict(KeyVerdictKind::decrypted);
    key.ticket_flags = forwardable ? ticket_flag_bit(TicketFlag::forwardable) : 0;
    return key;
}

// S4U2Proxy from the front end; without a key verdict the keytab cannot open the evidence ticket.
FrameObservation tgs_req_s4u2proxy(KeyVerdict evidence_key = {})
{
    FrameObservation frame = tgs_req("MSSQLSvc/sql.example.test:1433", 50010, web01);
    TicketObservation evidence = ticket("HTTP/web01.example.test");
    evidence.additional = true;
    evidence.key = std::move(evidence_key);
    frame.kerberos[0].tickets.push_back(evidence);
    return frame;
}

FrameObservation s4u2proxy_with_evidence(bool forwardable) { return tgs_req_s4u2proxy(opened_with_flags(forwardable)); }

}  // namespace

KERBDIAG_TEST(reports_an_evidence_ticket_that_is_not_forwardable)
{
    Capture capture;
    auto diagnosis = capture.feed(s4u2proxy_with_evidence(false));
    const Finding* finding = find(diagnosis, "ticket_not_delegatable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Ticket of alice@EXAMPLE.TEST for HTTP/web01.example.test is not "
                                           "forwardable, so constrained delegation (S4U2Proxy) from HTTP/web01.example.test"));
    assert_true(contains(finding->fix, "+ok_to_auth_as_delegate HTTP/web01.example.test"));
}

KERBDIAG_TEST(silent_for_a_forwardable_evidence_ticket)
{
    Capture capture;
    assert_null(find(capture.feed(s4u2proxy_with_evidence(true)), "ticket_not_delegatable"));
}

namespace {

// The front end received a ticket over HTTP that the keytab opens.
FrameObservation http_request_with_ticket(bool forwardable)
{
    AuthHeader auth = negotiate_ap_req("HTTP/web01.example.test");
    auth.kerberos[0].tickets[0].key = opened_with_flags(forwardable);
    return http_request("web01.example.test", auth);
}

}  // namespace

KERBDIAG_TEST(reports_a_received_ticket_that_is_not_forwardable)
{
    Capture capture;
    capture.feed(http_request_with_ticket(false));
    auto diagnosis = capture.feed(tgs_req_s4u2proxy());
    const Finding* finding = find(diagnosis, "ticket_not_delegatable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "constrained delegation to MSSQLSvc/sql.example.test:1433"));
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(one_finding_when_evidence_and_received_ticket_agree)
{
    Capture capture;
    capture.feed(http_request_with_ticket(false));
    assert_int_equal(count(capture.feed(s4u2proxy_with_evidence(false)), "ticket_not_delegatable"), 1);
}

KERBDIAG_TEST(silent_when_the_received_ticket_is_forwardable)
{
    Capture capture;
    capture.feed(http_request_with_ticket(true));
    assert_null(find(capture.feed(tgs_req_s4u2proxy()), "ticket_not_delegatable"));
}
