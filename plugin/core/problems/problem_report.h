// The text form of the problem list (`tshark -q -z kerbdiag,problems`).
//
// Scripts read it, so its shape is fixed:
//   kerbdiag problems: <N>
//   problem <n>: <severity> <scenario or -> <rule id> (frames <list>)
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

}  // namespace kerbdiag
