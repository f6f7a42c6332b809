// Keytab facts (model/keytab_fact.h) in the diagnosis: each is one problem,
// concluded before the first frame from the finding made here; the keytab
// rules (rules/keytab_*.cpp) tell it again on the first ticket it explains,
// with the same placeholders plus the ticket's.
#pragma once

#include "finding.h"
#include "keytab_fact.h"
#include "rule_ids.h"
#include "text_template.h"

namespace kerbdiag {

RuleId keytab_fact_rule(KeytabFactKind kind);

// The placeholders of the fact's rule: spn (two_keys), account, realm,
// domain, kvnos, enctypes, owners, keep, remove_command. `opened_by` is the
// account (short name) whose key opened a ticket the fact explains: for
// two_keys, the one to keep.
TemplateValues keytab_fact_values(const KeytabFact& fact, const std::string& opened_by = {});

// The fact as a finding of no frame; its detail is the fact's.
Finding keytab_fact_finding(const KeytabFact& fact);

// A user's name without the realm: "svc_web@AD.EXAMPLE.TEST" -> "svc_web".
std::string without_realm(const std::string& principal);

}  // namespace kerbdiag
