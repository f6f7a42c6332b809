// What the render files share with each other; the rest of the glue sees
// only render.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render.h"

namespace kerbdiag::render {

// fields.cpp: the hf table, indexed by RenderField.
extern int hf[RF_COUNT];
ftenum field_type(guint16 field);
void register_fields(int proto);

// expert.cpp: one expert item per catalogue entry, in catalogue order.
// Indexed by rule index * expert_severities + kerbdiag::Severity.
constexpr size_t expert_severities = 4;
extern expert_field* ei_rules;
void register_expert_fields(int proto);

// names.cpp: core enums in Wireshark's and the fields' words.
int ws_severity(Severity severity);
int ws_group(ExpertGroup group);
std::string_view carrier_name(KrbCarrier carrier);
std::string_view key_verdict_name(KeyVerdictKind kind);

// record.cpp: file-scope copies of strings, one per distinct text.
void init_interning();
const char* intern(const std::string& text);

// text_layout.cpp: a long text as labels Wireshark will not cut.
std::vector<std::string> split_long_text(const std::string& text);
std::string expert_text(const std::string& summary);

}  // namespace kerbdiag::render
