// S4, S5, S6, S18: the name in the URL and the SPN or server do not line up.
#include "names.h"
#include "rule.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

bool is_kerberos_request(const HttpEvent& event)
{
    return event.is_request() && event.request.carries_kerberos() && !event.request.ticket_spn.empty();
}

void cname_spn(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_kerberos_request(event)) continue;
        std::string host = normalize_host(event.request.host);
        std::string ticket_host = spn_host(event.request.ticket_spn);
        std::string canonical = context.canonical_name(host);
        if (canonical.empty() || same_host(host, ticket_host) || !same_host(canonical, ticket_host)) continue;
        if (!context.first_time(RuleId::cname_spn, event.connection_key)) continue;
        const std::string& realm = event.request.ticket_realm;
        Finding& finding = out.add(RuleId::cname_spn, {{"host", host},
                                                 {"canonical", canonical},
                                                 {"spn", event.request.ticket_spn},
                                                 {"alias_spn", http_spn_for_host(host)},
                                                 {"realm", realm},
                                                 {"domain", netbios_domain(realm)}});
        const DnsName* dns = context.dns(host);
        const TgsOutcome* tgs = context.tgs_for_host(event.connection->client, ticket_host);
        finding.related = {dns->frame};
        finding.detail = host + " is a CNAME of " + canonical + " (frame " + std::to_string(dns->frame) + ")";
        if (tgs && tgs->request_frame < frame.frame) {
            finding.related.push_back(tgs->request_frame);
            finding.detail += "; TGS-REQ for " + tgs->spn + " in frame " + std::to_string(tgs->request_frame);
        }
        finding.detail += "; the request went to Host " + event.request.host + ".";
    }
}

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

void ip_literal_host(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    report_host_kind(RuleId::ip_literal_host, context, out,
                     [](const HttpEvent& event) { return is_ip_literal(event.request.host); });
}

void loopback_target(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    report_host_kind(RuleId::loopback_target, context, out, [](const HttpEvent& event) {
        return is_loopback(event.request.host) || event.connection->client == event.connection->server;
    });
}

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
        std::string addresses;
        for (const auto& address : dns->addresses) addresses += (addresses.empty() ? "" : ", ") + address;
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

KERBDIAG_REGISTER_RULE(cname_spn)
KERBDIAG_REGISTER_RULE(port_not_in_spn)
KERBDIAG_REGISTER_RULE(ip_literal_host)
KERBDIAG_REGISTER_RULE(loopback_target)
KERBDIAG_REGISTER_RULE(dns_address_mismatch)

}  // namespace kerbdiag
