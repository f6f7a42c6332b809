// The KRB-ERRORs of a frame, each with who sent it and what it answers, and
// the one rule id that reports it. One classification keeps the KRB-ERROR
// rules from reporting the same error twice.
#pragma once

#include "rule.h"

#include <string_view>
#include <vector>

namespace kerbdiag {

enum class Responder { kdc, web_server, other_service };

struct ErrorSite {
    const KerberosMessage* error = nullptr;
    Responder responder = Responder::kdc;
    const KdcReply* kdc_reply = nullptr;   // responder == kdc
    const HttpEvent* http = nullptr;       // responder == web_server: the response and its request
};

std::vector<ErrorSite> error_sites(const FrameObservation& frame, const FrameContext& context);

// The rule that reports this error (e.g. "spn_unknown", "krb_error").
std::string_view error_rule(const ErrorSite& site);

// The SPN the error is about: the request's sname when known, else the error's.
std::string error_spn(const ErrorSite& site);

// Who the KRB-ERROR says the server is: "HTTP/app.example.test@EXAMPLE.TEST",
// "svc_web@EXAMPLE.TEST", or empty when it names nobody.
std::string server_identity(const KerberosMessage& error);

// The frames that led to the error (KDC request, or the HTTP request).
std::vector<uint32_t> error_related(const ErrorSite& site);

// Placeholders shared by the KRB-ERROR rules: error_name, error_code, meaning,
// fix, spn, for_spn, realm, domain, host, responder.
TemplateValues error_values(const ErrorSite& site);

// "KRB-ERROR in frame 5 answers the TGS-REQ in frame 4. e-text: ... NTSTATUS: ..."
std::string error_detail(const ErrorSite& site, uint32_t frame);

inline void no_extra_values(const ErrorSite&, TemplateValues&) {}
inline void no_finish(const ErrorSite&, Finding&) {}

// Reports every KRB-ERROR of the frame that belongs to `rule_id`. `fill` adds
// the rule's own placeholders; `finish` may extend the finding (detail, related).
template <typename Fill, typename Finish = void (*)(const ErrorSite&, Finding&)>
void report_errors(std::string_view rule_id, const FrameObservation& frame, const FrameContext& context,
                   FindingSink& out, Fill fill, Finish finish = no_finish)
{
    for (const auto& site : error_sites(frame, context)) {
        if (error_rule(site) != rule_id) continue;
        TemplateValues values = error_values(site);
        fill(site, values);
        Finding& finding = out.add(rule_id, values);
        finding.related = error_related(site);
        finding.detail = error_detail(site, frame.frame);
        finish(site, finding);
    }
}

}  // namespace kerbdiag
