// The rule interface: how a diagnosis rule plugs into the correlator.
//
// A rule is one function in its own file plugin/core/rules/<rule id>.cpp,
// with its catalogue entry expert_rules/<rule id>.rule and its test
// tests/unit/rules/test_<rule id>.cpp (test_rule_units checks all three):
//
//     #include "rule.h"
//     namespace kerbdiag {
//     static void my_rule(const FrameObservation& frame, FrameContext& context, FindingSink& out)
//     {
//         for (const auto& reply : context.kdc_replies) { ... out.add(RuleId::my_rule, values) ... }
//     }
//     KERBDIAG_REGISTER_RULE(my_rule)
//     }
//
// - The correlator calls every registered rule once per frame, in capture
//   order, after it has linked the frame into its state: KDC replies are
//   paired with their requests, HTTP responses with their requests (tcp.stream
//   order), DNS answers and TGS outcomes are recorded. So `context` already
//   describes this frame (kdc_requests, kdc_replies, http, and errors: each
//   KRB-ERROR already routed to the one rule that reports it) and can answer
//   questions about earlier frames (dns(), tgs_for_host(), ...).
// - TicketObservation::key (keytab verdicts) is filled before the correlator
//   runs; keyed rules read it from `frame` (see for_each_ticket).
// - Findings go through `out.add(RuleId::<id>, values)`: RuleId is generated
//   from expert_rules/<id>.rule, so an id without an entry does not compile;
//   `values` fill its {placeholders}, and the keys spn, host, account and
//   realm also fill the Finding's members.
//   Set detail/related on the returned Finding.
// - A rule keeps its own memory only through context.state<T>(RuleId::<id>, key)
//   and context.first_time(): aged and capped like all correlator state, and
//   cleared by Correlator::reset(). Do not keep pointers into the context
//   after returning.
// - Per-frame facts for the glue go into out.diagnosis() (see finding.h).
//
// Registration runs from static initialisers, so nothing references a rule
// file: the plugin and the tests link kerbdiag_core as a whole archive
// ($<LINK_LIBRARY:WHOLE_ARCHIVE,...>); any new target must do the same.
#pragma once

#include "context.h"
#include "finding.h"
#include "observations.h"
#include "text_template.h"

#include <string_view>
#include <vector>

namespace kerbdiag {

class FindingSink {
public:
    explicit FindingSink(FrameDiagnosis& diagnosis) : diagnosis_(diagnosis) {}

    // Adds a finding of catalogue rule `rule`, texts filled from `values`.
    Finding& add(RuleId rule, const TemplateValues& values);

    FrameDiagnosis& diagnosis() { return diagnosis_; }

private:
    FrameDiagnosis& diagnosis_;
};

using RuleFunction = void (*)(const FrameObservation& frame, FrameContext& context, FindingSink& out);

struct RegisteredRule {
    RuleId id;
    std::string_view name;
    RuleFunction function = nullptr;
};

// Every rule registered so far, in registration order.
const std::vector<RegisteredRule>& registered_rules();

struct RuleRegistrar {
    RuleRegistrar(RuleId id, RuleFunction function);
};

#define KERBDIAG_REGISTER_RULE(function) \
    static const ::kerbdiag::RuleRegistrar function##_registrar{::kerbdiag::RuleId::function, &function};

}  // namespace kerbdiag
