#include "krb_errors.h"

#include "der.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace kerbdiag {
namespace {

constexpr KrbErrorInfo krb_errors[] = {
    {1, "KDC_ERR_NAME_EXP", "the client's entry in the KDC database has expired",
     "Extend or re-enable the account's expiry date."},
    {2, "KDC_ERR_SERVICE_EXP", "the service's entry in the KDC database has expired",
     "Extend the service account's expiry date."},
    {3, "KDC_ERR_BAD_PVNO", "the KDC does not speak this Kerberos protocol version",
     "Check that the client really talks Kerberos 5 to a Kerberos 5 KDC."},
    {6, "KDC_ERR_C_PRINCIPAL_UNKNOWN", "the client name is not known to the KDC",
     "Check the user name and realm (UPN suffix, typo, account deleted or not yet replicated)."},
    {7, "KDC_ERR_S_PRINCIPAL_UNKNOWN", "no account holds the requested service principal name, or (AD) more than one does",
     "Check who holds the SPN (setspn -Q) and look for duplicates (setspn -X); if nobody holds it, register it on the account that runs the service (setspn -S)."},
    {8, "KDC_ERR_PRINCIPAL_NOT_UNIQUE", "the name is registered on more than one account",
     "List duplicates with setspn -X and remove the extra registration."},
    {9, "KDC_ERR_NULL_KEY", "the account has no key (no password set)",
     "Set a password on the account."},
    {10, "KDC_ERR_CANNOT_POSTDATE", "the ticket cannot be postdated", "Do not request postdated tickets."},
    {11, "KDC_ERR_NEVER_VALID", "the requested start time is after the end time",
     "Check the client's clock and requested lifetimes."},
    {12, "KDC_ERR_POLICY", "a KDC policy rejects the request (logon hours, workstation restriction, "
                           "authentication policy, or Protected Users)",
     "Check the account's logon restrictions and authentication policies."},
    {13, "KDC_ERR_BADOPTION", "the KDC refuses a requested option (often delegation the account is "
                              "not trusted for)",
     "Check the delegation settings of the requesting account (msDS-AllowedToDelegateTo, "
     "resource-based delegation) and the options the client asked for."},
    {14, "KDC_ERR_ETYPE_NOSUPP", "no encryption type is supported by both sides (e.g. RC4 disabled and "
                                 "the account has no AES keys)",
     "Give the account AES keys (change its password after enabling AES, msDS-SupportedEncryptionTypes) "
     "or align the permitted encryption types."},
    {15, "KDC_ERR_SUMTYPE_NOSUPP", "the checksum type is not supported", "Align the permitted encryption types."},
    {16, "KDC_ERR_PADATA_TYPE_NOSUPP", "the KDC does not support the offered pre-authentication (often PKINIT)",
     "Configure smart-card/PKINIT support on the KDC, or let the client use password pre-authentication."},
    {17, "KDC_ERR_TRTYPE_NOSUPP", "the transited encoding is not supported", "Check the cross-realm path."},
    {18, "KDC_ERR_CLIENT_REVOKED", "the client account is disabled, locked out or expired",
     "Unlock or re-enable the account (check lockout policy and the NTSTATUS)."},
    {19, "KDC_ERR_SERVICE_REVOKED", "the service account is disabled or locked",
     "Re-enable the service account."},
    {20, "KDC_ERR_TGT_REVOKED", "the ticket-granting ticket was revoked", "Log on again to get a new TGT."},
    {21, "KDC_ERR_CLIENT_NOTYET", "the client account is not yet valid", "Check the account's start date."},
    {22, "KDC_ERR_SERVICE_NOTYET", "the service account is not yet valid", "Check the account's start date."},
    {23, "KDC_ERR_KEY_EXPIRED", "the user's password has expired", "The user must change the password."},
    {24, "KDC_ERR_PREAUTH_FAILED", "pre-authentication failed: wrong password (or wrong key in a keytab)",
     "Check the password; for a keytab, export it again after the last password change."},
    {25, "KDC_ERR_PREAUTH_REQUIRED", "the KDC asks for pre-authentication, the normal first answer to an AS-REQ",
     "Nothing to change."},
    {26, "KDC_ERR_SERVER_NOMATCH", "the requested server and ticket do not match", "Check the requested SPN."},
    {27, "KDC_ERR_MUST_USE_USER2USER", "the service accepts only user-to-user authentication",
     "Use user-to-user authentication or give the service a key."},
    {28, "KDC_ERR_PATH_NOT_ACCEPTED", "the KDC does not accept the cross-realm path", "Check the realm trusts."},
    {29, "KDC_ERR_SVC_UNAVAILABLE", "the KDC service is unavailable", "Check the KDC's health and logs."},
    {31, "KRB_AP_ERR_BAD_INTEGRITY", "the ticket or authenticator failed its integrity check: the receiver "
                                     "could not decrypt it with its key",
     "Make the receiver's key match the account the ticket was issued for."},
    {32, "KRB_AP_ERR_TKT_EXPIRED", "the ticket has expired", "Purge the client's tickets (klist purge) and retry."},
    {33, "KRB_AP_ERR_TKT_NYV", "the ticket is not yet valid (clock difference)", "Synchronise the clocks."},
    {34, "KRB_AP_ERR_REPEAT", "the authenticator was seen before (replay, or a replay cache shared by "
                              "two services)",
     "Check for duplicated requests through proxies or load balancers, or a shared replay cache."},
    {35, "KRB_AP_ERR_NOT_US", "the ticket is for another service", "Check which SPN the client asks for."},
    {36, "KRB_AP_ERR_BADMATCH", "the ticket and authenticator do not belong together",
     "Purge the client's tickets and retry."},
    {37, "KRB_AP_ERR_SKEW", "the clocks differ by more than the allowed skew (5 minutes by default)",
     "Synchronise the clocks of client, server and KDC (w32tm /resync, chrony/ntpd)."},
    {38, "KRB_AP_ERR_BADADDR", "the ticket's address list does not contain the sender's address",
     "Request address-less tickets (noaddresses) or fix NAT between client and server."},
    {39, "KRB_AP_ERR_BADVERSION", "protocol version mismatch", "Check client and server Kerberos versions."},
    {40, "KRB_AP_ERR_MSG_TYPE", "unexpected message type", "Check what the client sends."},
    {41, "KRB_AP_ERR_MODIFIED", "the receiver could not decrypt the ticket with its own key: the ticket was "
                                "issued for another account, or the receiver's key is stale",
     "Register the SPN on the account the receiver runs as, or update the receiver's key."},
    {42, "KRB_AP_ERR_BADORDER", "message out of order", "Retry; check for proxies reordering messages."},
    {44, "KRB_AP_ERR_BADKEYVER", "the receiver has no key of the ticket's key version number (kvno)",
     "Update the keytab after the last password change (export it again), or reset the account password "
     "once and update every copy."},
    {45, "KRB_AP_ERR_NOKEY", "the receiver has no key for the ticket", "Install the service key (keytab)."},
    {46, "KRB_AP_ERR_MUT_FAIL", "mutual authentication failed", "Check the service key."},
    {47, "KRB_AP_ERR_BADDIRECTION", "incorrect message direction", "Check for reflected messages."},
    {48, "KRB_AP_ERR_METHOD", "alternative authentication method required", "Check the service's requirements."},
    {49, "KRB_AP_ERR_BADSEQ", "incorrect sequence number", "Retry the connection."},
    {50, "KRB_AP_ERR_INAPP_CKSUM", "inappropriate checksum type", "Align the permitted encryption types."},
    {51, "KRB_AP_PATH_NOT_ACCEPTED", "the cross-realm path is not accepted", "Check the realm trusts."},
    {52, "KRB_ERR_RESPONSE_TOO_BIG", "the answer does not fit in UDP; the client retries over TCP",
     "Nothing to change."},
    {60, "KRB_ERR_GENERIC", "generic error (see e-text and the NTSTATUS)", "Read the e-text and NTSTATUS."},
    {61, "KRB_ERR_FIELD_TOOLONG", "a field is too long for this implementation", "Check token sizes."},
    {62, "KDC_ERR_CLIENT_NOT_TRUSTED", "the smart-card client certificate is not trusted",
     "Check the certificate chain and NTAuth store."},
    {68, "KDC_ERR_WRONG_REALM", "the request went to the wrong realm", "Check the realm / UPN suffix routing."},
    {91, "KDC_ERR_MORE_PREAUTH_DATA_REQUIRED", "the KDC asks for another pre-authentication round",
     "Nothing to change."},
    {93, "KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS", "the KDC does not understand a critical FAST option",
     "Align client and KDC FAST support."},
};

struct NtStatusInfo {
    uint32_t code;
    std::string_view name;
    std::string_view meaning;
};

constexpr NtStatusInfo ntstatus_table[] = {
    {0x00000000, "STATUS_SUCCESS", "success"},
    {0xC0000022, "STATUS_ACCESS_DENIED", "access denied"},
    {0xC0000064, "STATUS_NO_SUCH_USER", "no such user"},
    {0xC000006A, "STATUS_WRONG_PASSWORD", "the password is wrong"},
    {0xC000006D, "STATUS_LOGON_FAILURE", "logon failure"},
    {0xC000006E, "STATUS_ACCOUNT_RESTRICTION", "an account restriction prevents logon"},
    {0xC000006F, "STATUS_INVALID_LOGON_HOURS", "logon outside the allowed hours"},
    {0xC0000070, "STATUS_INVALID_WORKSTATION", "logon from this workstation is not allowed"},
    {0xC0000071, "STATUS_PASSWORD_EXPIRED", "the password has expired"},
    {0xC0000072, "STATUS_ACCOUNT_DISABLED", "the account is disabled"},
    {0xC00000BB, "STATUS_NOT_SUPPORTED", "the request is not supported"},
    {0xC000015B, "STATUS_LOGON_TYPE_NOT_GRANTED", "the logon type is not granted"},
    {0xC000018B, "STATUS_NO_TRUST_SAM_ACCOUNT", "no trust: the workstation trust is broken"},
    {0xC0000193, "STATUS_ACCOUNT_EXPIRED", "the account has expired"},
    {0xC0000224, "STATUS_PASSWORD_MUST_CHANGE", "the password must be changed"},
    {0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", "the account is locked out"},
    {0xC0000413, "STATUS_AUTHENTICATION_FIREWALL_FAILED", "selective authentication denies the logon"},
};

bool same_code(const KrbErrorInfo& info, int32_t code) { return info.code == code; }

constexpr int64_t kerb_err_type_extended = 3;
constexpr int64_t pa_pw_salt = 3;

// [n] EXPLICIT INTEGER
std::optional<int64_t> read_explicit_integer(der::Bytes wrapped)
{
    auto value = der::unwrap(wrapped, der::tag_integer);
    return value ? der::read_integer(*value) : std::nullopt;
}

uint32_t read_le32(der::Bytes bytes, size_t offset)
{
    return static_cast<uint32_t>(bytes[offset]) | static_cast<uint32_t>(bytes[offset + 1]) << 8 |
           static_cast<uint32_t>(bytes[offset + 2]) << 16 | static_cast<uint32_t>(bytes[offset + 3]) << 24;
}

// The 12-byte KERB-EXT-ERROR: NTSTATUS, reserved, flags, all little endian.
std::optional<NtStatus> ext_error(der::Bytes value)
{
    if (value.size() != 12) return std::nullopt;
    return NtStatus{read_le32(value, 0), read_le32(value, 8)};
}

// SEQUENCE { [1] INTEGER type, [2] OCTET STRING value }: the shape shared by
// KERB-ERROR-DATA and PA-DATA. Returns the 12-byte status when type is 3.
std::optional<NtStatus> typed_status(der::Bytes sequence_body)
{
    der::Reader reader(sequence_body);
    std::optional<int64_t> type;
    std::optional<der::Bytes> value;
    while (!reader.at_end()) {
        auto field = reader.next();
        if (!field) return std::nullopt;
        if (field->tag == der::context(1)) type = read_explicit_integer(field->value);
        if (field->tag == der::context(2)) value = der::unwrap(field->value, der::tag_octet_string);
    }
    // KERB_ERR_TYPE_EXTENDED and PA-PW-SALT are both 3.
    static_assert(kerb_err_type_extended == pa_pw_salt);
    if (type != kerb_err_type_extended || !value) return std::nullopt;
    return ext_error(*value);
}

}  // namespace

const KrbErrorInfo* find_krb_error(int32_t code)
{
    auto it = std::find_if(std::begin(krb_errors), std::end(krb_errors),
                           [code](const KrbErrorInfo& info) { return same_code(info, code); });
    return it == std::end(krb_errors) ? nullptr : &*it;
}

std::string krb_error_name(int32_t code)
{
    if (const auto* info = find_krb_error(code)) return std::string(info->name);
    return "KRB_ERROR_" + std::to_string(code);
}

bool is_normal_protocol_step(int32_t code)
{
    return code == krb_err::preauth_required || code == krb_err::response_too_big ||
           code == krb_err::more_preauth_data_required;
}

std::optional<NtStatus> decode_ntstatus(std::span<const uint8_t> e_data)
{
    auto body = der::unwrap(e_data, der::tag_sequence);
    if (!body) return std::nullopt;
    der::Reader inner(*body);
    if (inner.next_if(der::context(1))) return typed_status(*body);  // KERB-ERROR-DATA
    // METHOD-DATA: SEQUENCE OF PA-DATA; the status sits in PA-PW-SALT.
    while (!inner.at_end()) {
        auto padata = inner.next();
        if (!padata || padata->tag != der::tag_sequence) return std::nullopt;
        if (auto status = typed_status(padata->value)) return status;
    }
    return std::nullopt;
}

std::string_view ntstatus_name(uint32_t code)
{
    for (const auto& entry : ntstatus_table)
        if (entry.code == code) return entry.name;
    return {};
}

std::string_view ntstatus_meaning(uint32_t code)
{
    for (const auto& entry : ntstatus_table)
        if (entry.code == code) return entry.meaning;
    return {};
}

std::string describe_ntstatus(uint32_t code)
{
    std::array<char, 16> hex{};
    std::snprintf(hex.data(), hex.size(), "0x%08X", code);
    std::string text = hex.data();
    if (auto name = ntstatus_name(code); !name.empty())
        text += " " + std::string(name) + " (" + std::string(ntstatus_meaning(code)) + ")";
    return text;
}

}  // namespace kerbdiag
