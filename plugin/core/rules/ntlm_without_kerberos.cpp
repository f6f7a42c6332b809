// S8: NTLM although the server offered Negotiate and Kerberos was never tried.
#include "names.h"
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// Names the client would not use Kerberos for anyway have their own rules.
bool kerberos_possible_for(std::string_view host)
{
    return !host.empty() && !is_ip_literal(host) && !is_loopback(host);
}

void ntlm_without_kerberos(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_ntlm_request(event)) continue;
        const Connection& connection = *event.connection;
        const std::string& client = connection.client;
        std::string host = normalize_host(event.request.host);
        if (!connection.last_401_offered_negotiate || connection.kerberos_requests > 0) continue;
        if (!kerberos_possible_for(host) || context.tgs_for_host_or_canonical(client, host)) continue;
        if (!context.first_time(RuleId::ntlm_without_kerberos, client + "|" + host)) continue;
        std::string spn = http_spn_for_host(host);
        Finding& finding = out.add(RuleId::ntlm_without_kerberos, {{"host", host}, {"host_name", host}, {"spn", spn}});
        finding.related = {connection.last_401_frame};
        finding.detail = "The 401 in frame " + std::to_string(connection.last_401_frame) +
                         " offered Negotiate; the capture holds no TGS-REQ from " + client + " for " + spn +
                         " and no AP-REQ on this connection.";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(ntlm_without_kerberos)

}  // namespace kerbdiag
