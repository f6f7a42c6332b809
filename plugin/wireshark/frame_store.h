// Whether this dissection keeps its frames, so that a frame can be
// dissected again later (the GUI, tshark -2) or not (one-pass tshark, live
// tshark -i). Where it does not, a per-frame record would only grow with the
// capture and serve no one.
#pragma once

#include <epan/packet_info.h>

// Forgets what was learnt: call at every (re)dissection of a file.
void kerbdiag_frame_store_reset();

// First pass only. True until the answer is known, so that no frame that could be visited
// again loses its record; then the answer for the rest of the file.
bool kerbdiag_frames_are_kept(const packet_info* pinfo);
