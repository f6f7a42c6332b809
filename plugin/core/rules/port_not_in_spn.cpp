// S5: the URL has a port, the SPN does not.
#include "names.h"
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

bool is_default_http_port(uint16_t port) { return port == 80 || port == 443; }

void port_not_in_spn(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_kerberos_request(event)) continue;
        auto port = host_port(event.request.host);
        auto spn = parse_spn(event.request.ticket_spn);
        if (!port || is_default_http_port(*port) || !spn || spn->port) continue;
        if (!context.first_time(RuleId::port_not_in_spn, event.connection->client + "|" + event.request.host)) continue;
        std::string with_port = event.request.ticket_spn + ":" + std::to_string(*port);
        out.add(RuleId::port_not_in_spn, {{"host", normalize_host(event.request.host)},
                                    {"port", std::to_string(*port)},
                                    {"spn", event.request.ticket_spn},
                                    {"spn_with_port", with_port},
                                    {"realm", event.request.ticket_realm},
                                    {"domain", netbios_domain(event.request.ticket_realm)}});
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(port_not_in_spn)

}  // namespace kerbdiag
