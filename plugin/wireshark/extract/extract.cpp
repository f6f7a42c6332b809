// Field extraction: a pre-order walk over the frame's tree.
//
// In tshark without -V the tree is a "fake" tree that only holds the primed
// fields, so nesting collapses to the primed containers; in the GUI every
// node exists. The walker therefore keys everything on primed containers
// (http.authorization, kerberos.ticket_element, ...) and passes through any
// node it does not know. Nothing here calls a Wireshark API that throws.
#include "extract.h"

#include <epan/to_str.h>
#include <wsutil/wslog.h>

#include <array>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ws_compat.h"

using namespace kerbdiag;

namespace {

enum class Field {
    proto_http, http_request, http_method, http_uri, http_host, http_status,
    http_authorization, http_www_authenticate,
    proto_dns, dns_response, dns_rcode, dns_query_name, dns_query_type,
    dns_rr_name, dns_rr_type, dns_cname, dns_a, dns_aaaa, dns_srv_target,
    proto_icmp, proto_icmpv6, icmp_type, icmpv6_type,
    ip_dst, ipv6_dst, tcp_stream, tcp_reset, tcp_syn, tcp_dstport, udp_dstport,
    krb_as_req, krb_as_rep, krb_tgs_req, krb_tgs_rep, krb_ap_req, krb_ap_rep, krb_error,
    krb_pa_data, krb_padata_type, krb_additional_tickets, krb_ticket,
    krb_sname_string, krb_cname_string, krb_realm, krb_crealm,
    krb_etype, krb_kvno, krb_cipher, krb_kdc_options,
    krb_error_code, krb_e_text, krb_e_data, krb_stime, krb_ctime,
    krb_opaque,  // encrypted or decrypted parts: never walked into
    gss_oid, spnego_neg_result, spnego_supported_mech,
    ntlm_message_type, ntlm_user, ntlm_domain,
};

struct WantedField {
    const char* name;
    Field field;
};

// Containers are primed as well as leaves: they keep the nesting in fake trees.
constexpr WantedField wanted_fields[] = {
    {"http", Field::proto_http},
    {"http.request", Field::http_request},
    {"http.request.method", Field::http_method},
    {"http.request.uri", Field::http_uri},
    {"http.host", Field::http_host},
    {"http.response.code", Field::http_status},
    {"http.authorization", Field::http_authorization},
    {"http.proxy_authorization", Field::http_authorization},
    {"http.www_authenticate", Field::http_www_authenticate},
    {"http.proxy_authenticate", Field::http_www_authenticate},
    {"dns", Field::proto_dns},
    {"dns.flags.response", Field::dns_response},
    {"dns.flags.rcode", Field::dns_rcode},
    {"dns.qry.name", Field::dns_query_name},
    {"dns.qry.type", Field::dns_query_type},
    {"dns.resp.name", Field::dns_rr_name},
    {"dns.resp.type", Field::dns_rr_type},
    {"dns.cname", Field::dns_cname},
    {"dns.a", Field::dns_a},
    {"dns.aaaa", Field::dns_aaaa},
    {"dns.srv.target", Field::dns_srv_target},
    {"icmp", Field::proto_icmp},
    {"icmpv6", Field::proto_icmpv6},
    {"icmp.type", Field::icmp_type},
    {"icmpv6.type", Field::icmpv6_type},
    {"ip.dst", Field::ip_dst},
    {"ipv6.dst", Field::ipv6_dst},
    {"tcp.stream", Field::tcp_stream},
    {"tcp.flags.reset", Field::tcp_reset},
    {"tcp.flags.syn", Field::tcp_syn},
    {"tcp.dstport", Field::tcp_dstport},
    {"udp.dstport", Field::udp_dstport},
    {"kerberos.as_req_element", Field::krb_as_req},
    {"kerberos.as_rep_element", Field::krb_as_rep},
    {"kerberos.tgs_req_element", Field::krb_tgs_req},
    {"kerberos.tgs_rep_element", Field::krb_tgs_rep},
    {"kerberos.ap_req_element", Field::krb_ap_req},
    {"kerberos.ap_rep_element", Field::krb_ap_rep},
    {"kerberos.krb_error_element", Field::krb_error},
    {"kerberos.PA_DATA_element", Field::krb_pa_data},
    {"kerberos.padata_type", Field::krb_padata_type},
    {"kerberos.additional_tickets", Field::krb_additional_tickets},
    {"kerberos.ticket_element", Field::krb_ticket},
    {"kerberos.Ticket_element", Field::krb_ticket},  // items of additional-tickets
    {"kerberos.SNameString", Field::krb_sname_string},
    {"kerberos.CNameString", Field::krb_cname_string},
    {"kerberos.realm", Field::krb_realm},
    {"kerberos.crealm", Field::krb_crealm},
    {"kerberos.etype", Field::krb_etype},
    {"kerberos.kvno", Field::krb_kvno},
    // kerberos.cipher and its 4.6 names: ws::kerberos_cipher_fields
    {"kerberos.kdc_options", Field::krb_kdc_options},
    {"kerberos.error_code", Field::krb_error_code},
    {"kerberos.e_text", Field::krb_e_text},
    {"kerberos.e_data", Field::krb_e_data},
    {"kerberos.stime", Field::krb_stime},
    {"kerberos.ctime", Field::krb_ctime},
    {"kerberos.authenticator_element", Field::krb_opaque},
    {"kerberos.enc_fast_req_element", Field::krb_opaque},
    {"kerberos.enc_fast_rep_element", Field::krb_opaque},
    {"kerberos.encTicketPart_element", Field::krb_opaque},
    {"kerberos.encASRepPart_element", Field::krb_opaque},
    {"kerberos.encTGSRepPart_element", Field::krb_opaque},
    {"kerberos.encAPRepPart_element", Field::krb_opaque},
    {"gss-api.OID", Field::gss_oid},
    {"spnego.negResult", Field::spnego_neg_result},
    {"spnego.supportedMech", Field::spnego_supported_mech},
    {"ntlmssp.messagetype", Field::ntlm_message_type},
    {"ntlmssp.auth.username", Field::ntlm_user},
    {"ntlmssp.auth.domain", Field::ntlm_domain},
};

// hf id -> what it is. Filled once at handoff; read-only afterwards.
std::unordered_map<int, Field>& field_by_hfid()
{
    static std::unordered_map<int, Field> map;
    return map;
}

// Several dissector fields share one abbreviation (kerberos.cipher has a
// dozen hf ids); proto_registrar_get_id_byname returns only one of them.
template <typename Fn>
void for_each_hfid_named(const char* name, Fn&& fn)
{
    header_field_info* hfinfo = proto_registrar_get_byname(name);
    if (!hfinfo) return;
    while (hfinfo->same_name_prev_id != -1)
        hfinfo = proto_registrar_get_nth(hfinfo->same_name_prev_id);
    for (; hfinfo; hfinfo = hfinfo->same_name_next) fn(hfinfo->id);
}

// --- value readers ---------------------------------------------------------

std::string string_value(field_info* fi)
{
    const char* text = fvalue_get_string(ws::field_value(fi));
    return text ? text : "";
}

uint32_t uint_value(field_info* fi) { return fvalue_get_uinteger(ws::field_value(fi)); }

int32_t int_value(field_info* fi) { return fvalue_get_sinteger(ws::field_value(fi)); }

bool bool_value(field_info* fi) { return fvalue_get_uinteger64(ws::field_value(fi)) != 0; }

std::vector<uint8_t> bytes_value(field_info* fi)
{
    std::vector<uint8_t> out;
    ws::read_bytes(fi, [&](const guint8* data, size_t size) { out.assign(data, data + size); });
    return out;
}

std::string display_value(field_info* fi)
{
    char* text = fvalue_to_string_repr(nullptr, ws::field_value(fi), FTREPR_DISPLAY, BASE_NONE);
    std::string out = text ? text : "";
    wmem_free(nullptr, text);
    return out;
}

std::optional<int64_t> time_value(field_info* fi)
{
    const nstime_t* time = fvalue_get_time(ws::field_value(fi));
    if (!time) return std::nullopt;
    return static_cast<int64_t>(time->secs);
}

void append_name_component(std::string& name, const std::string& component)
{
    if (!name.empty()) name += '/';
    name += component;
}

AuthHeader parse_auth_header(const std::string& value)
{
    AuthHeader header;
    header.header_length = value.size();
    header.scheme = value.substr(0, value.find(' '));
    return header;
}

KrbMsgType message_type_of(Field field)
{
    switch (field) {
    case Field::krb_as_req: return KrbMsgType::as_req;
    case Field::krb_as_rep: return KrbMsgType::as_rep;
    case Field::krb_tgs_req: return KrbMsgType::tgs_req;
    case Field::krb_tgs_rep: return KrbMsgType::tgs_rep;
    case Field::krb_ap_req: return KrbMsgType::ap_req;
    case Field::krb_ap_rep: return KrbMsgType::ap_rep;
    case Field::krb_error: return KrbMsgType::krb_error;
    default: return KrbMsgType::unknown;
    }
}

// --- the walk ----------------------------------------------------------------

// What the nodes above the current one opened. Copied down the recursion;
// pointers refer to elements whose vectors do not grow while in use.
struct WalkContext {
    FrameObservation* frame = nullptr;
    HttpMessage* http = nullptr;
    AuthHeader* auth = nullptr;
    DnsMessage* dns = nullptr;
    KerberosMessage* krb = nullptr;
    TicketObservation* ticket = nullptr;
    bool nested_message = false;   // an AP-REQ inside PA-TGS-REQ / FAST armour
    bool in_padata = false;
    bool in_additional = false;
    bool in_icmp = false;
    int32_t padata_type = 0;       // the PA-DATA whose value this is

};

class FrameWalker {
public:
    explicit FrameWalker(FrameObservation& frame) { root_.frame = &frame; }

    void walk(proto_node* tree) { walk_children(tree, root_); }

private:
    WalkContext root_;

    void walk_children(proto_node* node, const WalkContext& ctx)
    {
        for (proto_node* child = node->first_child; child; child = child->next) visit(child, ctx);
    }

    void visit(proto_node* node, const WalkContext& parent)
    {
        field_info* fi = PNODE_FINFO(node);
        if (!fi || !fi->hfinfo) {
            walk_children(node, parent);
            return;
        }
        auto& map = field_by_hfid();
        auto it = map.find(fi->hfinfo->id);
        if (it == map.end()) {
            walk_children(node, parent);
            return;
        }
        WalkContext ctx = parent;
        if (!apply(it->second, fi, ctx)) return;  // opaque: do not descend
        walk_children(node, ctx);
    }

    // Records one field; may open a new context for the node's children.
    // Returns false for subtrees that must not be walked.
    bool apply(Field field, field_info* fi, WalkContext& ctx)
    {
        FrameObservation& frame = *ctx.frame;
        switch (field) {
        case Field::proto_http:
            frame.http.emplace_back();
            ctx.http = &frame.http.back();
            ctx.auth = nullptr;
            break;
        case Field::http_request:
            if (ctx.http) ctx.http->is_request = bool_value(fi);
            break;
        case Field::http_method:
            if (ctx.http) {
                ctx.http->is_request = true;
                ctx.http->method = string_value(fi);
            }
            break;
        case Field::http_uri:
            if (ctx.http) ctx.http->uri = string_value(fi);
            break;
        case Field::http_host:
            if (ctx.http) ctx.http->host = string_value(fi);
            break;
        case Field::http_status:
            if (ctx.http) ctx.http->response_code = static_cast<uint16_t>(uint_value(fi));
            break;
        case Field::http_authorization:
            if (ctx.http) {
                ctx.http->authorization = parse_auth_header(string_value(fi));
                ctx.auth = &*ctx.http->authorization;
                ctx.krb = nullptr;
            }
            break;
        case Field::http_www_authenticate:
            if (ctx.http) {
                ctx.http->www_authenticate.push_back(parse_auth_header(string_value(fi)));
                ctx.auth = &ctx.http->www_authenticate.back();
                ctx.krb = nullptr;
            }
            break;
        case Field::proto_dns:
            if (ctx.in_icmp) return false;  // the quoted datagram of an ICMP error
            frame.dns.emplace_back();
            ctx.dns = &frame.dns.back();
            break;
        default:
            return apply_more(field, fi, ctx);
        }
        return true;
    }

    bool apply_more(Field field, field_info* fi, WalkContext& ctx)
    {
        if (ctx.dns) return apply_dns(field, fi, *ctx.dns);
        switch (field) {
        case Field::proto_icmp:
        case Field::proto_icmpv6:
            ctx.in_icmp = true;
            break;
        case Field::icmp_type:
            // 3 = destination unreachable (ICMPv4); 1 = the same for ICMPv6.
            if (ctx.in_icmp && uint_value(fi) == 3) ctx.frame->transport.icmp_unreachable = true;
            break;
        case Field::icmpv6_type:
            if (ctx.in_icmp && uint_value(fi) == 1) ctx.frame->transport.icmp_unreachable = true;
            break;
        case Field::ip_dst:
        case Field::ipv6_dst:
            if (ctx.in_icmp) ctx.frame->transport.icmp_inner_dst = display_value(fi);
            break;
        case Field::tcp_dstport:
        case Field::udp_dstport:
            if (ctx.in_icmp) {
                ctx.frame->transport.icmp_inner_dport = static_cast<uint16_t>(uint_value(fi));
            }
            break;
        case Field::tcp_stream:
            if (!ctx.in_icmp) ctx.frame->tcp_stream = uint_value(fi);
            break;
        case Field::tcp_reset:
            if (!ctx.in_icmp) ctx.frame->transport.tcp_reset = bool_value(fi);
            break;
        case Field::tcp_syn:
            if (!ctx.in_icmp) ctx.frame->transport.tcp_syn = bool_value(fi);
            break;
        default:
            if (ctx.in_icmp) return false;
            if (ctx.auth && apply_token(field, fi, *ctx.auth)) return true;
            return apply_kerberos(field, fi, ctx);
        }
        return true;
    }

    static bool apply_dns(Field field, field_info* fi, DnsMessage& dns)
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
        return true;
    }

    // GSS-API / SPNEGO / NTLMSSP facts of an HTTP auth token.
    static bool apply_token(Field field, field_info* fi, AuthHeader& auth)
    {
        switch (field) {
        case Field::gss_oid:
            return true;
        case Field::spnego_neg_result:
            auth.neg_result = uint_value(fi);
            return true;
        case Field::spnego_supported_mech:
            return true;
        case Field::ntlm_message_type:
            switch (uint_value(fi)) {
            case 1: auth.mech = Mech::ntlmssp_negotiate; break;
            case 2: auth.mech = Mech::ntlmssp_challenge; break;
            case 3: auth.mech = Mech::ntlmssp_auth; break;
            default: break;
            }
            return true;
        case Field::ntlm_user:
            auth.ntlm_user = string_value(fi);
            return true;
        case Field::ntlm_domain:
            auth.ntlm_domain = string_value(fi);
            return true;
        default:
            return false;
        }
    }

    bool open_message(Field field, WalkContext& ctx)
    {
        if (ctx.krb) {  // an AP-REQ carried inside another message's PA-DATA
            ctx.nested_message = true;
            return true;
        }
        auto& messages = ctx.auth ? ctx.auth->kerberos : ctx.frame->kerberos;
        messages.emplace_back();
        ctx.krb = &messages.back();
        ctx.krb->msg_type = message_type_of(field);
        ctx.krb->carrier = ctx.auth ? KrbCarrier::http : KrbCarrier::other;
        ctx.ticket = nullptr;
        ctx.nested_message = false;
        ctx.in_padata = false;
        ctx.in_additional = false;
        ctx.padata_type = 0;
        return true;
    }

    bool apply_kerberos(Field field, field_info* fi, WalkContext& ctx)
    {
        if (message_type_of(field) != KrbMsgType::unknown) return open_message(field, ctx);
        if (field == Field::krb_opaque) return false;
        if (!ctx.krb) return true;
        KerberosMessage& msg = *ctx.krb;
        bool own = !ctx.nested_message && !ctx.ticket;  // a field of the message itself
        switch (field) {
        case Field::krb_pa_data:
            ctx.in_padata = true;
            ctx.padata_type = 0;
            break;
        case Field::krb_additional_tickets: ctx.in_additional = true; break;
        case Field::krb_padata_type:
            ctx.padata_type = int_value(fi);
            break;
        case Field::krb_ticket:
            msg.tickets.emplace_back();
            ctx.ticket = &msg.tickets.back();
            ctx.ticket->in_padata = ctx.in_padata;
            ctx.ticket->additional = ctx.in_additional;
            break;
        case Field::krb_sname_string:
            if (ctx.ticket) append_name_component(ctx.ticket->sname, string_value(fi));
            else if (own) append_name_component(msg.sname, string_value(fi));
            break;
        case Field::krb_cname_string:
            if (own) append_name_component(msg.cname, string_value(fi));
            break;
        case Field::krb_realm:
            if (ctx.ticket) ctx.ticket->realm = string_value(fi);
            else if (own && msg.realm.empty()) msg.realm = string_value(fi);
            break;
        case Field::krb_crealm:
            if (own) msg.crealm = string_value(fi);
            break;
        case Field::krb_etype:
            if (ctx.ticket) ctx.ticket->etype = int_value(fi);
            else if (pa_enc_timestamp_of(ctx)) msg.pa_enc_timestamp_etype = int_value(fi);
            break;
        case Field::krb_kvno:
            if (ctx.ticket) ctx.ticket->kvno = uint_value(fi);
            break;
        case Field::krb_cipher:
            if (ctx.ticket) ctx.ticket->cipher = bytes_value(fi);
            else if (pa_enc_timestamp_of(ctx)) msg.pa_enc_timestamp = bytes_value(fi);
            return false;  // decrypted contents hang below the cipher
        default:
            if (own) apply_message_field(field, fi, msg);
            break;
        }
        return true;
    }

    // Inside the AS-REQ's own PA-ENC-TIMESTAMP (not in a ticket, a nested
    // message, or a KRB-ERROR's e-data, which lists padata 2 without a value).
    static bool pa_enc_timestamp_of(const WalkContext& ctx)
    {
        return ctx.in_padata && ctx.padata_type == 2 && !ctx.nested_message && !ctx.ticket &&
               ctx.krb->msg_type == KrbMsgType::as_req;
    }

    static void apply_message_field(Field field, field_info* fi, KerberosMessage& msg)
    {
        switch (field) {
        case Field::krb_kdc_options: msg.kdc_options = bytes_value(fi); break;
        case Field::krb_error_code: msg.error_code = int_value(fi); break;
        case Field::krb_e_text: msg.e_text = string_value(fi); break;
        case Field::krb_e_data: msg.e_data = bytes_value(fi); break;
        case Field::krb_stime: msg.stime = time_value(fi); break;
        case Field::krb_ctime: msg.ctime = time_value(fi); break;
        default: break;
        }
    }
};

Mech mech_of(const AuthHeader& auth)
{
    if (auth.mech != Mech::none) return auth.mech;  // NTLMSSP, set while walking
    for (const auto& msg : auth.kerberos) {
        switch (msg.msg_type) {
        case KrbMsgType::ap_req: return Mech::krb5_ap_req;
        case KrbMsgType::ap_rep: return Mech::krb5_ap_rep;
        case KrbMsgType::krb_error: return Mech::krb5_error;
        default: break;
        }
    }
    return auth.neg_result ? Mech::spnego_neg_result : Mech::none;
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

void kerbdiag_extract_resolve_fields()
{
    auto& map = field_by_hfid();
    map.clear();
    for (const auto& wanted : wanted_fields) {
        bool known = false;
        for_each_hfid_named(wanted.name, [&](int hfid) {
            map.emplace(hfid, wanted.field);
            known = true;
        });
        // A renamed field in a new Wireshark: say so instead of silently reading nothing.
        if (!known) ws_warning("kerbdiag: unknown field %s in this Wireshark; it is not read", wanted.name);
    }
    // Version-specific names of one field: each Wireshark registers some of them.
    for (const char* name : ws::kerberos_cipher_fields)
        for_each_hfid_named(name, [&](int hfid) { map.emplace(hfid, Field::krb_cipher); });
}

GArray* kerbdiag_extract_wanted_hfids()
{
    GArray* ids = g_array_new(FALSE, FALSE, sizeof(int));
    for (const auto& [hfid, field] : field_by_hfid()) g_array_append_val(ids, hfid);
    return ids;
}

void kerbdiag_extract_frame(proto_tree* tree, packet_info* pinfo, FrameObservation& out)
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
    FrameWalker(out).walk(tree);
    finish_frame(out);
}
