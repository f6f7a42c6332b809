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
struct Sends {
    uint32_t count = 0;
    std::vector<uint32_t> frames;
};

Sends& sends_to(FrameContext& context, const std::string& client, const std::string& kdc)
{
    return context.state<Sends>(RuleId::kdc_unreachable, "sends|" + peer_key(client, kdc));
}

// A TCP stream to port 88 from its SYN until a KDC reply.
bool& stream_unanswered(FrameContext& context, uint32_t stream)
{
    return context.state<bool>(RuleId::kdc_unreachable, "stream|" + std::to_string(stream));
}

void count_unanswered(FrameContext& context, FindingSink& out)
{
    for (const auto& reply : context.kdc_replies) {
        sends_to(context, reply.client, reply.kdc) = Sends{};
        context.state<Once>(RuleId::kdc_unreachable, peer_key(reply.client, reply.kdc)).reported = false;
    }
    for (const auto& request : context.kdc_requests) {
        Sends& sends = sends_to(context, request.client, request.kdc);
        ++sends.count;
        add_frame(sends.frames, request.frame);
        if (sends.count == unanswered_sends)
            report_unreachable(context, out, request.client, request.kdc,
                               "no answer to " + std::to_string(sends.count) + " requests", sends.frames);
    }
}

void track_kdc_streams(const FrameObservation& frame, FrameContext& context)
{
    if (!frame.tcp_stream) return;
    if (frame.transport.tcp_syn && frame.dst_port == kerberos_port && frame.src_port != kerberos_port)
        stream_unanswered(context, *frame.tcp_stream) = true;
    if (!context.kdc_replies.empty()) stream_unanswered(context, *frame.tcp_stream) = false;
}

void kdc_unreachable(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    count_unanswered(context, out);
    track_kdc_streams(frame, context);
    const TransportEvent& transport = frame.transport;
    if (transport.tcp_reset && frame.src_port == kerberos_port && frame.tcp_stream &&
        stream_unanswered(context, *frame.tcp_stream)) {
        report_unreachable(context, out, frame.dst, frame.src, "TCP connection to port 88 reset",
                           sends_to(context, frame.dst, frame.src).frames);
    }
    if (transport.icmp_unreachable && transport.icmp_inner_dport == kerberos_port) {
        report_unreachable(context, out, frame.dst, transport.icmp_inner_dst,
                           "ICMP destination unreachable for port 88",
                           sends_to(context, frame.dst, transport.icmp_inner_dst).frames);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(kdc_unreachable)

}  // namespace kerbdiag
