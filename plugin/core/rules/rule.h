// The rule interface: how a diagnosis rule plugs into the correlator.
//
// A rule is one function in its own file under plugin/core/rules/:
//
//     #include "rules/rule.h"
//     namespace kerbdiag {
//     static void my_rule(const FrameObservation& frame, FrameContext& context, FindingSink& out)
//     {
//         for (const auto& reply : context.kdc_replies) { ... out.add("my_rule", values) ... }
//     }
//     KERBDIAG_REGISTER_RULE(my_rule)
//     }
//
// - The correlator calls every registered rule once per frame, in capture
//   order, after it has linked the frame into its state: KDC replies are
//   paired with their requests, HTTP responses with their requests (tcp.stream
//   order), DNS answers and TGS outcomes are recorded. So `context` already
//   describes this frame (kdc_requests, kdc_replies, http) and can answer
//   questions about earlier frames (dns(), tgs_for_host(), ...).
// - TicketObservation::key (keytab verdicts) is filled before the correlator
//   runs; keyed rules read it from `frame` (see for_each_ticket).
// - Findings go through `out.add(id, values)`: `id` must be the id of an
//   expert_rules/<id>.rule entry; `values` fill its {placeholders}, and the
//   keys spn, host, account and realm also fill the Finding's members.
//   Set detail/related on the returned Finding.
// - A rule keeps its own memory only through context.tally() /
//   context.first_time(): aged and capped like all correlator state. Do not
//   keep pointers into the context after returning.
// - Per-frame facts for the glue go into out.diagnosis() (see finding.h).
//
// Registration runs from static initialisers, so nothing references a rule
// file: the plugin and the tests link kerbdiag_core as a whole archive
// ($<LINK_LIBRARY:WHOLE_ARCHIVE,...>); any new target must do the same.
#pragma once

#include "finding.h"
#include "observations.h"
#include "state.h"
#include "text_template.h"

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

class FrameContext {
public:
    FrameContext(const FrameObservation& frame, CorrelatorState& state) : frame_(frame), state_(state) {}

    std::vector<KdcRequest> kdc_requests;  // AS-REQ / TGS-REQ sent in this frame
    std::vector<KdcReply> kdc_replies;     // AS-REP / TGS-REP / KRB-ERROR from a KDC in this frame
    std::vector<HttpEvent> http;           // this frame's HTTP messages

    const FrameObservation& frame() const { return frame_; }

    // What DNS said about a name (normalised lookup), or nullptr.
    const DnsName* dns(std::string_view name) const;
    // The end of a CNAME chain for a name; empty when DNS showed none.
    std::string canonical_name(std::string_view name) const;
    // A client's most recent TGS outcome for a host (short and FQDN names
    // match, ports ignored), or nullptr.
    const TgsOutcome* tgs_for_host(std::string_view client, std::string_view host) const;
    // Same, following DNS: the host itself or its canonical name.
    const TgsOutcome* tgs_for_host_or_canonical(std::string_view client, std::string_view host) const;

    // A rule's own counter per key (aged and capped).
    RuleTally& tally(std::string_view rule, std::string_view key);
    // True the first time (rule, key) is seen within the age window.
    bool first_time(std::string_view rule, std::string_view key);

private:
    const FrameObservation& frame_;
    CorrelatorState& state_;
};

class FindingSink {
public:
    explicit FindingSink(FrameDiagnosis& diagnosis) : diagnosis_(diagnosis) {}

    // Adds a finding of catalogue rule `rule_id`, texts filled from `values`.
    Finding& add(std::string_view rule_id, const TemplateValues& values);

    FrameDiagnosis& diagnosis() { return diagnosis_; }

private:
    FrameDiagnosis& diagnosis_;
};

using RuleFunction = void (*)(const FrameObservation& frame, FrameContext& context, FindingSink& out);

struct RegisteredRule {
    std::string_view name;
    RuleFunction function = nullptr;
};

// Every rule registered so far, in registration order.
const std::vector<RegisteredRule>& registered_rules();

struct RuleRegistrar {
    RuleRegistrar(std::string_view name, RuleFunction function);
};

// Optional: defines kerbdiag::rule_files::<file_name>(), an anchor a test can
// call to pull one rule file out of the archive without whole-archive linking.
#define KERBDIAG_RULE_FILE(file_name) \
    namespace rule_files { void file_name() {} }

#define KERBDIAG_REGISTER_RULE(function) \
    static const ::kerbdiag::RuleRegistrar function##_registrar{#function, &function};

}  // namespace kerbdiag
