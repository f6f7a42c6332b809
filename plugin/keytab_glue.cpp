#include "keytab_glue.h"

void kerbdiag_keytab_register_prefs(module_t*) {}

void kerbdiag_keytab_apply_prefs() {}

void kerbdiag_keytab_annotate(kerbdiag::FrameObservation&) {}
