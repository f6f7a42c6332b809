// The text form of the problem list (`tshark -q -z kerbdiag,problems`).
//
// Scripts read it, so its shape is fixed:
//   kerbdiag problems: <N>
//   problem <n>: <severity> <scenario or -> <rule id> (frames <list, or - for a keytab fact alone>)
//       <summary>
//       detail: <the evidence in words>
//       fix: <one line per step>
//       seen: <count>
#pragma once

#include "problem_book.h"

#include <string>

namespace kerbdiag {

// "4, 5 and 9" style is for prose; the header lists frames as "4, 5, 9".
std::string problem_frames(const Problem& problem);

// Everything the problem says beyond its summary, as one paragraph.
std::string problem_detail(const Problem& problem);

std::string problems_report(const ProblemBook& book);

// A problem's row in the statistics tree: "1. HTTP/web01.example.test" (its
// target stays while its cause may be refined).
std::string problem_row(const Problem& problem);

// The cause under a problem's row: "error S2 ticket_wrong_account".
std::string problem_cause(const Problem& problem, std::string_view rule_id, Severity severity);

}  // namespace kerbdiag
