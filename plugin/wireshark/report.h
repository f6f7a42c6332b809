// Reports: `tshark -z kerbdiag,tree` and Statistics > Kerberos Diagnostics
// (verdicts, findings by rule, problems), and `tshark -q -z kerbdiag,problems`
// (the problem list as text).
#pragma once

#include "problems/problem_book.h"

void kerbdiag_report_register(const char* tap_name);

// The problems of the file being read (owned by the dissector).
const kerbdiag::ProblemBook& kerbdiag_problems();
