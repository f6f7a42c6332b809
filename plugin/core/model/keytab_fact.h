// What the keytab oracle learnt about a usable keytab while loading it.
//
// Not a failure (those are KeytabLoadReport::errors): evidence for the
// diagnosis. The correlator turns each fact into a problem once per file,
// and the keytab rules attach it to the first ticket it explains.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kerbdiag {

enum class KeytabFactKind {
    two_keys,              // one principal+kvno under two different keys of one enctype
    unsupported_enctypes,  // entries of enctypes this krb5 cannot use (skipped)
    rc4_only,              // an account whose only keys are RC4
    several_kvnos,         // an account at several key versions
};

struct KeytabFact {
    KeytabFactKind kind = KeytabFactKind::two_keys;
    // two_keys: the principal without realm; rc4_only, several_kvnos: the
    // account name without realm; unsupported_enctypes: empty.
    std::string name;
    std::string realm;
    // The accounts concerned (name@REALM) and their KeyVerdict::account_id;
    // two_keys: every account that holds a key of `name`.
    std::vector<std::string> accounts;
    std::vector<uint32_t> account_ids;
    std::vector<uint32_t> kvnos;           // ascending
    std::vector<int32_t> enctypes;         // two_keys: duplicated ones; unsupported: skipped ones
    std::vector<std::string> principals;   // unsupported_enctypes: the skipped entries' principals
    std::string detail;                    // the fact in words, naming the file(s)
};

}  // namespace kerbdiag
