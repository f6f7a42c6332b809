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

// backend_spn_unknown, delegation_refused: the delegating service names the
// finding's account, since that is where delegation is configured.
void fill_front_end(const ErrorSite& site, TemplateValues& values);

// server_cannot_decrypt, stale_key_version: the web server's KRB-ERROR with
// the ticket's facts (the TGS-REQ that got it, kvno, etype, server identity).
void report_server_error(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                         FindingSink& out);

}  // namespace kerbdiag
