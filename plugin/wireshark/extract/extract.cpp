// Field extraction: a pre-order walk over the frame's tree, handing each
// known field to its protocol's decoder (decoders.h).
//
// In tshark without -V the tree is a "fake" tree that only holds the primed
// fields, so nesting collapses to the primed containers; in the GUI every
// node exists. The decoders therefore key everything on primed containers
// (http.authorization, kerberos.ticket_element, ...) and the walk passes
// through any node it does not know. Nothing here calls a Wireshark API that
// throws.
#include "extract.h"

#include <epan/to_str.h>

#include "decoders.h"

using namespace kerbdiag;
using namespace kerbdiag::extract;

namespace {

// The decoders in the order they claim a field: HTTP and a DNS message's
// own fields first, then transport; below an ICMP error nothing else is
// read; tokens of an auth header; Kerberos takes whatever is left.
Step decode_field(Field field, field_info* fi, WalkContext& ctx)
{
    Step step = decode_http(field, fi, ctx);
    if (step == Step::not_mine) step = decode_dns(field, fi, ctx);
    if (step == Step::not_mine) step = decode_transport(field, fi, ctx);
    if (step != Step::not_mine) return step;
    if (ctx.in_icmp) return Step::skip;
    if (ctx.auth) {
        step = decode_spnego(field, fi, *ctx.auth);
        if (step == Step::not_mine) step = decode_ntlmssp(field, fi, *ctx.auth);
        if (step != Step::not_mine) return step;
    }
    return decode_kerberos(field, fi, ctx);
}

void walk_children(proto_node* node, const WalkContext& ctx);

void visit(proto_node* node, const WalkContext& parent)
{
    field_info* fi = PNODE_FINFO(node);
    const Field* field = fi && fi->hfinfo ? field_of(fi->hfinfo->id) : nullptr;
    if (!field) {
        walk_children(node, parent);
        return;
    }
    WalkContext ctx = parent;
    if (decode_field(*field, fi, ctx) == Step::skip) return;
    walk_children(node, ctx);
}

void walk_children(proto_node* node, const WalkContext& ctx)
{
    for (proto_node* child = node->first_child; child; child = child->next) visit(child, ctx);
}

KrbCarrier kdc_carrier(const FrameObservation& frame)
{
    bool kdc_port = frame.src_port == 88 || frame.dst_port == 88;
    if (kdc_port && frame.is_udp) return KrbCarrier::kdc_udp;
    if (kdc_port && frame.is_tcp) return KrbCarrier::kdc_tcp;
    return KrbCarrier::other;
}

void finish_frame(FrameObservation& frame)
{
    for (auto& http : frame.http) {
        if (http.authorization) http.authorization->mech = mech_of(*http.authorization);
        for (auto& header : http.www_authenticate) header.mech = mech_of(header);
    }
    KrbCarrier carrier = kdc_carrier(frame);
    for (auto& msg : frame.kerberos) msg.carrier = carrier;
}

std::string address_text(const address* addr)
{
    gchar* text = address_to_str(nullptr, addr);
    std::string out = text ? text : "";
    wmem_free(nullptr, text);
    return out;
}

}  // namespace

void kerbdiag_extract_resolve_fields() { resolve_fields(); }

GArray* kerbdiag_extract_wanted_hfids(bool with_ciphers)
{
    GArray* ids = g_array_new(FALSE, FALSE, sizeof(int));
    for (int hfid : resolved_hfids(with_ciphers)) g_array_append_val(ids, hfid);
    return ids;
}

void kerbdiag_extract_frame(proto_tree* tree, packet_info* pinfo, bool with_ciphers, FrameObservation& out)
{
    out.frame = pinfo->num;
    out.time_sec = static_cast<int64_t>(pinfo->abs_ts.secs);
    out.src = address_text(&pinfo->src);
    out.dst = address_text(&pinfo->dst);
    out.src_port = static_cast<uint16_t>(pinfo->srcport);
    out.dst_port = static_cast<uint16_t>(pinfo->destport);
    out.is_tcp = pinfo->ptype == PT_TCP;
    out.is_udp = pinfo->ptype == PT_UDP;
    if (!tree) return;
    WalkContext root;
    root.frame = &out;
    root.read_ciphers = with_ciphers;
    walk_children(tree, root);
    finish_frame(out);
}
