// S15: DNS cannot find the domain's KDCs.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

bool is_locator_name(std::string_view name)
{
    return name.starts_with("_kerberos._tcp.") || name.starts_with("_kerberos._udp.") ||
           name.starts_with("_kerberos-master.") || name.starts_with("_kpasswd.") ||
           name.starts_with("_ldap._tcp.dc._msdcs.") || name.starts_with("_kerberos._tcp.dc._msdcs.") ||
           name.starts_with("_ldap._tcp.pdc._msdcs.");
}

// SRV targets of the KDC locator records seen so far.
bool& known_kdc_name(FrameContext& context, std::string_view name)
{
    return context.state<bool>(RuleId::dc_discovery_failed, "kdc|" + std::string(name));
}

// Host names the client resolves to reach a KDC: SRV targets, and kdc* names.
bool is_kdc_name(FrameContext& context, std::string_view name)
{
    return name.starts_with("kdc") || known_kdc_name(context, name);
}

void learn_kdc_names(const DnsMessage& dns, FrameContext& context)
{
    if (!is_locator_name(normalize_host(dns.query_name))) return;
    for (const auto& record : dns.answers)
        if (record.type == dns_type::srv) known_kdc_name(context, normalize_host(record.value)) = true;
}

std::string rcode_name(uint16_t rcode)
{
    switch (rcode) {
    case dns_rcode::no_error: return "no records";
    case dns_rcode::servfail: return "SERVFAIL";
    case dns_rcode::nxdomain: return "NXDOMAIN";
    case dns_rcode::refused: return "REFUSED";
    default: return "rcode " + std::to_string(rcode);
    }
}

bool lookup_failed(const DnsMessage& dns, bool locator)
{
    if (dns.rcode == dns_rcode::servfail || dns.rcode == dns_rcode::nxdomain || dns.rcode == dns_rcode::refused)
        return true;
    // An empty SRV answer means the domain publishes no KDC.
    return locator && dns.rcode == dns_rcode::no_error && dns.answers.empty();
}

void dc_discovery_failed(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& dns : frame.dns) {
        if (!dns.is_response) continue;
        learn_kdc_names(dns, context);
        std::string name = normalize_host(dns.query_name);
        bool locator = is_locator_name(name);
        if ((!locator && !is_kdc_name(context, name)) || !lookup_failed(dns, locator)) continue;
        if (!context.first_time(RuleId::dc_discovery_failed, name)) continue;
        Finding& finding = out.add(RuleId::dc_discovery_failed, {{"name", name}, {"rcode", rcode_name(dns.rcode)}});
        finding.detail = "DNS response in frame " + std::to_string(frame.frame) + " for " + name + ": " +
                         rcode_name(dns.rcode) + ".";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(dc_discovery_failed)

}  // namespace kerbdiag
