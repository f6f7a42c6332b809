// Helpers that more than one rule uses. A helper that only one rule needs
// stays in that rule's file.
#pragma once

#include "error_sites.h"
#include "keytab_evidence.h"
#include "rule.h"
#include "names.h"
#include "spn.h"

#include <string>

namespace kerbdiag {

inline bool is_kerberos_request(const HttpEvent& event)
{
    return event.is_request() && event.request.carries_kerberos() && !event.request.ticket_spn.empty();
}

// The HTTP message of this frame whose exchange the correlator judged failed
// (kerbdiag.verdict "failed": credentials answered 401, NTLM refused, or a
// client giving up after Kerberos failed), or nullptr. That is where a capture
// shows that authentication to the site failed.
inline const HttpEvent* failed_exchange(const FrameContext& context, FindingSink& out)
{
    if (out.diagnosis().verdict != Verdict::failed || context.http.empty()) return nullptr;
    return &context.http.front();
}

inline bool is_ntlm_request(const HttpEvent& event) { return event.is_request() && event.request.carries_ntlm(); }

// A keytab verdict that names the account whose key opens the ticket.
inline bool opened(const KeyVerdict& verdict)
{
    return verdict.kind == KeyVerdictKind::decrypted || verdict.kind == KeyVerdictKind::kvno_mismatch;
}

// The account name as admins type it: "svc_web@EXAMPLE.TEST" -> "svc_web".
inline std::string short_name(const std::string& principal) { return principal.substr(0, principal.rfind('@')); }

// ---- which account's key opened a rejected ticket (keytab verdicts) ----------
//
// At each request, the account that opens the ticket it carries is remembered
// for the answer; rules that explain a server's rejection read it back.
// Every rule that calls opening_account() calls remember_opening_accounts()
// first (idempotent per frame).
void remember_opening_accounts(const FrameObservation& frame, FrameContext& context);
const AccountFacts* opening_account(FrameContext& context, const HttpEvent& response);

bool holds(const AccountFacts& account, std::string_view principal);

// A server's KRB-ERROR that says its key did not open the ticket: 31, 35, 36, 41.
bool is_wrong_key_error(int32_t code);

// The server's KRB-ERROR says its key does not open the ticket: 31, 35, 36,
// 41; BADKEYVER (44) only when the opening account does not hold the
// ticket's SPN (otherwise the kvno alone is out of date: stale_key_version).
bool rejects_ticket_key(int32_t code, const AccountFacts& account, const HttpRequestInfo& request);

// "WEB01$@EXAMPLE.TEST" -> "web01"; empty unless the account is a computer.
std::string computer_host_label(const AccountFacts& account);

// What a server's rejection of a ticket that the keytab opens means.
enum class RejectedTicket {
    wrong_account,       // encrypted for another account than the server's (S2)
    mapped_to_computer,  // no account holds the SPN; AD used the computer's HOST/ key
    server_key_stale,    // encrypted with the current key of the host's own account (S12)
};
RejectedTicket classify_rejection(const AccountFacts& account, const HttpRequestInfo& request);

// Reports each web-server rejection of this frame whose ticket the keytab
// opens and that classify_rejection() puts in `kind`, with the placeholders
// spn, host, realm, domain, error_name, account, ticket_kvno; `fill` adds the
// rule's own.
template <typename Fill>
void report_rejections(RuleId rule_id, RejectedTicket kind, const FrameObservation& frame, FrameContext& context,
                       FindingSink& out, Fill fill);

// Account names as admins type them, and never a service principal as an
// account: "svc_web@EXAMPLE.TEST" -> "svc_web"; "HTTP/x@R" -> "".
std::string account_short_name(const AccountFacts& account);

template <typename Fill>
void report_rejections(RuleId rule_id, RejectedTicket kind, const FrameObservation& frame, FrameContext& context,
                       FindingSink& out, Fill fill)
{
    remember_opening_accounts(frame, context);
    for (const auto& site : context.errors) {
        if (site.responder != Responder::web_server || !site.http || !site.error->error_code) continue;
        const HttpRequestInfo& request = site.http->request;
        const AccountFacts* account = opening_account(context, *site.http);
        if (!account || !rejects_ticket_key(*site.error->error_code, *account, request)) continue;
        if (classify_rejection(*account, request) != kind) continue;
        TemplateValues values = error_values(site);
        values["spn"] = request.ticket_spn;
        if (!request.ticket_realm.empty()) {
            values["realm"] = request.ticket_realm;
            values["domain"] = netbios_domain(request.ticket_realm);
        }
        values["account"] = account_short_name(*account);
        values["ticket_kvno"] = request.ticket_kvno ? std::to_string(*request.ticket_kvno) : "?";
        fill(*account, site, values);
        Finding& finding = out.add(rule_id, values);
        finding.related = error_related(site);
        finding.detail = "The keytab opens the ticket sent in frame " + std::to_string(request.frame) + " with the key of " +
                         account->label + "; the server answered " + values["error_name"] + " in frame " +
                         std::to_string(frame.frame) + ".";
    }
}

// ---- keytab facts told on the first ticket they explain (keytab_* rules) ------

// The ticket opens with the key of one of the fact's accounts.
bool opened_by_one_of(const KeytabFact& fact, const TicketObservation& ticket);

// For each keytab fact of `kind` not told yet in this file, the first ticket
// of this frame that `explains(fact, ticket)`: `tell(fact, ticket)` reports it.
template <typename Explains, typename Tell>
void tell_keytab_facts(RuleId rule_id, KeytabFactKind kind, const FrameObservation& frame, FrameContext& context,
                       Explains explains, Tell tell)
{
    const auto& facts = context.keytab_facts();
    for (size_t index = 0; index < facts.size(); ++index) {
        const KeytabFact& fact = facts[index];
        if (fact.kind != kind) continue;
        const TicketObservation* explained = nullptr;
        for_each_ticket(frame, [&](const TicketObservation& ticket) {
            if (!explained && explains(fact, ticket)) explained = &ticket;
        });
        if (explained && context.first_time(rule_id, "fact|" + std::to_string(index))) tell(fact, *explained);
    }
}

// The fact's finding on the ticket's frame: `ticket_detail`, then the fact.
Finding& add_keytab_finding(RuleId rule_id, const KeytabFact& fact, const TemplateValues& values,
                            const std::string& ticket_detail, FindingSink& out);

// "HTTP/web1.ad.example.test@AD.EXAMPLE.TEST in frame 12"
std::string ticket_in_frame(const TicketObservation& ticket, uint32_t frame);

// backend_spn_unknown, delegation_refused: the delegating service names the
// finding's account, since that is where delegation is configured.
void fill_front_end(const ErrorSite& site, TemplateValues& values);

// server_cannot_decrypt, stale_key_version: the web server's KRB-ERROR with
// the ticket's facts (the TGS-REQ that got it, kvno, etype, server identity).
void report_server_error(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                         FindingSink& out);

}  // namespace kerbdiag
