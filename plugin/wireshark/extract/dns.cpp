// DNS: the query and the answers (in fake trees every RR field sits flat
// under dns, so an answer is opened by its name and filled by what follows).
#include "decoders.h"

namespace kerbdiag::extract {
namespace {

void record_dns_field(Field field, field_info* fi, DnsMessage& dns)
{
    switch (field) {
    case Field::dns_response: dns.is_response = bool_value(fi); break;
    case Field::dns_rcode: dns.rcode = static_cast<uint16_t>(uint_value(fi)); break;
    case Field::dns_query_name:
        if (dns.query_name.empty()) dns.query_name = string_value(fi);
        break;
    case Field::dns_query_type:
        if (!dns.query_type) dns.query_type = static_cast<uint16_t>(uint_value(fi));
        break;
    case Field::dns_rr_name:
        dns.answers.push_back({string_value(fi), 0, {}});
        break;
    case Field::dns_rr_type:
        if (!dns.answers.empty()) dns.answers.back().type = static_cast<uint16_t>(uint_value(fi));
        break;
    case Field::dns_cname:
    case Field::dns_srv_target:
        if (!dns.answers.empty()) dns.answers.back().value = string_value(fi);
        break;
    case Field::dns_a:
    case Field::dns_aaaa:
        if (!dns.answers.empty()) dns.answers.back().value = display_value(fi);
        break;
    default:
        break;
    }
}

}  // namespace

// Inside a DNS message every other field is its own (a DNS message carries
// no HTTP or Kerberos): they are passed over.
Step decode_dns(Field field, field_info* fi, WalkContext& ctx)
{
    if (field == Field::proto_dns) {
        if (ctx.in_icmp) return Step::skip;  // the quoted datagram of an ICMP error
        ctx.frame->dns.emplace_back();
        ctx.dns = &ctx.frame->dns.back();
        return Step::descend;
    }
    if (!ctx.dns) return Step::not_mine;
    record_dns_field(field, fi, *ctx.dns);
    return Step::descend;
}

}  // namespace kerbdiag::extract
