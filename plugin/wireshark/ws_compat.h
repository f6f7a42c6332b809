// The few Wireshark API differences between 4.0 and 4.2+ that the glue touches.
#pragma once

#include <wireshark.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 4)
#define KERBDIAG_FVALUE_IS_POINTER 1
#endif

namespace kerbdiag::ws {

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
