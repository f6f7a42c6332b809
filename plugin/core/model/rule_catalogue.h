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
    std::string_view fix;          // what to change, with {placeholders}
};

std::span<const RuleInfo> rule_catalogue();

// nullptr when the id is not in the catalogue.
const RuleInfo* find_rule(std::string_view id);

// The entry of a rule id; every RuleId has one.
const RuleInfo& rule_info(RuleId id);

std::string_view severity_name(Severity severity);
std::string_view group_name(ExpertGroup group);

}  // namespace kerbdiag
