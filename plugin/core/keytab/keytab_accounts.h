// Accounts of a keytab: which entries share one account's keys.
//
// Entries that share key bytes, or that share principal+kvno across
// enctypes, form one account (the SPNs, the user/computer name and the
// enctypes of one AD account). Key bytes stay in krb5_key handles.
#pragma once

#include "keytab_oracle.h"

#include <krb5/krb5.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kerbdiag::keytab {

struct Entry {
    std::string principal;   // unparsed, with realm
    uint32_t kvno = 0;
    size_t key = 0;          // index into keys
    std::string file;        // the keytab it came from
};

// One distinct (enctype, key bytes) pair; every entry with those bytes uses it.
struct Key {
    int32_t enctype = 0;
    krb5_key handle = nullptr;
    std::vector<uint32_t> kvnos;
    std::vector<std::string> principals_lowercase;  // for matching ticket snames
    size_t account = 0;
};

struct Account {
    uint32_t id = 0;
    std::string name;
    std::string label;
    std::vector<std::string> principals;
    std::vector<uint32_t> kvnos;
    std::vector<int32_t> enctypes;
    bool computer = false;
};

template <typename T>
void add_unique(std::vector<T>& items, const T& item)
{
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

std::string lowercase(std::string text);

// "1, 2, 5": ascending
std::string kvno_list(std::vector<uint32_t> kvnos);

// "aes256-cts-hmac-sha1-96, arcfour-hmac"
std::string enctype_list(const std::vector<int32_t>& enctypes);

// Groups the keys into accounts (sets Key::account).
std::vector<Account> group_accounts(const std::vector<Entry>& entries, std::vector<Key>& keys);

// Principal+kvno pairs with two different keys of one enctype: two
// accounts claim the name, and only key bytes tell them apart.
std::vector<std::pair<std::string, uint32_t>> names_claimed_twice(const std::vector<Entry>& entries,
                                                                  const std::vector<Key>& keys);

}  // namespace kerbdiag::keytab
