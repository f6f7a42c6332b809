#include "keytab_facts.h"

#include "names.h"
#include "text_template.h"

#include <algorithm>
#include <map>

namespace kerbdiag::keytab {
namespace {

constexpr int32_t enctype_rc4_hmac = 23;
constexpr int32_t enctype_rc4_hmac_exp = 24;
constexpr size_t max_listed_entries = 4;

std::string realm_of(const std::string& principal)
{
    auto at = principal.rfind('@');
    return at == std::string::npos ? std::string() : principal.substr(at + 1);
}

std::string without_realm(const std::string& principal)
{
    auto at = principal.rfind('@');
    return at == std::string::npos ? principal : principal.substr(0, at);
}

// "a.keytab" or "a.keytab and b.keytab": file names without their folder,
// which the preference shows (and which a report should not depend on).
std::string files_text(const std::vector<std::string>& paths)
{
    std::vector<std::string> files;
    for (const auto& path : paths) files.push_back(path.substr(path.rfind('/') + 1));
    if (files.size() <= 1) return files.empty() ? std::string() : files.front();
    std::vector<std::string> head(files.begin(), files.end() - 1);
    return join(head, ", ") + " and " + files.back();
}

bool is_rc4(int32_t enctype) { return enctype == enctype_rc4_hmac || enctype == enctype_rc4_hmac_exp; }

KeytabFact two_keys_fact(const std::string& principal, const std::vector<uint32_t>& kvnos,
                         const std::vector<Entry>& entries, const std::vector<Key>& keys,
                         const std::vector<Account>& accounts)
{
    KeytabFact fact;
    fact.kind = KeytabFactKind::two_keys;
    fact.name = without_realm(principal);
    fact.realm = realm_of(principal);
    fact.kvnos = kvnos;
    std::sort(fact.kvnos.begin(), fact.kvnos.end());
    std::vector<std::string> files;
    std::vector<std::pair<int32_t, std::vector<size_t>>> keys_of_enctype;  // in keytab order
    for (const auto& entry : entries) {
        if (entry.principal != principal || std::find(kvnos.begin(), kvnos.end(), entry.kvno) == kvnos.end())
            continue;
        add_unique(files, entry.file);
        const Key& key = keys[entry.key];
        auto same = std::find_if(keys_of_enctype.begin(), keys_of_enctype.end(),
                                 [&](const auto& item) { return item.first == key.enctype; });
        if (same == keys_of_enctype.end()) same = keys_of_enctype.insert(same, {key.enctype, {}});
        add_unique(same->second, entry.key);
        const Account& account = accounts[key.account];
        if (std::find(fact.account_ids.begin(), fact.account_ids.end(), account.id) != fact.account_ids.end()) continue;
        fact.account_ids.push_back(account.id);  // parallel to accounts; two exports of one account share a name
        fact.accounts.push_back(account.name);
    }
    for (const auto& [enctype, members] : keys_of_enctype)
        if (members.size() > 1) fact.enctypes.push_back(enctype);
    fact.detail = principal + " (kvno " + kvno_list(fact.kvnos) + ") is listed under different " +
                  enctype_list(fact.enctypes) + " keys in " + files_text(files) + ": those of " +
                  join(fact.accounts, " and ") + ".";
    return fact;
}

// The accounts of one name (two exports of one account at different kvnos are two Accounts).
struct NamedAccounts {
    std::string name;  // as the keytab spells it first
    std::vector<uint32_t> ids, kvnos;
    std::vector<int32_t> enctypes;
    std::vector<std::string> files;
};

std::vector<NamedAccounts> accounts_by_name(const std::vector<Entry>& entries, const std::vector<Key>& keys,
                                            const std::vector<Account>& accounts)
{
    std::vector<NamedAccounts> named;
    std::map<std::string, size_t> index_of;
    for (const auto& account : accounts) {
        auto [it, added] = index_of.try_emplace(lowercase(account.name), named.size());
        if (added) named.push_back({account.name, {}, {}, {}, {}});
        NamedAccounts& group = named[it->second];
        group.ids.push_back(account.id);
        for (uint32_t kvno : account.kvnos) add_unique(group.kvnos, kvno);
        for (int32_t enctype : account.enctypes) add_unique(group.enctypes, enctype);
    }
    for (const auto& entry : entries) {
        const Account& account = accounts[keys[entry.key].account];
        add_unique(named[index_of[lowercase(account.name)]].files, entry.file);
    }
    for (auto& group : named) std::sort(group.kvnos.begin(), group.kvnos.end());
    return named;
}

KeytabFact account_fact(KeytabFactKind kind, const NamedAccounts& group)
{
    KeytabFact fact;
    fact.kind = kind;
    fact.name = without_realm(group.name);
    fact.realm = realm_of(group.name);
    fact.accounts = {group.name};
    fact.account_ids = group.ids;
    fact.kvnos = group.kvnos;
    if (kind == KeytabFactKind::several_kvnos) {
        fact.detail = group.name + " is in " + files_text(group.files) + " at kvnos " + kvno_list(group.kvnos) +
                      " (keys of several passwords).";
    } else {
        fact.enctypes = group.enctypes;
        fact.detail = group.name + " has only " + enctype_list(group.enctypes) + " keys in " +
                      files_text(group.files) + " (kvno " + kvno_list(group.kvnos) + ").";
    }
    return fact;
}

}  // namespace

std::vector<KeytabFact> account_facts(const std::vector<Entry>& entries, const std::vector<Key>& keys,
                                      const std::vector<Account>& accounts)
{
    std::vector<KeytabFact> facts;
    std::vector<std::pair<std::string, std::vector<uint32_t>>> claimed;  // principal, its claimed kvnos
    for (const auto& name_kvno : names_claimed_twice(entries, keys)) {
        const std::string& principal = name_kvno.first;
        auto it = std::find_if(claimed.begin(), claimed.end(), [&](const auto& c) { return c.first == principal; });
        if (it == claimed.end()) it = claimed.insert(claimed.end(), {principal, {}});
        it->second.push_back(name_kvno.second);
    }
    for (const auto& [principal, kvnos] : claimed) facts.push_back(two_keys_fact(principal, kvnos, entries, keys, accounts));
    auto named = accounts_by_name(entries, keys, accounts);
    for (const auto& group : named)
        if (group.kvnos.size() > 1) facts.push_back(account_fact(KeytabFactKind::several_kvnos, group));
    for (const auto& group : named)
        if (!group.enctypes.empty() && std::all_of(group.enctypes.begin(), group.enctypes.end(), is_rc4))
            facts.push_back(account_fact(KeytabFactKind::rc4_only, group));
    return facts;
}

std::optional<KeytabFact> skipped_entries_fact(const std::vector<SkippedEntry>& skipped)
{
    if (skipped.empty()) return std::nullopt;
    KeytabFact fact;
    fact.kind = KeytabFactKind::unsupported_enctypes;
    fact.realm = realm_of(skipped.front().principal);
    std::vector<std::string> files, listed;
    for (const auto& entry : skipped) {
        add_unique(fact.enctypes, entry.enctype);
        add_unique(fact.principals, entry.principal);
        add_unique(files, entry.file);
        if (listed.size() < max_listed_entries)
            listed.push_back(entry.principal + " kvno " + std::to_string(entry.kvno) + " " + enctype_name(entry.enctype));
    }
    std::string more = skipped.size() > listed.size()
                           ? " and " + std::to_string(skipped.size() - listed.size()) + " more"
                           : std::string();
    fact.detail = std::to_string(skipped.size()) + (skipped.size() == 1 ? " entry" : " entries") + " of " +
                  files_text(files) + " skipped, this krb5 cannot use their enctype: " + join(listed, ", ") + more +
                  ".";
    return fact;
}

}  // namespace kerbdiag::keytab
