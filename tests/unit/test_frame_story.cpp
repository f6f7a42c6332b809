// Flow arrows and Info notes: a frame in a few words.
#include "cmocka_cpp.h"

#include "problems/frame_story.h"

#include <string>

using namespace kerbdiag;

namespace {

FrameObservation tgs_rep_for(const std::string& account)
{
    FrameObservation frame;
    KerberosMessage msg;
    msg.msg_type = KrbMsgType::tgs_rep;
    msg.carrier = KrbCarrier::kdc_udp;
    TicketObservation ticket;
    ticket.sname = "HTTP/web01.example.test";
    ticket.etype = 18;
    ticket.kvno = 2;
    if (!account.empty()) {
        ticket.key.kind = KeyVerdictKind::decrypted;
        ticket.key.account_name = account;
    }
    msg.tickets.push_back(ticket);
    frame.kerberos.push_back(msg);
    return frame;
}

FrameObservation http_response(uint16_t code)
{
    FrameObservation frame;
    HttpMessage http;
    http.response_code = code;
    frame.http.push_back(http);
    return frame;
}

}  // namespace

KERBDIAG_TEST(tgs_rep_names_the_account_a_keytab_proved)
{
    ProblemBook book;
    FrameDiagnosis none;
    assert_string_equal(tell_frame(tgs_rep_for("WEB01$@EXAMPLE.TEST"), none, book).arrow.c_str(),
                        "TGS-REP ticket for WEB01$ (aes256, kvno 2)");
    assert_string_equal(tell_frame(tgs_rep_for(""), none, book).arrow.c_str(),
                        "TGS-REP ticket for HTTP/web01.example.test (aes256, kvno 2)");
    assert_true(tell_frame(tgs_rep_for(""), none, book).note.empty());
}

KERBDIAG_TEST(response_says_the_error_or_the_verdict)
{
    ProblemBook book;
    FrameDiagnosis error;
    error.error_name = "KRB_AP_ERR_MODIFIED";
    error.verdict = Verdict::failed;
    assert_string_equal(tell_frame(http_response(401), error, book).arrow.c_str(), "401 KRB_AP_ERR_MODIFIED");
    FrameDiagnosis ok;
    ok.verdict = Verdict::kerberos_ok;
    FrameStory story = tell_frame(http_response(200), ok, book);
    assert_string_equal(story.arrow.c_str(), "200 Kerberos OK");
    assert_string_equal(story.note.c_str(), "Kerberos OK");
    FrameDiagnosis fallback;
    fallback.verdict = Verdict::ntlm_fallback;
    assert_string_equal(tell_frame(http_response(200), fallback, book).arrow.c_str(), "200 NTLM fallback");
}

KERBDIAG_TEST(short_summary_keeps_the_first_clause)
{
    assert_string_equal(short_summary("Ticket for HTTP/a was encrypted for svc_web (which also holds X); server a "
                                      "answered KRB_AP_ERR_BAD_INTEGRITY")
                            .c_str(),
                        "Ticket for HTTP/a was encrypted for svc_web");
    std::string long_text(300, 'x');
    assert_true(short_summary("a " + long_text).size() < 110);
}

KERBDIAG_TEST(the_frame_that_starts_an_attempt_says_so)
{
    ProblemBook book;
    FrameDiagnosis start;
    start.attempt = 2;
    start.attempt_host = "web01.example.test";
    FrameObservation challenge = http_response(401);
    challenge.http.front().www_authenticate.push_back({});
    challenge.http.front().www_authenticate.back().scheme = "Negotiate";
    FrameStory story = tell_frame(challenge, start, book);
    assert_string_equal(story.comment.c_str(), "attempt 2 to web01.example.test: 401 offers Negotiate");
    assert_true(story.note.empty());  // the packet list shows the 401 already
}
