// Keytab preference and per-ticket key verdicts (Wireshark side).
#pragma once

#include <epan/prefs.h>

#include "observations.h"

// Registers kerbdiag.keytab in the protocol's preference module.
void kerbdiag_keytab_register_prefs(module_t* module);

// Called from the preference apply callback: reloads the keytab if the path changed.
void kerbdiag_keytab_apply_prefs();

// First pass only: fills TicketObservation::key for every ticket of the frame.
void kerbdiag_keytab_annotate(kerbdiag::FrameObservation& frame);
