// Transport: TCP stream and flags of the frame itself, and what an ICMP
// unreachable error quotes of the datagram it refers to.
#include "decoders.h"

namespace kerbdiag::extract {

Step decode_transport(Field field, field_info* fi, WalkContext& ctx)
{
    TransportEvent& transport = ctx.frame->transport;
    switch (field) {
    case Field::proto_icmp:
    case Field::proto_icmpv6:
        ctx.in_icmp = true;
        break;
    case Field::icmp_type:
        // 3 = destination unreachable (ICMPv4); 1 = the same for ICMPv6.
        if (ctx.in_icmp && uint_value(fi) == 3) transport.icmp_unreachable = true;
        break;
    case Field::icmpv6_type:
        if (ctx.in_icmp && uint_value(fi) == 1) transport.icmp_unreachable = true;
        break;
    case Field::ip_dst:
    case Field::ipv6_dst:
        if (ctx.in_icmp) transport.icmp_inner_dst = display_value(fi);
        break;
    case Field::tcp_dstport:
    case Field::udp_dstport:
        if (ctx.in_icmp) transport.icmp_inner_dport = static_cast<uint16_t>(uint_value(fi));
        break;
    case Field::tcp_stream:
        if (!ctx.in_icmp) ctx.frame->tcp_stream = uint_value(fi);
        break;
    case Field::tcp_reset:
        if (!ctx.in_icmp) transport.tcp_reset = bool_value(fi);
        break;
    case Field::tcp_syn:
        if (!ctx.in_icmp) transport.tcp_syn = bool_value(fi);
        break;
    default:
        return Step::not_mine;
    }
    return Step::descend;
}

}  // namespace kerbdiag::extract
