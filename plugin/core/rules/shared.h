// Helpers that more than one rule uses. A helper that only one rule needs
// stays in that rule's file.
#pragma once

#include "error_sites.h"
#include "rule.h"
#include "spn.h"

#include <string>

namespace kerbdiag {

inline bool is_kerberos_request(const HttpEvent& event)
{
    return event.is_request() && event.request.carries_kerberos() && !event.request.ticket_spn.empty();
}

// One pass: the first request to such a name is where the evidence is
// complete (the 401 and the client's failed attempt come later, or never).
template <typename Condition>
void report_host_kind(RuleId rule_id, FrameContext& context, FindingSink& out, Condition&& condition)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !condition(event)) continue;
        std::string host = normalize_host(event.request.host);
        if (!context.first_time(rule_id, event.connection->client + "|" + host)) continue;
        Finding& finding = out.add(rule_id, {{"host", host}});
        finding.detail = "Host header " + event.request.host + ", connection " + event.connection->client +
                         " -> " + event.connection->server + ".";
    }
}

inline bool is_ntlm_request(const HttpEvent& event) { return event.is_request() && event.request.carries_ntlm(); }

// A keytab verdict that names the account whose key opens the ticket.
inline bool opened(const KeyVerdict& verdict)
{
    return verdict.kind == KeyVerdictKind::decrypted || verdict.kind == KeyVerdictKind::kvno_mismatch;
}

// The account name as admins type it: "svc_web@EXAMPLE.TEST" -> "svc_web".
inline std::string short_name(const std::string& principal) { return principal.substr(0, principal.rfind('@')); }

// backend_spn_unknown, delegation_refused: the delegating service names the
// finding's account, since that is where delegation is configured.
void fill_front_end(const ErrorSite& site, TemplateValues& values);

// server_cannot_decrypt, stale_key_version: the web server's KRB-ERROR with
// the ticket's facts (the TGS-REQ that got it, kvno, etype, server identity).
void report_server_error(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                         FindingSink& out);

}  // namespace kerbdiag
