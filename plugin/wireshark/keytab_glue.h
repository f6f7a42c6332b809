// Keytab preference and per-ticket key verdicts (Wireshark side).
#pragma once

#include <epan/prefs.h>

#include <vector>

#include "keytab_fact.h"
#include "observations.h"

// Registers kerbdiag.keytab in the protocol's preference module.
void kerbdiag_keytab_register_prefs(module_t* module);

// Called from the preference apply callback: reloads the keytab if the path
// changed (true then). Only a keytab that cannot be used gets a failure dialog.
bool kerbdiag_keytab_apply_prefs();

// Whether a keytab with keys is loaded (only then are ciphers worth reading).
bool kerbdiag_keytab_loaded();

// What the loaded keytab showed (duplicates, skipped entries, ...), for the diagnosis.
const std::vector<kerbdiag::KeytabFact>& kerbdiag_keytab_facts();

// First pass only: fills TicketObservation::key for every ticket of the frame.
void kerbdiag_keytab_annotate(kerbdiag::FrameObservation& frame);
