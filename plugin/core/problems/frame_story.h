// A frame in a few words, for the places an admin already looks: the arrow
// of the kerbdiag flow graph, the flow graph's comment column and a note in
// the packet list's Info column.
#pragma once

#include "finding.h"
#include "observations.h"
#include "problem_book.h"

#include <string>

namespace kerbdiag {

struct FrameStory {
    // "TGS-REQ HTTP/web01.example.test", "401 KRB_AP_ERR_MODIFIED", "200 Kerberos OK";
    // empty when the frame is no step of an authentication (no arrow).
    std::string arrow;
    // "problem 1: <summary>" on the frame that concludes, upgrades, repeats or
    // recovers a problem; "attempt 2 to web01.example.test: 401 offers
    // Negotiate" (before any problem's words) where an attempt starts; empty
    // elsewhere.
    std::string comment;
    // "ticket for ... was encrypted for ..., server ... answered ..." on frames
    // that conclude a problem or carry a verdict; empty elsewhere.
    std::string note;
};

FrameStory tell_frame(const FrameObservation& frame, const FrameDiagnosis& diagnosis, const ProblemBook& problems);

// "aes256", "rc4": an enctype as a flow label says it.
std::string short_enctype(int32_t etype);

// A problem summary cut to its first clause, at most about 100 characters.
std::string short_summary(const std::string& summary);

}  // namespace kerbdiag
