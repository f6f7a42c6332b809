// The parts of a decrypted EncTicketPart (RFC 4120 5.3) that kerbdiag reports.
//
// Why our own decoder: libkrb5 exports decode_krb5_enc_tkt_part but declares
// it in no public header, so calling it ties the plugin to an internal ABI
// that MIT may change in any release (and Wireshark itself has to declare it
// by hand). The public APIs cannot decode a bare EncTicketPart: they only
// decrypt a whole Ticket inside a keytab or replay-cache flow and do not say
// which key worked. The fields we need are a handful of tagged values, so a
// ~100-line DER reader (der.h) is the smaller and more stable dependency.
// The session key field is skipped, never copied.
#pragma once

#include "der.h"
#include "observations.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag {

// AuthorizationData types that matter for the PAC.
constexpr int64_t ad_if_relevant = 1;
constexpr int64_t ad_win2k_pac = 128;

struct EncTicketPart {
    uint32_t flags = 0;          // bit 0 of the wire BIT STRING is bit 31 here
    std::string client;          // cname@crealm, components joined by '/'
    int64_t auth_time = 0;
    std::optional<int64_t> start_time;
    int64_t end_time = 0;
    std::optional<int64_t> renew_till;
    std::optional<uint32_t> pac_size;  // bytes of the AD-WIN2K-PAC, when present

    bool has(TicketFlag flag) const { return has_ticket_flag(flags, flag); }
};

// nullopt unless `plaintext` starts with a well-formed EncTicketPart.
std::optional<EncTicketPart> decode_enc_ticket_part(der::Bytes plaintext);

// The patimestamp of a decrypted PA-ENC-TS-ENC (RFC 4120 5.2.7.2:
// SEQUENCE { [0] KerberosTime, [1] INTEGER OPTIONAL }), seconds since the epoch.
std::optional<int64_t> decode_pa_enc_ts_enc(der::Bytes plaintext);
std::vector<uint8_t> encode_pa_enc_ts_enc(int64_t patimestamp, uint32_t pausec);

// Builds a DER EncTicketPart (with a session key of `session_key_etype` and
// the given key bytes). Only tests and the benchmark forge tickets.
struct EncTicketPartSpec {
    uint32_t flags = 0;
    std::string crealm;
    std::vector<std::string> cname;
    int32_t session_key_etype = 18;
    std::vector<uint8_t> session_key;
    int64_t auth_time = 0;
    std::optional<int64_t> start_time;
    int64_t end_time = 0;
    std::optional<std::vector<uint8_t>> pac;  // wrapped in AD-IF-RELEVANT
};
std::vector<uint8_t> encode_enc_ticket_part(const EncTicketPartSpec& spec);

}  // namespace kerbdiag
