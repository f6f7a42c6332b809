// Reads the built-in dissectors' fields of one frame into plain structs.
#pragma once

#include <epan/packet.h>

#include "observations.h"

// Resolves the wanted field names to header field ids (all ids sharing a
// name). Call after every protocol has registered (handoff).
void kerbdiag_extract_resolve_fields();

// A fresh array for set_postdissector_wanted_hfids (which takes ownership);
// the ciphers only when a keytab can use them.
GArray* kerbdiag_extract_wanted_hfids(bool with_ciphers);

// Fills `out` from the frame's tree. Never throws a Wireshark exception;
// `tree` may be NULL (nothing is extracted then).
// Ciphers are read only when `with_ciphers` (a full tree in the GUI holds
// them anyway), so that a frame says the same in every mode.
void kerbdiag_extract_frame(proto_tree* tree, packet_info* pinfo, bool with_ciphers, kerbdiag::FrameObservation& out);
