// The kerbdiag.keytab preference and the keytab oracle behind it.
//
// None of these functions calls a Wireshark API that throws (prefs
// registration and report_failure do not), so C++ objects
// with destructors may live in their frames. annotate() touches no
// Wireshark API at all; C++ exceptions never leave this file.
#include "keytab_glue.h"

#include <wsutil/report_message.h>

#include <exception>
#include <string>

#include "keytab_oracle.h"

namespace {

// Owned by the preferences module: never freed here.
const char* keytab_preference = "";

// What the oracle currently holds, so an unchanged value is not reloaded.
std::string& loaded_preference()
{
    static std::string value;
    return value;
}

kerbdiag::KeytabOracle& oracle()
{
    static kerbdiag::KeytabOracle instance;
    return instance;
}

void report(const kerbdiag::KeytabLoadReport& result)
{
    // GUI: a dialog; tshark: a line on stderr. Only for a keytab that cannot
    // be used (in full): decryption stays off for it, everything else keeps
    // working. What a usable keytab shows (result.facts) is diagnosis, and
    // reaches the problems through the correlator, never a dialog.
    if (!result.errors.empty()) report_failure("kerbdiag: %s", result.message().c_str());
}

}  // namespace

void kerbdiag_keytab_register_prefs(module_t* module)
{
    prefs_register_filename_preference(
        module, "keytab", "Keytab file(s)",
        "Keytab(s) of the web servers' accounts (separate several with '" G_SEARCHPATH_SEPARATOR_S
        "'). kerbdiag tries their keys on every ticket to prove which account a ticket was "
        "encrypted for (wrong account, duplicate SPN, stale key, delegation flags). Key bytes "
        "are never shown. Independent of the Kerberos protocol's own keytab preference.",
        &keytab_preference, FALSE);
}

bool kerbdiag_keytab_apply_prefs()
{
    std::string value = keytab_preference ? keytab_preference : "";
    if (value == loaded_preference()) return false;
    loaded_preference() = value;
    try {
        report(oracle().load(kerbdiag::split_keytab_paths(value, G_SEARCHPATH_SEPARATOR)));
    } catch (const std::exception& error) {
        oracle().clear();
        report_failure("kerbdiag: keytab %s: %s; no decryption", value.c_str(), error.what());
    }
    return true;
}

bool kerbdiag_keytab_loaded() { return !oracle().empty(); }

const std::vector<kerbdiag::KeytabFact>& kerbdiag_keytab_facts() { return oracle().facts(); }

void kerbdiag_keytab_annotate(kerbdiag::FrameObservation& frame)
{
    try {
        oracle().annotate(frame);
    } catch (const std::exception&) {
        // Out of memory at worst: the tickets keep their not_tried verdict.
    }
}
