#include "test_rule_frames.h"

using namespace lab;

// The front end (web01) asks for MSSQLSvc on the user's behalf.
static FrameObservation s4u2proxy_request(bool with_additional_ticket)
{
    FrameObservation frame = tgs_req("MSSQLSvc/sql.example.test:1433", 50100, web01);
    KerberosMessage& msg = frame.kerberos[0];
    if (with_additional_ticket) {
        TicketObservation evidence = ticket("HTTP/web01.example.test");
        evidence.additional = true;
        msg.tickets.push_back(evidence);
    } else {
        msg.kdc_options = {0x40, 0x02, 0x00, 0x00};  // forwardable, cname-in-addl-tkt
    }
    return frame;
}

KERBDIAG_TEST(fires_on_badoption_to_s4u2proxy)
{
    Capture capture;
    capture.feed(s4u2proxy_request(true));
    auto diagnosis = capture.feed(kdc_error(13, "MSSQLSvc/sql.example.test:1433", 50100, web01));
    const Finding* finding = find(diagnosis, "delegation_refused");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "KDC refused delegation from HTTP/web01.example.test to MSSQLSvc/sql.example.test:1433 "
                        "(KDC_ERR_BADOPTION)");
    assert_string_equal(finding->account.c_str(), "HTTP/web01.example.test");
    assert_null(find(diagnosis, "krb_error"));
}

KERBDIAG_TEST(recognises_s4u2proxy_by_kdc_option)
{
    Capture capture;
    capture.feed(s4u2proxy_request(false));
    assert_non_null(find(capture.feed(kdc_error(13, "MSSQLSvc/sql.example.test:1433", 50100, web01)),
                         "delegation_refused"));
}

KERBDIAG_TEST(plain_badoption_is_a_krb_error)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web01.example.test"));
    auto diagnosis = capture.feed(kdc_error(13, "HTTP/web01.example.test"));
    assert_null(find(diagnosis, "delegation_refused"));
    assert_non_null(find(diagnosis, "krb_error"));
}
