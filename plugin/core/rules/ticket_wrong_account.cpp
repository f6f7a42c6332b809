// S2, S3: which account a ticket was really encrypted for (keytab verdicts,
// TicketObservation::key), compared with what the server says and with the
// account the same SPN opened with earlier.
#include "error_sites.h"
#include "names.h"
#include "rule.h"

#include <unordered_map>

namespace kerbdiag {
namespace {

// Account facts by KeyVerdict::account_id. This is keytab state, not capture
// state: an id names the same account for as long as the keytab is loaded,
// and a reload (which re-dissects) overwrites ids as new verdicts arrive.
// Capture memory stays in the correlator's tallies, which hold only ids.
struct AccountFacts {
    std::string name, label;
    std::vector<std::string> principals;
    bool computer = false;
};

class AccountDirectory {
public:
    void remember(const KeyVerdict& verdict)
    {
        if (verdict.account_id == 0) return;
        if (accounts_.size() > max_accounts) accounts_.clear();
        auto [entry, added] = accounts_.try_emplace(verdict.account_id);
        if (!added && entry->second.label == verdict.account) return;  // the usual case: nothing to copy
        entry->second = {verdict.account_name, verdict.account, verdict.principals, verdict.computer_account};
    }
    const AccountFacts* find(uint32_t id) const
    {
        auto found = accounts_.find(id);
        return found == accounts_.end() ? nullptr : &found->second;
    }

private:
    static constexpr size_t max_accounts = 1u << 16;
    std::unordered_map<uint32_t, AccountFacts> accounts_;
};

AccountDirectory& directory()
{
    static AccountDirectory instance;
    return instance;
}

bool opened(const KeyVerdict& verdict)
{
    return verdict.kind == KeyVerdictKind::decrypted || verdict.kind == KeyVerdictKind::kvno_mismatch;
}

std::string full_spn(const TicketObservation& ticket) { return ticket.sname + "@" + ticket.realm; }

bool holds(const AccountFacts& account, std::string_view principal)
{
    for (const auto& own : account.principals)
        if (iequals(own, principal)) return true;
    return false;
}

// The account name as admins type it: "svc_web@EXAMPLE.TEST" -> "svc_web".
std::string short_name(const std::string& principal) { return principal.substr(0, principal.rfind('@')); }

std::string also_holds(const AccountFacts& account)
{
    std::string others;
    for (const auto& principal : account.principals) {
        if (principal == account.name) continue;
        others += (others.empty() ? "" : ", ") + principal;
    }
    return others.empty() ? "" : " (which also holds " + others + ")";
}

// ---- ticket_wrong_account -------------------------------------------------------

constexpr RuleId wrong_account = RuleId::ticket_wrong_account;

bool means_wrong_key(int32_t code)
{
    return code == 31 /* BAD_INTEGRITY */ || code == 35 /* NOT_US */ || code == 36 /* BADMATCH */ ||
           code == 41 /* MODIFIED */;
}

// BADKEYVER (44) means another account's key only when the account that opens
// the ticket does not hold the ticket's SPN; otherwise the server's key is
// merely out of date (S12, stale_key_version).
bool means_other_account(int32_t code, const AccountFacts& account, const HttpRequestInfo& request)
{
    if (means_wrong_key(code)) return true;
    return code == 44 && !request.ticket_spn.empty() &&
           !holds(account, request.ticket_spn + "@" + request.ticket_realm);
}

// At the request: which account opened the ticket it carries, for the answer.
void remember_request_accounts(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.message->authorization) continue;
        for (const auto& msg : event.message->authorization->kerberos)
            for (const auto& ticket : msg.tickets) {
                if (!opened(ticket.key)) continue;
                directory().remember(ticket.key);
                // count holds the account id (see AccountDirectory).
                context.tally(wrong_account, event.connection_key + "|" + std::to_string(frame.frame)).count =
                    ticket.key.account_id;
            }
    }
}

std::string iis_clause(const AccountFacts& account, bool other_identity)
{
    if (!account.computer || !other_identity) return "";
    return " The ticket was encrypted with the computer account's key while the server decrypts with "
           "another identity: IIS kernel-mode authentication decrypts with the computer account only when "
           "useAppPoolCredentials is false; with useAppPoolCredentials=true (or kernel mode off) it uses "
           "the application pool identity.";
}

void report_wrong_account(const ErrorSite& site, const AccountFacts& account, FindingSink& out, uint32_t frame)
{
    TemplateValues values = error_values(site);
    const std::string& spn = site.http->request.ticket_spn.empty() ? values["spn"] : site.http->request.ticket_spn;
    std::string identity = server_identity(*site.error);
    bool other_identity = !identity.empty() && !iequals(identity.substr(0, spn.size()), spn) && !holds(account, identity);
    values["spn"] = spn;
    values["account"] = short_name(account.name);
    values["account_principal"] = account.name;
    values["also_holds"] = also_holds(account);
    values["identity_clause"] = other_identity ? ", reporting itself as " + identity : "";
    values["server_identity"] = other_identity ? short_name(identity) : "<account the server runs as>";
    values["iis_clause"] = iis_clause(account, other_identity);
    Finding& finding = out.add(wrong_account, values);
    finding.related = error_related(site);
    finding.detail = "The keytab opens the ticket sent in frame " + std::to_string(site.http->request.frame) +
                     " with the key of " + account.label + "; the server answered in frame " +
                     std::to_string(frame) + "." + values["iis_clause"];
}

void ticket_wrong_account(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    remember_request_accounts(frame, context);
    for (const auto& site : context.errors) {
        if (site.responder != Responder::web_server || !site.http) continue;
        const HttpEvent& event = *site.http;
        uint32_t id = context.tally(wrong_account, event.connection_key + "|" + std::to_string(event.request.frame)).count;
        const AccountFacts* account = directory().find(id);
        if (!account || !means_other_account(*site.error->error_code, *account, event.request)) continue;
        std::string identity = server_identity(*site.error);
        // The server names the very account that opens the ticket: its key is stale, not another account's.
        if (!identity.empty() && holds(*account, identity) && !iequals(identity.substr(0, event.request.ticket_spn.size()), event.request.ticket_spn))
            continue;
        report_wrong_account(site, *account, out, frame.frame);
    }
}

// ---- duplicate_spn ------------------------------------------------------------------

constexpr RuleId duplicate_spn_id = RuleId::duplicate_spn;

void report_duplicate(const TicketObservation& ticket, const AccountFacts& first, const AccountFacts& second,
                      const RuleTally& first_seen, uint32_t frame, FindingSink& out)
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
        directory().remember(ticket.key);
        // count holds the id of the first account this SPN opened with.
        RuleTally& first_seen = context.tally(duplicate_spn_id, "first|" + full_spn(ticket));
        if (first_seen.frames.empty()) {
            first_seen.count = ticket.key.account_id;
            first_seen.add_frame(frame.frame);
            return;
        }
        const AccountFacts* first = directory().find(first_seen.count);
        const AccountFacts* second = directory().find(ticket.key.account_id);
        // The same account at another kvno (password change) is S12, not a duplicate.
        if (!first || !second || first == second || iequals(first->name, second->name)) return;
        std::string pair = std::to_string(std::min(first_seen.count, ticket.key.account_id)) + "|" +
                           std::to_string(std::max(first_seen.count, ticket.key.account_id));
        if (!context.first_time(duplicate_spn_id, full_spn(ticket) + "|" + pair)) return;
        report_duplicate(ticket, *first, *second, first_seen, frame.frame, out);
    });
}

}  // namespace

KERBDIAG_RULE_FILE(keyed_accounts)
KERBDIAG_REGISTER_RULE(ticket_wrong_account)
KERBDIAG_REGISTER_RULE(duplicate_spn)

}  // namespace kerbdiag
