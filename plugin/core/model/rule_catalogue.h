// The expert rule catalogue: every rule's id, severity, texts and scenario.
//
// The entries live in expert_rules/*.rule (one file per rule) and are
// compiled in, so the plugin needs no data files at run time.
#pragma once

#include "rule_ids.h"

#include <span>
#include <string_view>

namespace kerbdiag {

enum class Severity { chat, note, warn, error };

// Mirrors Wireshark's expert groups that kerbdiag uses.
enum class ExpertGroup { protocol, security, sequence, response_code, request_code, malformed };

struct RuleInfo {
    std::string_view id;           // stable: users filter on kerbdiag.<id>
    Severity severity = Severity::note;
    ExpertGroup group = ExpertGroup::protocol;
    std::string_view scenario;     // "S1".."S18", field guide section
    std::string_view summary;      // one line, with {placeholders}
    std::string_view explanation;  // why this matters, a few sentences
    std::string_view fix;          // what to change, with {placeholders}; steps separated by '\n'
    // Space-separated ids of rules this one explains better when both speak
    // of one event: the problem layer keeps this one and folds those in.
    std::string_view refines;
    // The cause concerns one attempt of a client; a later Kerberos success to
    // the same host means the client recovered, and the problem drops to a note.
    bool recoverable = false;
    // The rule reports what a client did after a failure (a prompt loop, an
    // NTLM fallback), not a cause: a cause for the same target absorbs it,
    // except the causes it names in `refines`, which it explains better.
    bool consequence = false;
};

std::span<const RuleInfo> rule_catalogue();

// nullptr when the id is not in the catalogue.
const RuleInfo* find_rule(std::string_view id);

// True when `finer` explains an event better than `coarser`: directly or
// through a chain of `refines`, or as a cause of a consequence (unless the
// consequence refines that cause).
bool rule_refines(const RuleInfo& finer, const RuleInfo& coarser);

// The entry of a rule id; every RuleId has one.
const RuleInfo& rule_info(RuleId id);

std::string_view severity_name(Severity severity);
std::string_view group_name(ExpertGroup group);

}  // namespace kerbdiag
