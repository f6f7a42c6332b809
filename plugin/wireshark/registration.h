// Entry points called by the plugin loader (plugin_entry.cpp).
#pragma once

void kerbdiag_register_protocol();
void kerbdiag_register_handoff();
