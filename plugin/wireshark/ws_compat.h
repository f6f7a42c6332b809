// The few Wireshark API differences between 4.0 and 4.2+ that the glue touches.
#pragma once

#include <wireshark.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 4)
#define KERBDIAG_FVALUE_IS_POINTER 1
#endif

namespace kerbdiag::ws {

// The cipher octets of every EncryptedData. Up to 4.4 they all share the name
// "kerberos.cipher" (a dozen hf ids, linked by same_name_next); 4.6 names each
// after its ASN.1 type, e.g. the ticket's enc-part is
// "kerberos.encryptedTicketData_cipher", and "kerberos.cipher" no longer
// appears in tickets. Names a version does not register are skipped.
inline constexpr const char* kerberos_cipher_fields[] = {
    "kerberos.cipher",
    "kerberos.encryptedTicketData_cipher",
    "kerberos.encryptedAuthenticator_cipher",
    "kerberos.encryptedAuthorizationData_cipher",
    "kerberos.encryptedKDCREPData_cipher",
    "kerberos.encryptedAPREPData_cipher",
    "kerberos.encryptedKrbPrivData_cipher",
    "kerberos.encryptedKrbCredData_cipher",
    "kerberos.encryptedKrbFastReq_cipher",
    "kerberos.encryptedKrbFastResponse_cipher",
    "kerberos.encryptedChallenge_cipher",
    "kerberos.pA_ENC_TIMESTAMP_cipher",
};

// A stat tap's init callback returns whether it started from 4.6 on (void before).
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 6)
using stat_tap_init_result = bool;
inline bool stat_tap_init_done(bool started) { return started; }
#else
using stat_tap_init_result = void;
inline void stat_tap_init_done(bool) {}
#endif

// 4.4 made field_info::value a pointer.
inline fvalue_t* field_value(field_info* fi)
{
#ifdef KERBDIAG_FVALUE_IS_POINTER
    return fi->value;
#else
    return &fi->value;
#endif
}

// Copies an FT_BYTES / FT_OID value; 4.4 returns a GBytes reference instead.
template <typename Sink>
void read_bytes(field_info* fi, Sink&& sink)
{
#ifdef KERBDIAG_FVALUE_IS_POINTER
    GBytes* bytes = fvalue_get_bytes(fi->value);
    if (!bytes) return;
    gsize size = 0;
    auto data = static_cast<const guint8*>(g_bytes_get_data(bytes, &size));
    sink(data, static_cast<size_t>(size));
    g_bytes_unref(bytes);
#else
    const guint8* data = fvalue_get_bytes(&fi->value);
    GByteArray* array = fi->value.value.bytes;
    if (data && array) sink(data, static_cast<size_t>(array->len));
#endif
}

}  // namespace kerbdiag::ws
