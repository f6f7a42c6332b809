// S17: a ticket with a weak encryption type.
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

}  // namespace

KERBDIAG_REGISTER_RULE(weak_etype)

}  // namespace kerbdiag
