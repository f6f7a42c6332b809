// The field table: every Wireshark field kerbdiag reads, resolved to header
// field ids once at handoff, and the readers of their values.
#pragma once

#include <epan/packet.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag::extract {

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

// Resolves every name of the table (all hf ids sharing a name); warns about
// names this Wireshark does not know.
void resolve_fields();

// What the hf id is, or nullptr when kerbdiag does not read it.
const Field* field_of(int hfid);

// Every resolved hf id (for set_postdissector_wanted_hfids); the ticket and timestamp ciphers (large byte fields,
// read only to try a keytab's keys) only when asked for.
std::vector<int> resolved_hfids(bool with_ciphers);

std::string string_value(field_info* fi);
uint32_t uint_value(field_info* fi);
int32_t int_value(field_info* fi);
bool bool_value(field_info* fi);
std::vector<uint8_t> bytes_value(field_info* fi);
std::string display_value(field_info* fi);
std::optional<int64_t> time_value(field_info* fi);

}  // namespace kerbdiag::extract
