#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_7_to_s4u2proxy)
{
    Capture capture;
    FrameObservation request = tgs_req("MSSQLSvc/sql.example.test:1433", 50100, web01);
    TicketObservation evidence = ticket("HTTP/web01.example.test");
    evidence.additional = true;
    request.kerberos[0].tickets.push_back(evidence);
    capture.feed(request);
    auto diagnosis = capture.feed(kdc_error(7, "MSSQLSvc/sql.example.test:1433", 50100, web01));
    const Finding* finding = find(diagnosis, "backend_spn_unknown");
    assert_non_null(finding);
    assert_true(contains(finding->fix, "setspn -S MSSQLSvc/sql.example.test:1433 EXAMPLE\\<back-end account>"));
    assert_null(find(diagnosis, "spn_unknown"));
}

// Unconstrained delegation: the web server uses the user's forwarded TGT.
KERBDIAG_TEST(fires_on_7_to_a_web_server_after_it_received_a_ticket)
{
    Capture capture;
    capture.feed(http_request("web01.example.test", negotiate_ap_req("HTTP/web01.example.test")));
    capture.feed(tgs_req("MSSQLSvc/sql2.example.test:1433", 50200, web01));
    auto diagnosis = capture.feed(kdc_error(7, "MSSQLSvc/sql2.example.test:1433", 50200, web01));
    const Finding* finding = find(diagnosis, "backend_spn_unknown");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Back-end SPN MSSQLSvc/sql2.example.test:1433 for delegation from HTTP/web01.example.test "
                        "is not registered");
    assert_null(find(diagnosis, "spn_unknown"));
}

KERBDIAG_TEST(silent_for_ordinary_tgs_req)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/nospn.example.test"));
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    assert_null(find(diagnosis, "backend_spn_unknown"));
    assert_non_null(find(diagnosis, "spn_unknown"));
}
