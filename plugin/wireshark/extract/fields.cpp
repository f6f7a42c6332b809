// The field table resolved at handoff, and the value readers.
#include "fields.h"

#include <wsutil/wslog.h>

#include <unordered_map>

#include "ws_compat.h"

namespace kerbdiag::extract {
namespace {

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

}  // namespace

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

void resolve_fields()
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

const Field* field_of(int hfid)
{
    auto& map = field_by_hfid();
    auto it = map.find(hfid);
    return it == map.end() ? nullptr : &it->second;
}

std::vector<int> resolved_hfids(bool with_ciphers)
{
    std::vector<int> ids;
    ids.reserve(field_by_hfid().size());
    for (const auto& [hfid, field] : field_by_hfid())
        if (with_ciphers || field != Field::krb_cipher) ids.push_back(hfid);
    return ids;
}

}  // namespace kerbdiag::extract
