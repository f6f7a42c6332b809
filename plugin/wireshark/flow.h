// The kerbdiag flow graph (sequence analysis) on kerbdiag's tap.
#pragma once

void kerbdiag_flow_register(int proto, const char* tap_name);
