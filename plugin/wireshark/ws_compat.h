// The few Wireshark API differences between 4.0 and 4.2+ that the glue touches.
#pragma once

#include <cstddef>

#include <wireshark.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>
#include <epan/tap.h>

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

// Sequence analysis (Statistics > Flow Graph, tshark -z flow,...). Debian's
// 4.0 development package does not install <epan/sequence_analysis.h>, so the
// parts kerbdiag uses are declared here; libwireshark exports the functions
// in 4.0, 4.4 and 4.6 alike. Items are allocated by Wireshark
// (sequence_analysis_create_sai_with_addresses), so only the fields kerbdiag
// writes must sit where Wireshark has them:
// - 4.0: has_color_filter and display are gboolean (offsets checked against
//   4.0.17's libwireshark: label 0x48, comment 0x58, line_style 0x7c);
// - 4.2 on: they are bool; 4.6 adds free_info_ptr after info_ptr, which is
//   past every field written here.
// seq_analysis_info_t starts {name, any_addr, nconv, items} in all three.
// Wireshark's flags (preferences, sequence-analysis items) became bool in 4.2.
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
using flag = bool;
#else
using flag = gboolean;
#endif
using seq_flag = flag;

struct seq_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar* frame_label;  // g_free'd by Wireshark
    gchar* time_str;
    gchar* comment;      // g_free'd by Wireshark
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    seq_flag has_color_filter;
    seq_flag display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
};
static_assert(offsetof(seq_item, frame_label) == 0x48 && offsetof(seq_item, comment) == 0x58);

struct seq_info {
    const char* name;
    seq_flag any_addr;
    int nconv;
    GQueue* items;
};

}  // namespace kerbdiag::ws

extern "C" {
WS_DLL_PUBLIC void register_seq_analysis(const char* name, const char* ui_name, const int proto_id,
                                         const char* tap_listener, guint tap_flags, tap_packet_cb tap_func);
WS_DLL_PUBLIC kerbdiag::ws::seq_item* sequence_analysis_create_sai_with_addresses(packet_info* pinfo,
                                                                                  kerbdiag::ws::seq_info* sainfo);
WS_DLL_PUBLIC void sequence_analysis_use_color_filter(packet_info* pinfo, kerbdiag::ws::seq_item* sai);
}
