// S18: the KDC refers the SPN to another realm.
#include "names.h"
#include "rule.h"

namespace kerbdiag {
namespace {

void realm_referral(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& reply : context.kdc_replies) {
        const KerberosMessage& msg = *reply.message;
        if (msg.msg_type != KrbMsgType::tgs_rep || msg.tickets.empty() || !reply.request) continue;
        const KdcRequest& request = *reply.request;
        std::string target = krbtgt_target_realm(msg.tickets.front().sname);
        if (target.empty() || is_tgs_name(request.sname) || iequals(target, request.realm)) continue;
        if (!context.first_time(RuleId::realm_referral, request.sname + "|" + target)) continue;
        Finding& finding = out.add(RuleId::realm_referral, {{"spn", request.sname}, {"realm", request.realm}, {"referral_realm", target}});
        finding.related = {request.frame};
        finding.detail = "TGS-REQ for " + request.sname + "@" + request.realm + " in frame " + std::to_string(request.frame) +
                         " was answered in frame " + std::to_string(frame.frame) + " with a ticket for " +
                         msg.tickets.front().sname + ".";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(realm_referral)

}  // namespace kerbdiag
