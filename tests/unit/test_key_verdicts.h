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
