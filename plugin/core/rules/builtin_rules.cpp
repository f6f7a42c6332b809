// References every rule file shipped with the correlator, so the linker keeps
// their registrations even though kerbdiag_core is a static archive.
#include "rule.h"

#define KERBDIAG_BUILTIN_RULE_FILES(X) \
    X(krb_error)                       \
    X(spn_errors)                      \
    X(server_errors)                   \
    X(clock_skew)                      \
    X(ntlm_rules)                      \
    X(host_name_rules)                 \
    X(response_rules)                  \
    X(token_size)                      \
    X(kerberos_per_request)            \
    X(kdc_reachability)                \
    X(ticket_rules)

namespace kerbdiag {

namespace rule_files {
#define KERBDIAG_DECLARE(file_name) void file_name();
KERBDIAG_BUILTIN_RULE_FILES(KERBDIAG_DECLARE)
#undef KERBDIAG_DECLARE
}  // namespace rule_files

void link_builtin_rules()
{
#define KERBDIAG_CALL(file_name) rule_files::file_name();
    KERBDIAG_BUILTIN_RULE_FILES(KERBDIAG_CALL)
#undef KERBDIAG_CALL
}

}  // namespace kerbdiag
