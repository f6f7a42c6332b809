// S2: the keytab opens the ticket with another account's key than the one the
// web server decrypts with (keytab verdicts, TicketObservation::key).
#include "krb_errors.h"
#include "names.h"
#include "shared.h"

namespace kerbdiag {
namespace {

bool holds(const AccountFacts& account, std::string_view principal)
{
    for (const auto& own : account.principals)
        if (iequals(own, principal)) return true;
    return false;
}

std::string also_holds(const AccountFacts& account)
{
    std::vector<std::string> others;
    for (const auto& principal : account.principals)
        if (principal != account.name) others.push_back(principal);
    return others.empty() ? "" : " (which also holds " + join(others, ", ") + ")";
}

constexpr RuleId wrong_account = RuleId::ticket_wrong_account;

bool means_wrong_key(int32_t code)
{
    return code == krb_err::bad_integrity || code == krb_err::not_us || code == krb_err::badmatch ||
           code == krb_err::modified;
}

// BADKEYVER means another account's key only when the account that opens
// the ticket does not hold the ticket's SPN; otherwise the server's key is
// merely out of date (S12, stale_key_version).
bool means_other_account(int32_t code, const AccountFacts& account, const HttpRequestInfo& request)
{
    if (means_wrong_key(code)) return true;
    return code == krb_err::badkeyver && !request.ticket_spn.empty() &&
           !holds(account, request.ticket_spn + "@" + request.ticket_realm);
}

// At the request: which account opened the ticket it carries, for the answer.
struct OpeningAccount {
    uint32_t account_id = 0;   // AccountDirectory id; 0 = none
};

void remember_request_accounts(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.message->authorization) continue;
        for (const auto& msg : event.message->authorization->kerberos)
            for (const auto& ticket : msg.tickets) {
                if (!opened(ticket.key)) continue;
                context.accounts().remember(ticket.key);
                context.state<OpeningAccount>(wrong_account, event.connection_key + "|" + std::to_string(frame.frame))
                    .account_id = ticket.key.account_id;
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
        uint32_t id =
            context.state<OpeningAccount>(wrong_account, event.connection_key + "|" + std::to_string(event.request.frame))
                .account_id;
        const AccountFacts* account = context.accounts().find(id);
        if (!account || !means_other_account(*site.error->error_code, *account, event.request)) continue;
        std::string identity = server_identity(*site.error);
        // The server names the very account that opens the ticket: its key is stale, not another account's.
        if (!identity.empty() && holds(*account, identity) && !iequals(identity.substr(0, event.request.ticket_spn.size()), event.request.ticket_spn))
            continue;
        report_wrong_account(site, *account, out, frame.frame);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(ticket_wrong_account)

}  // namespace kerbdiag
