// Hand-made keytab verdicts for the keyed rules' tests (ticket_wrong_account,
// duplicate_spn, stale_key, ticket_not_delegatable).
#pragma once

#include "test_rule_frames.h"

namespace lab {

inline KeyVerdict opened_by(uint32_t id, const std::string& name, std::vector<std::string> principals, bool computer = false)
{
    KeyVerdict key;
    key.kind = KeyVerdictKind::decrypted;
    key.account_id = id;
    key.account_name = name + "@" + realm;
    key.principals = std::move(principals);
    key.principals.insert(key.principals.begin(), key.account_name);
    key.account = key.account_name + " (label)";
    key.computer_account = computer;
    key.key_kvno = 2;
    key.client = "alice@" + realm;
    return key;
}

inline KeyVerdict svc_web() { return opened_by(1, "svc_web", {"HTTP/alias.example.test@" + realm}); }
inline KeyVerdict web01_computer() { return opened_by(2, "WEB01$", {"host/web01.example.test@" + realm}, true); }

inline AuthHeader ap_req_opened_by(const std::string& spn, const KeyVerdict& key)
{
    AuthHeader auth = negotiate_ap_req(spn);
    auth.kerberos[0].tickets[0].key = key;
    return auth;
}

inline FrameObservation tgs_rep_with(KeyVerdict key, uint32_t kvno = 2)
{
    FrameObservation frame = tgs_rep("HTTP/web01.example.test");
    TicketObservation& ticket = frame.kerberos[0].tickets[0];
    ticket.kvno = kvno;
    ticket.key = std::move(key);
    return frame;
}

inline KeyVerdict verdict(KeyVerdictKind kind)
{
    KeyVerdict key;
    key.kind = kind;
    key.client = "alice@" + realm;
    if (kind == KeyVerdictKind::decrypted || kind == KeyVerdictKind::kvno_mismatch) {
        key.account_id = 1;
        key.account_name = "WEB01$@" + realm;
        key.account = key.account_name + " (label)";
        key.key_kvno = 1;
    }
    return key;
}

}  // namespace lab

// ---- keytab facts (keytab_* rules) -------------------------------------------

namespace lab {

inline KeytabFact keytab_fact(KeytabFactKind kind, const std::string& name, std::vector<std::string> accounts,
                              std::vector<uint32_t> ids, std::vector<uint32_t> kvnos = {2},
                              std::vector<int32_t> enctypes = {18})
{
    KeytabFact fact;
    fact.kind = kind;
    fact.name = name;
    fact.realm = realm;
    for (auto& account : accounts) fact.accounts.push_back(account + "@" + realm);
    fact.account_ids = std::move(ids);
    fact.kvnos = std::move(kvnos);
    fact.enctypes = std::move(enctypes);
    fact.detail = "fact of the test keytab.";
    return fact;
}

// HTTP/web.example.test kvno 2 under the keys of svc_a (id 5) and svc_b (id 6).
inline KeytabFact web_under_two_keys()
{
    return keytab_fact(KeytabFactKind::two_keys, "HTTP/web.example.test", {"svc_a", "svc_b"}, {5, 6});
}

inline const Problem* problem_of(const Correlator& correlator, std::string_view rule_id)
{
    for (const Problem* problem : correlator.problems().ranked())
        if (problem->rule->id == rule_id) return problem;
    return nullptr;
}

inline const Problem* only_problem(const Correlator& correlator)
{
    auto problems = correlator.problems().ranked();
    return problems.size() == 1 ? problems.front() : nullptr;
}

}  // namespace lab
