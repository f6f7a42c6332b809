// Statistics report: `tshark -z kerbdiag,tree` and Statistics > Kerberos Diagnostics.
#pragma once

void kerbdiag_report_register(const char* tap_name);
