// The correlator's memory: what earlier frames showed, keyed the way the
// evidence links up. Every table ages by capture time and has a size cap.
#pragma once

#include "accounts.h"
#include "aging_table.h"
#include "observations.h"

#include <any>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag {

// A KDC request (AS-REQ / TGS-REQ) as the rules need it.
struct KdcRequest {
    uint32_t frame = 0;
    int64_t time = 0;
    KrbMsgType type = KrbMsgType::unknown;
    std::string client;          // address of the requester
    std::string kdc;             // address of the KDC
    std::string sname;           // requested service, components joined by '/'
    std::string realm;
    std::string cname;           // AS-REQ: the user asking for a TGT
    std::optional<int64_t> client_time;  // AS-REQ: PA-ENC-TIMESTAMP opened by the keytab
    bool s4u2proxy = false;      // additional ticket or cname-in-addl-tkt (constrained delegation)
    // Sent by a web server that received a Kerberos ticket: a back-end request
    // on a user's behalf (S4U2Proxy, or a forwarded TGT with unconstrained delegation).
    bool from_front_end = false;
    std::string front_end;       // the front-end service: evidence ticket's or the web server's SPN
    bool delegation() const { return s4u2proxy || from_front_end; }
};

// What one client asked the KDC for one service name, and the answer.
struct TgsOutcome {
    uint32_t request_frame = 0;
    uint32_t reply_frame = 0;          // 0 while unanswered
    std::string spn;                   // as requested
    std::string host;                  // normalised host part of the SPN
    std::string realm;
    std::optional<int32_t> error;      // KRB-ERROR code; nullopt for a TGS-REP
    std::string referral_realm;        // the TGS-REP held krbtgt/<realm>, not the service ticket
    bool answered() const { return reply_frame != 0; }
};

// Per client address: its recent service-ticket requests, oldest first.
struct ClientHistory {
    static constexpr size_t max_outcomes = 64;
    std::deque<TgsOutcome> tgs;
    // "<server>|<Host>" of the last 401 challenge to this client: credentials
    // sent there on a new connection answer it, and start no new attempt.
    std::string challenged_by;
};

// An HTTP request as remembered on its connection.
struct HttpRequestInfo {
    uint32_t frame = 0;
    int64_t time = 0;
    std::string method;
    std::string uri;
    std::string host;                  // Host header as sent
    std::string auth_scheme;           // empty without Authorization
    Mech mech = Mech::none;
    size_t auth_length = 0;            // Authorization header value, bytes
    std::string ticket_spn;            // AP-REQ ticket sname, when Kerberos
    std::string ticket_realm;
    std::optional<uint32_t> ticket_kvno;
    int32_t ticket_etype = 0;

    bool carries_kerberos() const { return mech == Mech::krb5_ap_req; }
    bool carries_ntlm() const;
    // A token that completes authentication (a 401 to it is a failure, not a challenge).
    bool carries_final_credentials() const;
};

// One HTTP connection (tcp.stream).
struct Connection {
    static constexpr size_t max_pending = 32;
    std::string client;
    std::string server;
    uint16_t server_port = 0;
    std::deque<HttpRequestInfo> pending;     // requests not yet answered, in order
    std::string last_host;                   // Host header of the latest request
    uint32_t last_401_frame = 0;
    bool last_401_offered_negotiate = false;
    uint32_t kerberos_requests = 0;          // requests that carried an AP-REQ
    uint32_t kerberos_successes = 0;         // of those, answered with a non-401
    uint64_t auth_bytes = 0;                 // Authorization header bytes sent
    HttpRequestInfo last_kerberos_request;   // the last request with an AP-REQ
    bool authenticated = false;              // an exchange on it succeeded
    bool kerberos_failed = false;            // an AP-REQ on it was answered 401
    bool ntlm_fallback = false;              // NTLM followed a Kerberos failure
};

// What DNS said about one name (the query name).
struct DnsName {
    uint32_t frame = 0;
    uint16_t rcode = 0;
    std::string canonical;                   // end of the CNAME chain; empty without CNAME
    std::vector<std::string> addresses;      // A / AAAA answers
};

// A 401 answering an NTLM NEGOTIATE (raw NTLM or inside Negotiate) without an
// NTLM CHALLENGE: the server refused NTLM; that exchange ends there.
bool ntlm_refused(const HttpRequestInfo& request, const HttpMessage& response);

// Adds a frame to a rule's evidence list once, keeping the 16 newest.
void add_frame(std::vector<uint32_t>& frames, uint32_t frame);

struct CorrelatorState {
    explicit CorrelatorState(AgingLimits limits)
        : pending_kdc(limits), clients(limits), connections(limits), dns(limits), front_ends(limits), rule_state(limits)
    {
    }
    AgingTable<KdcRequest> pending_kdc;      // key: exchange (UDP ports or TCP stream)
    AgingTable<ClientHistory> clients;       // key: client address
    AgingTable<Connection> connections;      // key: tcp.stream (or address/port pair)
    AgingTable<DnsName> dns;                 // key: normalised query name
    AgingTable<std::string> front_ends;      // key: web server address; value: SPN it was accessed as
    // Each rule's own memory, one typed value per key (FrameContext::state).
    AgingTable<std::any> rule_state;         // key: rule id + '|' + rule's own key
    AccountDirectory accounts;               // keytab accounts the keyed rules saw; capped on its own

    void expire(int64_t now);
    void clear();
    size_t size() const;
};

}  // namespace kerbdiag
