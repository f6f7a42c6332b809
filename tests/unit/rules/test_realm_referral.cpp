#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(notes_cross_realm_ticket_for_a_service)
{
    Capture capture;
    capture.feed(tgs_req("HTTP/web.other.test"));
    auto reply = capture.feed(tgs_rep("krbtgt/OTHER.TEST"));
    const Finding* finding = find(reply, "realm_referral");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(), "The KDC referred HTTP/web.other.test to realm OTHER.TEST");
    assert_true(related_has(*finding, 1));
}

KERBDIAG_TEST(silent_for_service_tickets_and_tgt_requests)
{
    Capture capture;
    assert_silent(healthy_flow(capture), "realm_referral");
    capture.feed(tgs_req("krbtgt/OTHER.TEST", 50001));
    assert_null(find(capture.feed(tgs_rep("krbtgt/OTHER.TEST", 50001)), "realm_referral"));
}
