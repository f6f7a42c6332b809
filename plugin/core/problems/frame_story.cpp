#include "frame_story.h"

#include "frame_role.h"
#include "krb_errors.h"

#include <string_view>

namespace kerbdiag {

namespace {

constexpr size_t note_room = 100;

// The account a keytab proved the ticket is for, without its realm:
// "WEB01$", "svc_web"; empty without a keytab verdict.
std::string ticket_account(const KeyVerdict& key)
{
    if (key.kind != KeyVerdictKind::decrypted && key.kind != KeyVerdictKind::kvno_mismatch) return "";
    std::string name = key.account_name.empty() ? key.account : key.account_name;
    return name.substr(0, name.find('@'));
}

std::string ticket_words(const TicketObservation& ticket)
{
    std::string account = ticket_account(ticket.key);
    std::string words = "ticket for " + (account.empty() ? ticket.sname : account) + " (" + short_enctype(ticket.etype);
    if (ticket.kvno) words += ", kvno " + std::to_string(*ticket.kvno);
    return words + ")";
}

const TicketObservation* service_ticket(const KerberosMessage& msg)
{
    for (const auto& ticket : msg.tickets)
        if (!ticket.in_padata && !ticket.additional) return &ticket;
    return nullptr;
}

std::string kerberos_arrow(const KerberosMessage& msg)
{
    std::string type(msg_type_name(msg.msg_type));
    switch (msg.msg_type) {
    case KrbMsgType::as_req: return type + " " + msg.cname;
    case KrbMsgType::as_rep: return type + " TGT for " + msg.cname;
    case KrbMsgType::tgs_req: return type + " " + msg.sname;
    case KrbMsgType::tgs_rep:
        if (const TicketObservation* ticket = service_ticket(msg)) return type + " " + ticket_words(*ticket);
        return type;
    case KrbMsgType::krb_error: return msg.error_code ? type + " " + krb_error_name(*msg.error_code) : type;
    case KrbMsgType::ap_req:
    case KrbMsgType::ap_rep:
    case KrbMsgType::unknown: return type;
    }
    return type;
}

std::string_view verdict_words(Verdict verdict)
{
    switch (verdict) {
    case Verdict::kerberos_ok: return "Kerberos OK";
    case Verdict::ntlm_fallback: return "NTLM fallback";
    case Verdict::ntlm: return "NTLM";
    case Verdict::failed: return "failed";
    case Verdict::anonymous: return "";
    case Verdict::none: return "";
    }
    return "";
}

std::string token_words(const AuthHeader& auth)
{
    if (auth.mech == Mech::krb5_ap_req) {
        for (const auto& msg : auth.kerberos)
            if (const TicketObservation* ticket = service_ticket(msg)) return "Kerberos " + ticket_words(*ticket);
        return "Kerberos";
    }
    if (auth.mech == Mech::none) return auth.scheme;
    return std::string(mech_name(auth.mech));
}

std::string http_request_arrow(const HttpMessage& http)
{
    std::string arrow = http.method + " " + http.uri;
    if (http.authorization) arrow += " " + token_words(*http.authorization);
    return arrow;
}

std::string http_response_arrow(const HttpMessage& http, const FrameDiagnosis& diagnosis)
{
    std::string arrow = std::to_string(http.response_code);
    if (!diagnosis.error_name.empty()) return arrow + " " + diagnosis.error_name;
    std::string_view verdict = verdict_words(diagnosis.verdict);
    if (!verdict.empty()) return arrow + " " + std::string(verdict);
    for (const auto& header : http.www_authenticate) {
        if (header.mech == Mech::krb5_error) continue;
        arrow += (arrow.find(" offers ") == std::string::npos ? " offers " : ", ") + header.scheme;
    }
    return arrow;
}

std::string dns_type_name(uint16_t type)
{
    switch (type) {
    case dns_type::a: return "A";
    case dns_type::cname: return "CNAME";
    case dns_type::aaaa: return "AAAA";
    case dns_type::srv: return "SRV";
    default: return "type " + std::to_string(type);
    }
}

std::string dns_arrow(const DnsMessage& dns)
{
    std::string asked = "DNS " + dns_type_name(dns.query_type) + " " + dns.query_name;
    if (!dns.is_response) return asked + "?";
    if (dns.rcode == dns_rcode::nxdomain) return asked + ": no such name";
    if (dns.rcode != dns_rcode::no_error) return asked + ": rcode " + std::to_string(dns.rcode);
    std::string arrow = asked;
    for (const auto& answer : dns.answers)
        if (answer.type == dns_type::cname || answer.type == dns_type::a || answer.type == dns_type::aaaa ||
            answer.type == dns_type::srv)
            arrow += " -> " + answer.value;
    return arrow == asked ? asked + ": no record" : arrow;
}

std::string arrow_of(const FrameObservation& frame, const FrameDiagnosis& diagnosis)
{
    for (const auto& http : frame.http)
        return http.is_request ? http_request_arrow(http) : http_response_arrow(http, diagnosis);
    for (const auto& msg : frame.kerberos) return kerberos_arrow(msg);
    for (const auto& dns : frame.dns) return dns_arrow(dns);
    if (frame.transport.icmp_unreachable) return "ICMP unreachable";
    if (frame.transport.tcp_reset && !diagnosis.findings.empty()) return "TCP reset";
    return "";
}

std::string problem_words(const Problem& problem, ProblemChange change)
{
    std::string words = "problem " + std::to_string(problem.number);
    switch (change) {
    case ProblemChange::concluded: break;
    case ProblemChange::upgraded: words += " (refined)"; break;
    case ProblemChange::repeated: words += " again (seen " + std::to_string(problem.count) + ")"; break;
    case ProblemChange::recovered: words += " (client recovered)"; break;
    }
    return words + ": " + problem.summary;
}

std::string note_of(const Problem& problem, ProblemChange change)
{
    std::string note = short_summary(problem.summary);
    if (change == ProblemChange::repeated) note += " (again)";
    if (change == ProblemChange::recovered) note += " (client recovered)";
    return note;
}

}  // namespace

std::string short_enctype(int32_t etype)
{
    switch (etype) {
    case 1: return "des-crc";
    case 3: return "des-md5";
    case 17: return "aes128";
    case 18: return "aes256";
    case 19: return "aes128-sha2";
    case 20: return "aes256-sha2";
    case 23: return "rc4";
    case 24: return "rc4-exp";
    default: return "etype " + std::to_string(etype);
    }
}

std::string short_summary(const std::string& summary)
{
    std::string text;
    int depth = 0;  // parenthesised asides go
    for (char c : summary) {
        if (c == '(') ++depth;
        if (depth == 0) text += c;
        if (c == ')' && depth > 0) --depth;
    }
    size_t stop = std::min(text.find("; "), text.find(". "));
    if (stop != std::string::npos) text.erase(stop);
    for (size_t at; (at = text.find("  ")) != std::string::npos;) text.erase(at, 1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
    if (text.size() > note_room) {
        size_t space = text.rfind(' ', note_room);
        text.erase(space == std::string::npos ? note_room : space);
        text += "\u2026";
    }
    return text;
}

FrameStory tell_frame(const FrameObservation& frame, const FrameDiagnosis& diagnosis, const ProblemBook& problems)
{
    FrameStory story;
    story.arrow = arrow_of(frame, diagnosis);
    std::vector<std::string> comments, notes;
    for (const auto& update : diagnosis.problems) {
        const Problem* problem = problems.find(update.problem);
        if (!problem) continue;
        comments.push_back(problem_words(*problem, update.change));
        notes.push_back(note_of(*problem, update.change));
    }
    std::string_view verdict = verdict_words(diagnosis.verdict);
    if (notes.empty() && !verdict.empty()) notes.emplace_back(verdict);
    if (diagnosis.attempt) {
        std::string attempt = "attempt " + std::to_string(diagnosis.attempt);
        if (!diagnosis.attempt_host.empty()) attempt += " to " + diagnosis.attempt_host;
        comments.insert(comments.begin(), comments.empty() ? attempt + ": " + story.arrow : attempt);
    }
    for (const auto& comment : comments) story.comment += (story.comment.empty() ? "" : " | ") + comment;
    for (const auto& note : notes) story.note += (story.note.empty() ? "" : "; ") + note;
    return story;
}

}  // namespace kerbdiag
