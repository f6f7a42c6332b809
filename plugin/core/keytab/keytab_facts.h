// What a loaded keytab says beyond its keys: principals under two keys,
// skipped entries, RC4-only accounts, accounts at several kvnos
// (model/keytab_fact.h). Built once per load from the grouped accounts.
#pragma once

#include "keytab_accounts.h"
#include "keytab_fact.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag::keytab {

// An entry that was not loaded: its enctype is unknown to this krb5.
struct SkippedEntry {
    std::string principal;
    uint32_t kvno = 0;
    int32_t enctype = 0;
    std::string file;
};

// two_keys, several_kvnos and rc4_only facts, in that order.
std::vector<KeytabFact> account_facts(const std::vector<Entry>& entries, const std::vector<Key>& keys,
                                      const std::vector<Account>& accounts);

// One unsupported_enctypes fact for all skipped entries; none when none were skipped.
std::optional<KeytabFact> skipped_entries_fact(const std::vector<SkippedEntry>& skipped);

}  // namespace kerbdiag::keytab
