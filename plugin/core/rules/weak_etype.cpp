// S17, S18: what the tickets themselves say.
#include "names.h"
#include "rule.h"

namespace kerbdiag {
namespace {

std::string weak_etype_name(int32_t etype)
{
    switch (etype) {
    case 1: return "DES-CBC-CRC (1)";
    case 2: return "DES-CBC-MD4 (2)";
    case 3: return "DES-CBC-MD5 (3)";
    case 23: return "RC4-HMAC (23)";
    case 24: return "RC4-HMAC-EXP (24)";
    default: return {};
    }
}

void weak_etype(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for_each_ticket(frame, [&](const TicketObservation& ticket) {
        std::string etype_name = weak_etype_name(ticket.etype);
        if (etype_name.empty() || ticket.sname.empty()) return;
        if (!context.first_time(RuleId::weak_etype, ticket.sname + "|" + std::to_string(ticket.etype))) return;
        Finding& finding = out.add(RuleId::weak_etype, {{"spn", ticket.sname}, {"realm", ticket.realm}, {"etype_name", etype_name}});
        finding.detail = "Ticket for " + ticket.sname + "@" + ticket.realm + " in frame " + std::to_string(frame.frame) +
                         ": etype " + std::to_string(ticket.etype) +
                         (ticket.kvno ? ", kvno " + std::to_string(*ticket.kvno) : std::string()) + ".";
    });
}

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

KERBDIAG_REGISTER_RULE(weak_etype)
KERBDIAG_REGISTER_RULE(realm_referral)

}  // namespace kerbdiag
