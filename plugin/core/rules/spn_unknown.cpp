// S1: the KDC knows no account for the requested SPN.
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

void spn_unknown(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::spn_unknown, frame, context, out, [](const ErrorSite&, TemplateValues& values) {
        values["computer"] = computer_name(values["host"]);
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(spn_unknown)

}  // namespace kerbdiag
