#include "keytab_accounts.h"

#include "names.h"
#include "text_template.h"

#include <map>
#include <numeric>
#include <set>

namespace kerbdiag::keytab {

std::string enctype_list(const std::vector<int32_t>& enctypes)
{
    std::vector<std::string> names;
    for (int32_t enctype : enctypes) names.push_back(enctype_name(enctype));
    return join(names, ", ");
}

std::string lowercase(std::string text)
{
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string kvno_list(std::vector<uint32_t> kvnos)
{
    std::sort(kvnos.begin(), kvnos.end());
    std::vector<std::string> texts;
    for (uint32_t kvno : kvnos) texts.push_back(std::to_string(kvno));
    return join(texts, ", ");
}

namespace {

// Union-find over key indices.
struct Groups {
    std::vector<size_t> parent;
    explicit Groups(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    size_t root(size_t i) { return parent[i] == i ? i : parent[i] = root(parent[i]); }
    void unite(size_t a, size_t b) { parent[root(a)] = root(b); }
};

std::string principal_name_part(const std::string& principal)
{
    auto at = principal.rfind('@');
    return at == std::string::npos ? principal : principal.substr(0, at);
}

bool is_computer_principal(const std::string& principal)
{
    std::string name = principal_name_part(principal);
    return (!name.empty() && name.back() == '$') || (name.size() > 5 && iequals(name.substr(0, 5), "host/"));
}

// The account's own name: a principal without a service part (svc_web,
// WEB01$), else the first principal.
std::string account_name(const std::vector<std::string>& principals)
{
    for (const auto& principal : principals)
        if (principal_name_part(principal).find('/') == std::string::npos) return principal;
    return principals.empty() ? std::string() : principals.front();
}



// "svc_web@R (also HTTP/web@R; kvno 3; aes256-cts-hmac-sha1-96, arcfour-hmac)"
std::string account_label(const Account& account)
{
    std::vector<std::string> others;
    for (const auto& principal : account.principals)
        if (principal != account.name) others.push_back(principal);
    std::string label = account.name + " (";
    if (!others.empty()) label += "also " + join(others, ", ") + "; ";
    label += (account.kvnos.size() > 1 ? "kvnos " : "kvno ") + kvno_list(account.kvnos) + "; ";
    return label + enctype_list(account.enctypes) + ")";
}

void build_account(Account& account, const std::vector<size_t>& members, size_t index,
                   const std::vector<Entry>& entries, std::vector<Key>& keys)
{
    for (const auto& entry : entries) {
        if (std::find(members.begin(), members.end(), entry.key) == members.end()) continue;
        add_unique(account.principals, entry.principal);
        add_unique(account.kvnos, entry.kvno);
        add_unique(account.enctypes, keys[entry.key].enctype);
    }
    for (size_t key : members) keys[key].account = index;
    account.name = keytab::account_name(account.principals);
    account.computer = std::any_of(account.principals.begin(), account.principals.end(), is_computer_principal);
    account.label = account_label(account);
}

using KeysByName = std::map<std::pair<std::string, uint32_t>, std::vector<size_t>>;

// The distinct keys of each principal+kvno.
KeysByName keys_by_name(const std::vector<Entry>& entries)
{
    KeysByName keys_of_name;
    for (const auto& entry : entries) add_unique(keys_of_name[{entry.principal, entry.kvno}], entry.key);
    return keys_of_name;
}

}  // namespace

std::vector<std::pair<std::string, uint32_t>> names_claimed_twice(const std::vector<Entry>& entries,
                                                                  const std::vector<Key>& keys)
{
    auto keys_of_name = keys_by_name(entries);
    std::vector<std::pair<std::string, uint32_t>> names;
    for (const auto& [name, members] : keys_of_name) {
        std::set<int32_t> enctypes;
        for (size_t key : members) enctypes.insert(keys[key].enctype);
        if (enctypes.size() < members.size()) names.push_back(name);
    }
    return names;
}

// Keys of one account: equal bytes already share a Key; the enctypes of one
// principal+kvno are joined too, unless that principal+kvno holds two
// different keys of one enctype -- then two accounts claim the same name (a
// duplicate SPN exported twice) and only their key bytes can tell them apart.
std::vector<Account> group_accounts(const std::vector<Entry>& entries, std::vector<Key>& keys)
{
    std::vector<Account> accounts;
    Groups groups(keys.size());
    auto claimed_twice = names_claimed_twice(entries, keys);
    auto keys_of_name = keys_by_name(entries);
    for (const auto& [name, members] : keys_of_name) {
        if (std::find(claimed_twice.begin(), claimed_twice.end(), name) != claimed_twice.end()) continue;
        for (size_t key : members) groups.unite(key, members.front());
    }
    std::map<size_t, std::vector<size_t>> members_of_root;
    for (size_t key = 0; key < keys.size(); ++key) members_of_root[groups.root(key)].push_back(key);
    for (const auto& [root, members] : members_of_root) {
        Account account;
        account.id = static_cast<uint32_t>(accounts.size() + 1);
        build_account(account, members, accounts.size(), entries, keys);
        accounts.push_back(std::move(account));
    }
    return accounts;
}

}  // namespace kerbdiag::keytab
