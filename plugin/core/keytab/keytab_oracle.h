// The keytab oracle: which account's key decrypts a ticket.
//
// Loaded once per preference change with MIT krb5's keytab API. Entries that
// share key bytes, or that share principal+kvno across enctypes, form one
// account (the SPNs, the user/computer name and the enctypes of one AD
// account). Each ticket's enc-part (key usage 2) is tried with the keys of
// its enctype, kvno-matching ones first, and the verdict is cached by a digest
// of the ciphertext. Key bytes are never formatted, logged or stored
// outside krb5_key handles, and are zeroed when released.
#pragma once

#include "keytab_fact.h"
#include "observations.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kerbdiag {

struct KeytabLoadReport {
    // A file could not be used, or only in part (missing, unreadable, not a
    // keytab, truncated): a failure to show the user at once.
    std::vector<std::string> errors;
    // What the usable keys say (duplicates, skipped entries, RC4 only, old
    // kvnos): evidence for the diagnosis, never a failure.
    std::vector<KeytabFact> facts;
    size_t entries = 0;               // usable entries loaded, all files together
    size_t accounts = 0;

    bool ok() const { return errors.empty(); }
    // The errors, one per line, for a failure dialog or stderr.
    std::string message() const;
};

struct KeytabOracleStats {
    uint64_t tickets_checked = 0;
    uint64_t cache_hits = 0;
    uint64_t verdicts_computed = 0;   // cache misses that tried keys
    uint64_t decrypt_attempts = 0;    // krb5 decryptions tried, all tickets
};

struct KeytabOracleLimits {
    size_t cache_entries = 4096;      // per cache generation (two are kept), also capped by bytes
};

class KeytabOracle {
public:
    explicit KeytabOracle(KeytabOracleLimits limits = {});
    KeytabOracle(const KeytabOracle&) = delete;
    KeytabOracle& operator=(const KeytabOracle&) = delete;
    ~KeytabOracle();

    // Replaces every key with those of `paths` (plain file names). Files that
    // fail are reported and skipped; the oracle stays usable, possibly empty.
    KeytabLoadReport load(const std::vector<std::string>& paths);
    void clear();

    bool empty() const;
    size_t account_count() const;
    // The facts of the last load (KeytabLoadReport::facts).
    const std::vector<KeytabFact>& facts() const;
    std::vector<std::string> account_labels() const;

    KeyVerdict check(const TicketObservation& ticket);
    // The client's time in an AS-REQ's PA-ENC-TIMESTAMP, when a key of the
    // client principal (cname@realm) in the keytab opens it (key usage 1).
    std::optional<int64_t> open_pa_timestamp(const KerberosMessage& as_req);
    // Fills TicketObservation::key of every ticket in the frame, and
    // KerberosMessage::pa_timestamp of every AS-REQ the keytab opens.
    void annotate(FrameObservation& frame);

    const KeytabOracleStats& stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// "a.keytab:b.keytab" -> {"a.keytab", "b.keytab"}, blanks and empties dropped.
std::vector<std::string> split_keytab_paths(std::string_view list, char separator);

// "aes256-cts-hmac-sha1-96", or "etype N" when krb5 does not know it.
std::string enctype_name(int32_t enctype);

}  // namespace kerbdiag
