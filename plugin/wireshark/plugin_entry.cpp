// The symbols Wireshark's plugin loader looks up. In C++ a namespace-scope
// const has internal linkage, so each one is declared extern "C" first.
#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/proto.h>
#if __has_include(<wsutil/plugins.h>)  // 4.2+: declares plugin_describe flags
#include <wsutil/plugins.h>
#endif

#include "registration.h"

extern "C" {
WS_DLL_PUBLIC const gchar plugin_version[];
WS_DLL_PUBLIC const int plugin_want_major;
WS_DLL_PUBLIC const int plugin_want_minor;
WS_DLL_PUBLIC void plugin_register(void);
#ifdef WS_PLUGIN_DESC_DISSECTOR
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif
}

const gchar plugin_version[] = KERBDIAG_VERSION;
const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

void plugin_register(void)
{
    static proto_plugin plugin;
    plugin.register_protoinfo = kerbdiag_register_protocol;
    plugin.register_handoff = kerbdiag_register_handoff;
    proto_register_plugin(&plugin);
}

#ifdef WS_PLUGIN_DESC_DISSECTOR
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
