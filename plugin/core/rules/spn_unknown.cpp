// S1: the KDC knows no account for the requested SPN (or more than one).
#include "error_sites.h"
#include "names.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// The computer account that would hold HOST/<host>: its first label.
std::string computer_name(const std::string& host)
{
    std::string label = host.substr(0, host.find('.'));
    for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return label.empty() ? "<computer>" : label;
}

// An SPN for an IP address is not a registration to make: the URL should
// name the host its SPN is registered for. No computer name can be derived
// from an address either.
void fix_for_address(const ErrorSite& site, Finding& finding)
{
    std::string host = spn_host(error_spn(site));
    if (!is_ip_literal(host)) return;
    finding.fix = "The client asked for a ticket for an IP address (" + error_spn(site) +
                  "): open the site by the host name its SPN is registered for (http://<host name>/), "
                  "not by the address " + host + "; do not register an SPN for the address.";
}

void spn_unknown(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(
        RuleId::spn_unknown, frame, context, out,
        [](const ErrorSite&, TemplateValues& values) {
            const std::string& host = values["host"];
            values["computer"] = is_ip_literal(host) ? "<computer>" : computer_name(host);
        },
        fix_for_address);
}

}  // namespace

KERBDIAG_REGISTER_RULE(spn_unknown)

}  // namespace kerbdiag
