// S18: the server is not at the address DNS gave for the Host.
#include "names.h"
#include "rule.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

// A proxy receives requests for every host: the address cannot match.
bool through_proxy(const HttpRequestInfo& request)
{
    return request.method == "CONNECT" || request.uri.starts_with("http://") || request.uri.starts_with("https://");
}

void dns_address_mismatch(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || through_proxy(event.request) || is_ip_literal(event.request.host)) continue;
        const DnsName* dns = context.dns(event.request.host);
        if (!dns || dns->addresses.empty()) continue;
        const std::string& server = event.connection->server;
        if (std::find(dns->addresses.begin(), dns->addresses.end(), server) != dns->addresses.end()) continue;
        if (!context.first_time(RuleId::dns_address_mismatch, event.connection_key)) continue;
        std::string host = normalize_host(event.request.host);
        std::string addresses = join(dns->addresses, ", ");
        Finding& finding = out.add(RuleId::dns_address_mismatch, {{"host", host},
                                                            {"server", server},
                                                            {"dns_addresses", addresses},
                                                            {"spn", http_spn_for_host(host)}});
        finding.related = {dns->frame};
        finding.detail = "DNS answer in frame " + std::to_string(dns->frame) + ": " + host + " -> " + addresses +
                         "; the connection goes to " + server + ".";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(dns_address_mismatch)

}  // namespace kerbdiag
