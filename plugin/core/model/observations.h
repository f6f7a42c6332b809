// What kerbdiag sees in one frame, as plain data.
//
// The Wireshark glue fills these structs from the dissection tree; the core
// (correlator, rules, keytab oracle) only ever sees these types, so it can be
// tested with hand-made frames.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag {

// RFC 4120 message types.
enum class KrbMsgType : int32_t {
    unknown = 0,
    as_req = 10,
    as_rep = 11,
    tgs_req = 12,
    tgs_rep = 13,
    ap_req = 14,
    ap_rep = 15,
    krb_error = 30,
};

// Where a Kerberos message travelled: straight to a KDC, or wrapped in an
// application protocol's GSS-API token.
enum class KrbCarrier { kdc_udp, kdc_tcp, http, other };

// TicketFlags bit numbers (RFC 4120 5.3; bit 0 is the most significant).
enum class TicketFlag : unsigned {
    forwardable = 1,
    forwarded = 2,
    proxiable = 3,
    renewable = 8,
    initial = 9,
    pre_authent = 10,
    ok_as_delegate = 13,
};

// TicketFlags as a number: wire bit 0 is bit 31 here.
constexpr uint32_t ticket_flag_bit(TicketFlag flag) { return 0x80000000u >> static_cast<unsigned>(flag); }
constexpr bool has_ticket_flag(uint32_t flags, TicketFlag flag) { return (flags & ticket_flag_bit(flag)) != 0; }

// What the keytab oracle concluded about a ticket's enc-part. Filled by the
// oracle (when a keytab is configured) before the correlator sees the frame.
enum class KeyVerdictKind {
    not_tried,         // no keytab configured, or the ticket was not checked
    decrypted,         // a key of the ticket's kvno decrypts it
    kvno_mismatch,     // decrypted, but by an entry whose kvno differs
    no_matching_key,   // keys of the enctype exist, none decrypts
    no_key_of_etype,   // the keytab has no key of the ticket's enctype
};

struct KeyVerdict {
    KeyVerdictKind kind = KeyVerdictKind::not_tried;
    std::string account;                  // label of the decrypting account
    std::vector<std::string> principals;  // all principals sharing that key
    std::optional<uint32_t> key_kvno;     // kvno of the entry that decrypted
    std::string keytab_etypes;            // for no_key_of_etype: what it has
    // From the decrypted EncTicketPart.
    std::string client;                   // cname@crealm
    std::optional<int64_t> start_time;    // seconds since the epoch
    std::optional<int64_t> end_time;
    std::optional<uint32_t> pac_size;     // present when the ticket has a PAC
    // Added for the keyed rules.
    uint32_t account_id = 0;              // same id = same account (0: none)
    std::string account_name;             // the account's own principal, e.g. svc_web@REALM
    bool computer_account = false;        // a NAME$ principal or a host/ SPN
    std::vector<uint32_t> sname_kvnos;    // kvnos the keytab holds for the ticket's SPN
    std::string sname_holder;             // account name of the keytab entries holding the SPN
    bool sname_holder_computer = false;   // that account is a computer account
    bool sname_via_host = false;          // the keytab names only HOST/<host> (AD's mapping)
    uint32_t ticket_flags = 0;            // RFC 4120 TicketFlags, bit 0 = 0x80000000

    bool forwardable() const { return has_ticket_flag(ticket_flags, TicketFlag::forwardable); }
    bool ok_as_delegate() const { return has_ticket_flag(ticket_flags, TicketFlag::ok_as_delegate); }
};

// A ticket as it appears on the wire. The cipher is the ticket's own
// enc-part (key usage 2), never the authenticator's.
struct TicketObservation {
    std::string realm;
    std::string sname;             // components joined by '/'
    int32_t etype = 0;
    std::optional<uint32_t> kvno;
    std::vector<uint8_t> cipher;
    bool in_padata = false;        // the TGT inside a TGS-REQ's PA-TGS-REQ
    bool additional = false;       // from a TGS-REQ's additional-tickets (S4U2Proxy)
    KeyVerdict key;                // filled by the keytab oracle
};

struct KerberosMessage {
    KrbMsgType msg_type = KrbMsgType::unknown;
    KrbCarrier carrier = KrbCarrier::other;
    std::string realm;             // req-body realm, ticket-issuing realm, or error realm
    std::string sname;             // req-body / error sname, components joined by '/'
    std::string cname;             // components joined by '/'
    std::string crealm;
    std::optional<int32_t> error_code;
    std::string e_text;
    std::vector<uint8_t> e_data;
    std::optional<int64_t> stime;  // KRB-ERROR responder time, seconds since epoch
    std::optional<int64_t> ctime;  // KRB-ERROR echo of the request's client time
    // AS-REQ PA-ENC-TIMESTAMP (padata 2) as sent: encrypted with the client's
    // key (key usage 1); and its patimestamp once the keytab oracle opened it.
    int32_t pa_enc_timestamp_etype = 0;
    std::vector<uint8_t> pa_enc_timestamp;
    std::optional<int64_t> pa_timestamp;   // client's clock, seconds since epoch
    std::vector<uint8_t> kdc_options;        // raw KDC-Options bit string
    std::vector<TicketObservation> tickets;  // in order of appearance
};

// One GSS-API / NTLMSSP token inside an HTTP auth header.
enum class Mech {
    none,
    krb5_ap_req,
    krb5_ap_rep,
    krb5_error,
    ntlmssp_negotiate,
    ntlmssp_challenge,
    ntlmssp_auth,
    spnego_neg_result,  // a NegTokenResp with no inner mechanism token
};

struct AuthHeader {
    std::string scheme;                 // "Negotiate", "NTLM", "Basic", ...
    size_t header_length = 0;           // the whole header value, in bytes
    Mech mech = Mech::none;
    std::optional<uint32_t> neg_result; // SPNEGO negResult, when present
    std::string ntlm_user;              // NTLMSSP AUTH user / domain, when present
    std::string ntlm_domain;
    std::vector<KerberosMessage> kerberos;  // the Kerberos message inside the token
};

struct HttpMessage {
    bool is_request = false;
    std::string method;
    std::string uri;
    std::string host;                      // Host header as sent
    std::optional<AuthHeader> authorization;  // request: Authorization
    uint16_t response_code = 0;            // response: status code
    std::vector<AuthHeader> www_authenticate; // response: one per header
};

// The DNS record types and response codes kerbdiag looks at.
namespace dns_type {
inline constexpr uint16_t a = 1;
inline constexpr uint16_t cname = 5;
inline constexpr uint16_t aaaa = 28;
inline constexpr uint16_t srv = 33;
}  // namespace dns_type
namespace dns_rcode {
inline constexpr uint16_t no_error = 0;
inline constexpr uint16_t servfail = 2;
inline constexpr uint16_t nxdomain = 3;
inline constexpr uint16_t refused = 5;
}  // namespace dns_rcode

struct DnsRecord {
    std::string name;
    uint16_t type = 0;   // dns_type
    std::string value;   // address text, CNAME target, SRV target
};

struct DnsMessage {
    bool is_response = false;
    std::string query_name;
    uint16_t query_type = 0;
    uint16_t rcode = 0;
    std::vector<DnsRecord> answers;
};

// Transport-level evidence the rules need (failed connections to a KDC).
struct TransportEvent {
    bool tcp_reset = false;
    bool tcp_syn = false;
    bool icmp_unreachable = false;
    std::string icmp_inner_dst;    // for ICMP errors: the original destination
    uint16_t icmp_inner_dport = 0;
};

struct FrameObservation {
    uint32_t frame = 0;
    int64_t time_sec = 0;          // capture time
    std::string src;
    std::string dst;
    uint16_t src_port = 0;
    uint16_t dst_port = 0;
    bool is_tcp = false;
    bool is_udp = false;
    std::optional<uint32_t> tcp_stream;
    TransportEvent transport;
    std::vector<KerberosMessage> kerberos;   // not in HTTP: KDC, SMB, LDAP... (HTTP tokens
                                             // keep theirs in AuthHeader::kerberos)
    std::vector<HttpMessage> http;
    std::vector<DnsMessage> dns;

    bool empty() const { return kerberos.empty() && http.empty() && dns.empty(); }
};

// Every ticket of a frame, whatever carried it.
template <typename Frame, typename Fn>
void for_each_ticket(Frame& frame, Fn&& fn)
{
    for (auto& msg : frame.kerberos)
        for (auto& ticket : msg.tickets) fn(ticket);
    for (auto& http : frame.http) {
        if (http.authorization)
            for (auto& msg : http.authorization->kerberos)
                for (auto& ticket : msg.tickets) fn(ticket);
        for (auto& header : http.www_authenticate)
            for (auto& msg : header.kerberos)
                for (auto& ticket : msg.tickets) fn(ticket);
    }
}

}  // namespace kerbdiag
