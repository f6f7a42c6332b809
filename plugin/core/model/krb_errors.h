// Kerberos error codes and Windows NTSTATUS values in words.
//
// The texts are written for the admin reading a capture: what the code means
// in a web-authentication setting and what usually fixes it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kerbdiag {

struct KrbErrorInfo {
    int32_t code = 0;
    std::string_view name;     // RFC 4120 / MIT name, e.g. "KDC_ERR_S_PRINCIPAL_UNKNOWN"
    std::string_view meaning;  // one clause, lower case, no final full stop
    std::string_view fix;      // one or two sentences
};

// nullptr for codes not in the table.
const KrbErrorInfo* find_krb_error(int32_t code);

// The table's name, or "KRB_ERROR_<code>" for unknown codes.
std::string krb_error_name(int32_t code);

// Codes that are an ordinary protocol step, not a failure: PREAUTH_REQUIRED
// (25), RESPONSE_TOO_BIG (52), MORE_PREAUTH_DATA_REQUIRED (91).
bool is_normal_protocol_step(int32_t code);

// RFC 4120 error codes the rules refer to by name.
namespace krb_err {
inline constexpr int32_t s_principal_unknown = 7;
inline constexpr int32_t principal_not_unique = 8;
inline constexpr int32_t badoption = 13;
inline constexpr int32_t preauth_required = 25;
inline constexpr int32_t bad_integrity = 31;
inline constexpr int32_t not_us = 35;
inline constexpr int32_t badmatch = 36;
inline constexpr int32_t skew = 37;
inline constexpr int32_t modified = 41;
inline constexpr int32_t badkeyver = 44;
inline constexpr int32_t response_too_big = 52;
inline constexpr int32_t wrong_realm = 68;
inline constexpr int32_t more_preauth_data_required = 91;
}  // namespace krb_err

// NTSTATUS carried in a KRB-ERROR's e-data by Windows KDCs and servers.
struct NtStatus {
    uint32_t code = 0;
    uint32_t flags = 0;
};

// Decodes e-data shaped as KERB-ERROR-DATA { data-type 3 (KERB_ERR_TYPE_EXTENDED),
// data-value: 12 bytes = NTSTATUS (LE), reserved, flags } or as METHOD-DATA
// holding a PA-PW-SALT (3) with the same 12 bytes. nullopt for anything else,
// including FAST-armoured e-data (encrypted, nothing to read).
std::optional<NtStatus> decode_ntstatus(std::span<const uint8_t> e_data);

// "STATUS_WRONG_PASSWORD"; empty for codes not in the table.
std::string_view ntstatus_name(uint32_t code);
// "the password is wrong"; empty for codes not in the table.
std::string_view ntstatus_meaning(uint32_t code);
// "0xC000006A STATUS_WRONG_PASSWORD (the password is wrong)", or the hex alone.
std::string describe_ntstatus(uint32_t code);

}  // namespace kerbdiag
