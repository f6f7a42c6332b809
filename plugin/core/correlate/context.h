// What the correlator knows about the frame it is looking at: its KDC
// exchanges, HTTP messages and KRB-ERRORs linked to earlier frames, and
// questions about earlier frames. Rules read it (rules/rule.h).
#pragma once

#include "finding.h"
#include "keytab_fact.h"
#include "observations.h"
#include "rule_catalogue.h"
#include "state.h"

#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kerbdiag {

// A reply or error from a KDC seen in this frame.
struct KdcReply {
    const KerberosMessage* message = nullptr;
    uint32_t frame = 0;
    std::optional<KdcRequest> request;   // the request it answers, when seen
    std::string client;                  // address of the requester
    std::string kdc;                     // address of the KDC
};

// One HTTP message of this frame, linked to its connection.
struct HttpEvent {
    const HttpMessage* message = nullptr;
    const Connection* connection = nullptr;  // never null
    std::string connection_key;              // stable per tcp.stream; for once-per-connection rules
    // For a request: the request itself. For a response: the request it
    // answers (frame == 0 when the request was not seen).
    HttpRequestInfo request;
    bool is_request() const { return message->is_request; }
};

enum class Responder { kdc, web_server, other_service };

// One KRB-ERROR of this frame: who sent it, what it answers, and the one rule
// that reports it (routed once per frame, so no error is reported twice).
struct ErrorSite {
    const KerberosMessage* error = nullptr;
    Responder responder = Responder::kdc;
    const KdcReply* kdc_reply = nullptr;   // responder == kdc
    const HttpEvent* http = nullptr;       // responder == web_server: the response and its request
    RuleId rule = RuleId::krb_error;
};

// The memory behind FrameContext::first_time().
struct Once {
    bool reported = false;
};

class FrameContext {
public:
    FrameContext(const FrameObservation& frame, CorrelatorState& state) : frame_(frame), state_(state) {}

    std::vector<KdcRequest> kdc_requests;  // AS-REQ / TGS-REQ sent in this frame
    std::vector<KdcReply> kdc_replies;     // AS-REP / TGS-REP / KRB-ERROR from a KDC in this frame
    std::vector<HttpEvent> http;           // this frame's HTTP messages
    std::vector<ErrorSite> errors;         // this frame's KRB-ERRORs, each with its rule

    const FrameObservation& frame() const { return frame_; }

    // What DNS said about a name (normalised lookup), or nullptr.
    const DnsName* dns(std::string_view name) const;
    // The end of a CNAME chain for a name; empty when DNS showed none.
    std::string canonical_name(std::string_view name) const;
    // Names DNS showed as aliases (CNAME) of `canonical`.
    std::vector<std::string> aliases_of(std::string_view canonical) const;
    // True when the client's latest request on some connection named this Host.
    bool client_asked_host(std::string_view client, std::string_view host) const;
    // A client's most recent TGS outcome for a host (short and FQDN names
    // match, ports ignored), or nullptr.
    const TgsOutcome* tgs_for_host(std::string_view client, std::string_view host) const;
    // Same, following DNS: the host itself or its canonical name.
    const TgsOutcome* tgs_for_host_or_canonical(std::string_view client, std::string_view host) const;

    // A rule's own memory under its own key, aged and capped like all
    // correlator state: a T (default-constructed the first time) per
    // (rule, key). One key holds one type; use a key prefix per kind of memory.
    template <typename T>
    T& state(RuleId rule, std::string_view key)
    {
        std::any& slot = rule_slot(rule, key);
        if (T* value = std::any_cast<T>(&slot)) return *value;
        return slot.emplace<T>();
    }
    // True the first time (rule, key) is seen within the age window;
    // state<Once>(rule, key).reported = false arms it again.
    bool first_time(RuleId rule, std::string_view key);

    // The keytab accounts seen so far, by KeyVerdict::account_id.
    AccountDirectory& accounts() { return state_.accounts; }

    // What the loaded keytab showed (duplicates, skipped entries, ...); the
    // keytab rules attach each fact to the first ticket it explains.
    const std::vector<KeytabFact>& keytab_facts() const;
    void set_keytab_facts(const std::vector<KeytabFact>* facts) { keytab_facts_ = facts; }

private:
    std::any& rule_slot(RuleId rule, std::string_view key);

    const FrameObservation& frame_;
    CorrelatorState& state_;
    const std::vector<KeytabFact>* keytab_facts_ = nullptr;
};

}  // namespace kerbdiag
