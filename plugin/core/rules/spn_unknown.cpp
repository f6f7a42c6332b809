// S1, S3, S14: the KDC cannot issue a ticket for the requested name.
#include "error_sites.h"
#include "names.h"

namespace kerbdiag {
namespace {

// The computer account that would hold HOST/<host>: its first label.
std::string computer_name(const std::string& host)
{
    std::string label = host.substr(0, host.find('.'));
    for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return label.empty() ? "<computer>" : label;
}

// The delegating service names the finding's account: that is where delegation is configured.
void fill_front_end(const ErrorSite& site, TemplateValues& values)
{
    const auto& request = site.kdc_reply->request;
    bool known = request && !request->front_end.empty();
    values["front_end"] = known ? request->front_end : std::string("the front-end service");
    values["account"] = known ? request->front_end : std::string();
}

void spn_unknown(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::spn_unknown, frame, context, out, [](const ErrorSite&, TemplateValues& values) {
        values["computer"] = computer_name(values["host"]);
    });
}

void principal_not_unique(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::principal_not_unique, frame, context, out, no_extra_values);
}

void backend_spn_unknown(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::backend_spn_unknown, frame, context, out, fill_front_end);
}

void delegation_refused(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::delegation_refused, frame, context, out, fill_front_end);
}

}  // namespace

KERBDIAG_REGISTER_RULE(spn_unknown)
KERBDIAG_REGISTER_RULE(principal_not_unique)
KERBDIAG_REGISTER_RULE(backend_spn_unknown)
KERBDIAG_REGISTER_RULE(delegation_refused)

}  // namespace kerbdiag
