// S15: the client cannot reach or find a KDC.
#include "names.h"
#include "rule.h"
#include "spn.h"

namespace kerbdiag {
namespace {

constexpr uint16_t kerberos_port = 88;
// The original request and two retries without any answer.
constexpr uint32_t unanswered_sends = 3;

std::string peer_key(const std::string& client, const std::string& kdc) { return client + "|" + kdc; }

void report_unreachable(FrameContext& context, FindingSink& out, const std::string& client, const std::string& kdc,
                        const std::string& how, std::vector<uint32_t> related)
{
    if (!context.first_time(RuleId::kdc_unreachable, peer_key(client, kdc))) return;
    Finding& finding = out.add(RuleId::kdc_unreachable, {{"kdc", kdc}, {"client", client}, {"how", how}});
    finding.related = std::move(related);
    finding.detail = "Kerberos requests: " + (finding.related.empty() ? std::string("none seen") : frames_text(finding.related)) + ".";
}

// Requests sent, per client and KDC, since the last answer.
void count_unanswered(FrameContext& context, FindingSink& out)
{
    for (const auto& reply : context.kdc_replies) {
        context.tally("kdc_sends", peer_key(reply.client, reply.kdc)) = RuleTally{};
        context.tally(RuleId::kdc_unreachable, peer_key(reply.client, reply.kdc)).reported = false;
    }
    for (const auto& request : context.kdc_requests) {
        RuleTally& sends = context.tally("kdc_sends", peer_key(request.client, request.kdc));
        ++sends.count;
        sends.add_frame(request.frame);
        if (sends.count == unanswered_sends)
            report_unreachable(context, out, request.client, request.kdc,
                               "no answer to " + std::to_string(sends.count) + " requests", sends.frames);
    }
}

// A TCP stream to port 88 stays "unanswered" from its SYN until a KDC reply.
void track_kdc_streams(const FrameObservation& frame, FrameContext& context)
{
    if (!frame.tcp_stream) return;
    std::string stream = std::to_string(*frame.tcp_stream);
    if (frame.transport.tcp_syn && frame.dst_port == kerberos_port && frame.src_port != kerberos_port)
        context.tally("kdc_stream", stream).count = 1;
    if (!context.kdc_replies.empty()) context.tally("kdc_stream", stream).count = 0;
}

void kdc_unreachable(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    count_unanswered(context, out);
    track_kdc_streams(frame, context);
    const TransportEvent& transport = frame.transport;
    if (transport.tcp_reset && frame.src_port == kerberos_port && frame.tcp_stream &&
        context.tally("kdc_stream", std::to_string(*frame.tcp_stream)).count > 0) {
        report_unreachable(context, out, frame.dst, frame.src, "TCP connection to port 88 reset",
                           context.tally("kdc_sends", peer_key(frame.dst, frame.src)).frames);
    }
    if (transport.icmp_unreachable && transport.icmp_inner_dport == kerberos_port) {
        report_unreachable(context, out, frame.dst, transport.icmp_inner_dst,
                           "ICMP destination unreachable for port 88",
                           context.tally("kdc_sends", peer_key(frame.dst, transport.icmp_inner_dst)).frames);
    }
}

bool is_locator_name(std::string_view name)
{
    return name.starts_with("_kerberos._tcp.") || name.starts_with("_kerberos._udp.") ||
           name.starts_with("_kerberos-master.") || name.starts_with("_kpasswd.") ||
           name.starts_with("_ldap._tcp.dc._msdcs.") || name.starts_with("_kerberos._tcp.dc._msdcs.") ||
           name.starts_with("_ldap._tcp.pdc._msdcs.");
}

// Host names the client resolves to reach a KDC: SRV targets, and kdc* names.
bool is_kdc_name(FrameContext& context, std::string_view name)
{
    return name.starts_with("kdc") || context.tally("kdc_name", name).count > 0;
}

void learn_kdc_names(const DnsMessage& dns, FrameContext& context)
{
    if (!is_locator_name(normalize_host(dns.query_name))) return;
    for (const auto& record : dns.answers)
        if (record.type == 33) context.tally("kdc_name", normalize_host(record.value)).count = 1;
}

std::string rcode_name(uint16_t rcode)
{
    switch (rcode) {
    case 0: return "no records";
    case 2: return "SERVFAIL";
    case 3: return "NXDOMAIN";
    case 5: return "REFUSED";
    default: return "rcode " + std::to_string(rcode);
    }
}

bool lookup_failed(const DnsMessage& dns, bool locator)
{
    if (dns.rcode == 2 || dns.rcode == 3 || dns.rcode == 5) return true;
    // An empty SRV answer means the domain publishes no KDC.
    return locator && dns.rcode == 0 && dns.answers.empty();
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

KERBDIAG_REGISTER_RULE(kdc_unreachable)
KERBDIAG_REGISTER_RULE(dc_discovery_failed)

}  // namespace kerbdiag
