// stale_key (S12) and ticket_not_delegatable (S14) on hand-made keytab verdicts.
#include "test_rule_frames.h"

namespace kerbdiag::rule_files { void keyed_tickets(); }

using namespace lab;

namespace {

FrameObservation tgs_rep_with(KeyVerdict key, uint32_t kvno = 2)
{
    FrameObservation frame = tgs_rep("HTTP/web01.example.test");
    TicketObservation& ticket = frame.kerberos[0].tickets[0];
    ticket.kvno = kvno;
    ticket.key = std::move(key);
    return frame;
}

KeyVerdict verdict(KeyVerdictKind kind)
{
    KeyVerdict key;
    key.kind = kind;
    key.client = "alice@" + realm;
    if (kind == KeyVerdictKind::decrypted || kind == KeyVerdictKind::kvno_mismatch) {
        key.account_id = 1;
        key.account_name = "WEB01$@" + realm;
        key.account = key.account_name + " (label)";
        key.key_kvno = 1;
    }
    return key;
}

}  // namespace

static void reports_a_kvno_mismatch(void**)
{
    Capture capture;
    auto diagnosis = capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch)));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Keytab is out of date for HTTP/web01.example.test (ticket kvno 2): "
                                           "the keytab entry that opens it has kvno 1"));
    assert_true(contains(finding->fix, "ktpass -princ HTTP/web01.example.test@EXAMPLE.TEST"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch))), "stale_key"));  // once
}

static void reports_a_keytab_from_before_the_password_change(void**)
{
    Capture capture;
    KeyVerdict key = verdict(KeyVerdictKind::no_matching_key);
    key.sname_kvnos = {1};
    auto diagnosis = capture.feed(tgs_rep_with(key));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "holds it only at kvno 1"));
    key.sname_kvnos = {3};
    diagnosis = capture.feed(tgs_rep_with(key, 3));
    finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "key changed without a new kvno"));
}

static void silent_for_good_or_unrelated_keys(void**)
{
    Capture capture;
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::decrypted))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_matching_key))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_key_of_etype))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::not_tried))), "stale_key"));
}

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

static void reports_an_evidence_ticket_that_is_not_forwardable(void**)
{
    Capture capture;
    auto diagnosis = capture.feed(s4u2proxy_with_evidence(false));
    const Finding* finding = find(diagnosis, "ticket_not_delegatable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Ticket of alice@EXAMPLE.TEST for HTTP/web01.example.test is not "
                                           "forwardable, so constrained delegation (S4U2Proxy) from HTTP/web01.example.test"));
    assert_true(contains(finding->fix, "+ok_to_auth_as_delegate HTTP/web01.example.test"));
}

static void silent_for_a_forwardable_evidence_ticket(void**)
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

static void reports_a_received_ticket_that_is_not_forwardable(void**)
{
    Capture capture;
    capture.feed(http_request_with_ticket(false));
    auto diagnosis = capture.feed(tgs_req_s4u2proxy());
    const Finding* finding = find(diagnosis, "ticket_not_delegatable");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "constrained delegation to MSSQLSvc/sql.example.test:1433"));
    assert_true(related_has(*finding, 1));
}

static void one_finding_when_evidence_and_received_ticket_agree(void**)
{
    Capture capture;
    capture.feed(http_request_with_ticket(false));
    assert_int_equal(count(capture.feed(s4u2proxy_with_evidence(false)), "ticket_not_delegatable"), 1);
}

static void silent_when_the_received_ticket_is_forwardable(void**)
{
    Capture capture;
    capture.feed(http_request_with_ticket(true));
    assert_null(find(capture.feed(tgs_req_s4u2proxy()), "ticket_not_delegatable"));
}

int main(void)
{
    kerbdiag::rule_files::keyed_tickets();  // keeps the rule file linked
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reports_a_kvno_mismatch),
        cmocka_unit_test(reports_a_keytab_from_before_the_password_change),
        cmocka_unit_test(silent_for_good_or_unrelated_keys),
        cmocka_unit_test(reports_an_evidence_ticket_that_is_not_forwardable),
        cmocka_unit_test(silent_for_a_forwardable_evidence_ticket),
        cmocka_unit_test(reports_a_received_ticket_that_is_not_forwardable),
        cmocka_unit_test(one_finding_when_evidence_and_received_ticket_agree),
        cmocka_unit_test(silent_when_the_received_ticket_is_forwardable),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
