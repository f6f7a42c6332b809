// S12 proven by a keytab: the host's own account opens the ticket with its
// current key, and that host rejects it.
#include "shared.h"

namespace kerbdiag {
namespace {

void server_keytab_stale(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_rejections(RuleId::server_keytab_stale, RejectedTicket::server_key_stale, frame, context, out,
                      [](const AccountFacts&, const ErrorSite&, TemplateValues&) {});
}

}  // namespace

KERBDIAG_REGISTER_RULE(server_keytab_stale)

}  // namespace kerbdiag
