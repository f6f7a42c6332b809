#include "problem_book.h"
#include "test_rule_frames.h"

using namespace lab;

static AuthHeader spnego_reject()
{
    AuthHeader auth = offer("Negotiate");
    auth.mech = Mech::spnego_neg_result;
    auth.neg_result = 2;
    return auth;
}

// S7 as recorded: Negotiate offered, the client answers with raw NTLM, 401 again without a challenge.
static void fires_on_the_401_without_a_challenge(void**)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));                                                // 1
    capture.feed(http_response(401, {offer("Negotiate")}));                                          // 2
    auto request = capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));  // 3
    auto refused = capture.feed(http_response(401, {offer("Negotiate")}));                           // 4
    assert_null(find(request, "ntlm_rejected"));
    const Finding* finding = find(refused, "ntlm_rejected");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "Server web01.example.test rejected NTLM: it answered the client's NTLM NEGOTIATE with 401 "
                        "and no challenge");
    assert_true(related_has(*finding, 3));
    assert_true(contains(finding->detail, "it offers Negotiate"));
    assert_true(contains(finding->fix, "klist get HTTP/web01.example.test)\n"));
    assert_true(contains(finding->fix, "\nIf NTLM is wanted"));
    // The exchange ends here: it is the one verdict frame of the NTLM attempt.
    assert_int_equal(refused.verdict, Verdict::failed);
    assert_int_equal(request.verdict, Verdict::none);
}

// One problem: the rejection explains the client's NTLM attempt better than
// "NTLM without Kerberos", and the user ends with 401, an error.
static void upgrades_ntlm_without_kerberos(void**)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    capture.feed(http_response(401, {offer("Negotiate")}));
    auto request = capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));
    capture.feed(http_response(401, {offer("Negotiate")}));
    assert_non_null(find(request, "ntlm_without_kerberos"));
    const auto& book = capture.correlator.problems();
    assert_int_equal(book.size(), 1);
    const Problem* problem = book.ranked().front();
    assert_string_equal(std::string(problem->rule->id).c_str(), "ntlm_rejected");
    assert_int_equal(problem->severity, Severity::error);
    assert_string_equal(problem->upgraded_from.c_str(), "ntlm_without_kerberos");
    assert_int_equal(problem->count, 1);  // one NTLM attempt, told better, not a second one
}

// S1 with the fallback refused: the SPN failure stays the cause, the rejection is part of its story.
static void fallback_rejected_is_folded_into_the_kerberos_failure(void**)
{
    Capture capture;
    const std::string host = "nospn.example.test";
    capture.feed(http_request(host));                                           // 1
    capture.feed(http_response(401, {offer("Negotiate")}));                     // 2
    capture.feed(tgs_req("HTTP/" + host));                                      // 3
    capture.feed(kdc_error(7, "HTTP/" + host));                                 // 4
    capture.feed(http_request(host, ntlm_token(Mech::ntlmssp_negotiate)));      // 5
    auto refused = capture.feed(http_response(401, {spnego_reject()}));         // 6
    const Finding* finding = find(refused, "ntlm_rejected");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "inside Negotiate in frame 5"));
    assert_true(contains(finding->detail, "SPNEGO reject, negState 2"));
    assert_true(contains(finding->detail, "fallback after Kerberos failed"));
    assert_true(contains(finding->fix, "Fix the Kerberos failure"));
    assert_int_equal(refused.verdict, Verdict::failed);
    const auto& book = capture.correlator.problems();
    assert_int_equal(book.size(), 1);
    const Problem* problem = book.ranked().front();
    assert_string_equal(std::string(problem->rule->id).c_str(), "spn_unknown");
    assert_int_equal(problem->count, 1);
    bool folded = false;
    for (const auto& text : problem->folded) folded = folded || contains(text, "ntlm_rejected: ");
    assert_true(folded);
}

static void silent_when_the_challenge_continues(void**)
{
    Capture capture;
    capture.feed(http_request("web01.example.test"));
    capture.feed(http_response(401, {offer("Negotiate"), offer("NTLM")}));
    capture.feed(http_request("web01.example.test", ntlm_token(Mech::ntlmssp_negotiate, "NTLM")));
    auto challenge = capture.feed(http_response(401, {ntlm_token(Mech::ntlmssp_challenge, "NTLM")}));
    assert_null(find(challenge, "ntlm_rejected"));
    assert_int_equal(challenge.verdict, Verdict::none);
    Capture healthy;
    assert_silent(healthy_flow(healthy), "ntlm_rejected");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fires_on_the_401_without_a_challenge),
        cmocka_unit_test(upgrades_ntlm_without_kerberos),
        cmocka_unit_test(fallback_rejected_is_folded_into_the_kerberos_failure),
        cmocka_unit_test(silent_when_the_challenge_continues),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
