// S2: the keytab opens the ticket with another account's key than the one the
// web server decrypts with (keytab verdicts, TicketObservation::key).
#include "krb_errors.h"
#include "names.h"
#include "shared.h"

namespace kerbdiag {
namespace {

std::string also_holds(const AccountFacts& account)
{
    std::vector<std::string> others;
    for (const auto& principal : account.principals)
        if (principal != account.name) others.push_back(principal);
    return others.empty() ? "" : " (which also holds " + join(others, ", ") + ")";
}

constexpr RuleId wrong_account = RuleId::ticket_wrong_account;

std::string iis_clause(const AccountFacts& account, bool other_identity)
{
    if (!account.computer || !other_identity) return "";
    return " The ticket was encrypted with the computer account's key while the server decrypts with "
           "another identity: IIS kernel-mode authentication decrypts with the computer account only when "
           "useAppPoolCredentials is false; with useAppPoolCredentials=true (or kernel mode off) it uses "
           "the application pool identity.";
}

// The fix's steps: give the server the key the KDC used, or move the SPN;
// moving is offered only off an account the keytab shows holding it.
std::string fix_steps(const AccountFacts& account, const std::string& spn, const std::string& realm,
                      const std::string& server_account)
{
    std::string domain = netbios_domain(realm);
    std::string name = account_short_name(account);
    std::string key_owner = name.empty() ? "the key the keytab holds for " + join(account.principals, ", ") : name + "'s key";
    std::string steps = "Either let the site decrypt with " + key_owner + ": ";
    steps += name.empty() ? "a keytab with that key"
                          : "IIS: application pool identity " + domain + "\\" + name +
                                " with useAppPoolCredentials=true (kernel mode uses the computer account); "
                                "other servers: a keytab exported from " + name;
    steps += ".";
    std::string target = server_account.empty() ? "the account the site runs as" : domain + "\\" + server_account;
    if (!name.empty() && holds(account, spn + "@" + realm))
        steps += "\nOr move the SPN to " + target + ": setspn -D " + spn + " " + domain + "\\" + name +
                 ", then setspn -S " + spn + " " + (server_account.empty() ? domain + "\\<site account>" : target) + ".";
    else
        steps += "\nOr find who holds it (setspn -Q " + spn + ") and register it on " + target + " instead.";
    steps += "\nIf the site does run as " + (name.empty() ? std::string("that account") : name) +
             ", its keytab is older than the account's key: export it again (ktpass, or kadmin ktadd -norandkey).";
    return steps;
}

void report_wrong_account(const ErrorSite& site, const AccountFacts& account, FindingSink& out, uint32_t frame)
{
    TemplateValues values = error_values(site);
    const std::string& spn = site.http->request.ticket_spn.empty() ? values["spn"] : site.http->request.ticket_spn;
    std::string identity = server_identity(*site.error);
    bool other_identity = !identity.empty() && !iequals(identity.substr(0, spn.size()), spn) && !holds(account, identity);
    std::string name = account_short_name(account);
    values["spn"] = spn;
    values["account"] = name;
    values["account_principal"] = name.empty() ? "the account holding " + join(account.principals, ", ")
                                                : "account " + account.name;
    values["also_holds"] = name.empty() ? "" : also_holds(account);
    values["identity_clause"] = other_identity ? ", reporting itself as " + identity : "";
    values["iis_clause"] = iis_clause(account, other_identity);
    values["fix_steps"] = fix_steps(account, spn, site.http->request.ticket_realm.empty() ? values["realm"]
                                                                                           : site.http->request.ticket_realm,
                                    other_identity ? short_name(identity) : "");
    Finding& finding = out.add(wrong_account, values);
    finding.related = error_related(site);
    finding.detail = "The keytab opens the ticket sent in frame " + std::to_string(site.http->request.frame) +
                     " with the key of " + account.label + "; the server answered in frame " +
                     std::to_string(frame) + "." + values["iis_clause"];
}

void ticket_wrong_account(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    remember_opening_accounts(frame, context);
    for (const auto& site : context.errors) {
        if (site.responder != Responder::web_server || !site.http) continue;
        const HttpEvent& event = *site.http;
        const AccountFacts* account = opening_account(context, event);
        if (!account || !rejects_ticket_key(*site.error->error_code, *account, event.request)) continue;
        if (classify_rejection(*account, event.request) != RejectedTicket::wrong_account) continue;
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
