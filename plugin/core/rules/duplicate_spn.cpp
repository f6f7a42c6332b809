// S3: tickets for one SPN open with the keys of two accounts (keytab verdicts).
#include "names.h"
#include "shared.h"

#include <algorithm>

namespace kerbdiag {
namespace {

// The first account a ticket for this SPN opened with.
struct FirstOpening {
    uint32_t account_id = 0;
    std::vector<uint32_t> frames;
};

std::string full_spn(const TicketObservation& ticket) { return ticket.sname + "@" + ticket.realm; }

constexpr RuleId duplicate_spn_id = RuleId::duplicate_spn;

void report_duplicate(const TicketObservation& ticket, const AccountFacts& first, const AccountFacts& second,
                      const FirstOpening& first_seen, uint32_t frame, FindingSink& out)
{
    TemplateValues values{{"spn", ticket.sname},
                          {"realm", ticket.realm},
                          {"domain", netbios_domain(ticket.realm)},
                          {"account", short_name(second.name)},
                          {"first_account", short_name(first.name)},
                          {"second_account", short_name(second.name)}};
    Finding& finding = out.add(duplicate_spn_id, values);
    finding.related = first_seen.frames;
    finding.detail = "Tickets for " + full_spn(ticket) + " open with " + first.name + "'s key in " +
                     frames_text(first_seen.frames) + " and with " + second.name + "'s key in frame " +
                     std::to_string(frame) + ".";
}

void duplicate_spn(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for_each_ticket(frame, [&](const TicketObservation& ticket) {
        if (!opened(ticket.key) || ticket.sname.empty()) return;
        context.accounts().remember(ticket.key);
        auto& first_seen = context.state<FirstOpening>(duplicate_spn_id, "first|" + full_spn(ticket));
        if (first_seen.frames.empty()) {
            first_seen.account_id = ticket.key.account_id;
            add_frame(first_seen.frames, frame.frame);
            return;
        }
        const AccountFacts* first = context.accounts().find(first_seen.account_id);
        const AccountFacts* second = context.accounts().find(ticket.key.account_id);
        // The same account at another kvno (password change) is S12, not a duplicate.
        if (!first || !second || first == second || iequals(first->name, second->name)) return;
        std::string pair = std::to_string(std::min(first_seen.account_id, ticket.key.account_id)) + "|" +
                           std::to_string(std::max(first_seen.account_id, ticket.key.account_id));
        if (!context.first_time(duplicate_spn_id, full_spn(ticket) + "|" + pair)) return;
        report_duplicate(ticket, *first, *second, first_seen, frame.frame, out);
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(duplicate_spn)

}  // namespace kerbdiag
