// Account facts by KeyVerdict::account_id, for the keyed rules. An id names
// the same account for as long as the keytab is loaded; rule state holds only
// ids. Owned by the correlator's state and cleared with it (a new file, or a
// keytab reload, which re-dissects and remembers accounts again).
#pragma once

#include "observations.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kerbdiag {

struct AccountFacts {
    std::string name, label;
    std::vector<std::string> principals;
    bool computer = false;
};

class AccountDirectory {
public:
    void remember(const KeyVerdict& verdict)
    {
        if (verdict.account_id == 0) return;
        if (accounts_.size() > max_accounts) accounts_.clear();
        auto [entry, added] = accounts_.try_emplace(verdict.account_id);
        if (!added && entry->second.label == verdict.account) return;  // the usual case: nothing to copy
        entry->second = {verdict.account_name, verdict.account, verdict.principals, verdict.computer_account};
    }
    void clear() { accounts_.clear(); }
    const AccountFacts* find(uint32_t id) const
    {
        auto found = accounts_.find(id);
        return found == accounts_.end() ? nullptr : &found->second;
    }

private:
    static constexpr size_t max_accounts = 1u << 16;
    std::unordered_map<uint32_t, AccountFacts> accounts_;
};

}  // namespace kerbdiag
