// The KRB-ERRORs of a frame (FrameContext::errors), each with who sent it and
// what it answers, and the one rule id that reports it. The correlator routes
// them once per frame; the KRB-ERROR rules report the sites routed to them.
#pragma once

#include "rule.h"

#include <string_view>
#include <vector>

namespace kerbdiag {

// The frame's KRB-ERRORs, each routed to its rule. Call once the frame's KDC
// replies and HTTP messages are linked into the context.
std::vector<ErrorSite> error_sites(const FrameObservation& frame, const FrameContext& context);

// Not a finding: every KRB-ERROR's name and NTSTATUS as per-frame fields.
void record_error_facts(const FrameContext& context, FrameDiagnosis& diagnosis);

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
void report_errors(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                   FindingSink& out, Fill fill, Finish finish = no_finish)
{
    for (const auto& site : context.errors) {
        if (site.rule != rule_id) continue;
        TemplateValues values = error_values(site);
        fill(site, values);
        Finding& finding = out.add(rule_id, values);
        finding.related = error_related(site);
        finding.detail = error_detail(site, frame.frame);
        finish(site, finding);
    }
}

}  // namespace kerbdiag
