#include "shared.h"

#include "names.h"
#include "krb_errors.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

// The TGS-REQ that got the ticket, before the HTTP request that sent it.
void add_tgs_frame(const ErrorSite& site, const FrameContext& context, Finding& finding)
{
    const auto& request = site.http->request;
    const TgsOutcome* tgs = context.tgs_for_host(site.http->connection->client, spn_host(request.ticket_spn));
    if (tgs && tgs->request_frame < request.frame) finding.related.insert(finding.related.begin(), tgs->request_frame);
}

void fill_server_identity(const ErrorSite& site, TemplateValues& values)
{
    values["ticket_spn"] = values["spn"].empty() ? "an SPN not seen in the capture" : values["spn"];
    std::string identity = server_identity(*site.error);
    bool names_other = !identity.empty() && identity.find(values["spn"]) != 0;
    values["identity_clause"] = names_other ? "; the server identifies itself as " + identity : "";
    // An identity without a '/' is an account name: the account to move the SPN to.
    bool is_account = !site.error->sname.empty() && site.error->sname.find('/') == std::string::npos;
    values["account"] = is_account ? site.error->sname : "";
    values["account_hint"] = is_account ? site.error->sname : "<account the server runs as>";
}

void add_ticket_facts(const ErrorSite& site, const FrameContext& context, Finding& finding)
{
    add_tgs_frame(site, context, finding);
    const auto& request = site.http->request;
    if (request.ticket_kvno)
        finding.detail += " The ticket has kvno " + std::to_string(*request.ticket_kvno) + " and etype " +
                          std::to_string(request.ticket_etype) + ".";
    if (std::string identity = server_identity(*site.error); !identity.empty())
        finding.detail += " The server reports its identity as " + identity + ".";
}

}  // namespace

namespace {

struct OpeningAccount {
    uint32_t account_id = 0;  // AccountDirectory id; 0 = none
};

std::string request_key(const std::string& connection_key, uint32_t request_frame)
{
    return connection_key + "|" + std::to_string(request_frame);
}

std::string first_label(std::string_view host) { return normalize_host(host.substr(0, host.find('.'))); }

}  // namespace

void remember_opening_accounts(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& event : context.http) {
        if (!event.is_request() || !event.message->authorization) continue;
        for (const auto& msg : event.message->authorization->kerberos)
            for (const auto& ticket : msg.tickets) {
                if (!opened(ticket.key)) continue;
                context.accounts().remember(ticket.key);
                context.state<OpeningAccount>(RuleId::ticket_wrong_account, request_key(event.connection_key, frame.frame))
                    .account_id = ticket.key.account_id;
            }
    }
}

const AccountFacts* opening_account(FrameContext& context, const HttpEvent& response)
{
    if (response.request.frame == 0) return nullptr;
    uint32_t id = context.state<OpeningAccount>(RuleId::ticket_wrong_account,
                                                request_key(response.connection_key, response.request.frame))
                      .account_id;
    return context.accounts().find(id);
}

bool holds(const AccountFacts& account, std::string_view principal)
{
    for (const auto& own : account.principals)
        if (iequals(own, principal)) return true;
    return false;
}

bool is_wrong_key_error(int32_t code)
{
    using namespace krb_err;
    return code == bad_integrity || code == not_us || code == badmatch || code == modified;
}

bool rejects_ticket_key(int32_t code, const AccountFacts& account, const HttpRequestInfo& request)
{
    if (is_wrong_key_error(code)) return true;
    return code == krb_err::badkeyver && !request.ticket_spn.empty() &&
           !holds(account, request.ticket_spn + "@" + request.ticket_realm);
}

std::string computer_host_label(const AccountFacts& account)
{
    if (!account.computer) return {};
    std::string name = account.name.substr(0, account.name.rfind('@'));
    if (name.empty() || name.back() != '$' || name.find('/') != std::string::npos) return {};
    return first_label(name.substr(0, name.size() - 1));
}

std::string account_short_name(const AccountFacts& account)
{
    std::string name = short_name(account.name);
    return name.find('/') == std::string::npos ? name : std::string();
}

RejectedTicket classify_rejection(const AccountFacts& account, const HttpRequestInfo& request)
{
    std::string spn_host_name = spn_host(request.ticket_spn);
    bool own_host = !spn_host_name.empty() && computer_host_label(account) == first_label(spn_host_name);
    bool holds_spn = holds(account, request.ticket_spn + "@" + request.ticket_realm);
    auto service = parse_spn(request.ticket_spn);
    bool host_service = service && iequals(service->service, "host");
    // AD encrypts HTTP/x (and the other mapped services) for the computer
    // account x$ when no account holds it: the ticket opens with x$'s key
    // although x$ holds only HOST/x.
    if (own_host && !holds_spn && !host_service) return RejectedTicket::mapped_to_computer;
    // The host's own account, asked for by the host's own name, and its current
    // key opens the ticket: the server's copy of that key is what is wrong.
    if (own_host && same_host(request.host, spn_host_name)) return RejectedTicket::server_key_stale;
    return RejectedTicket::wrong_account;
}

void fill_front_end(const ErrorSite& site, TemplateValues& values)
{
    const auto& request = site.kdc_reply->request;
    bool known = request && !request->front_end.empty();
    values["front_end"] = known ? request->front_end : std::string("the front-end service");
    values["account"] = known ? request->front_end : std::string();
    // A front end known only by its SPN has an account the capture does not name.
    bool is_account = known && request->front_end.find('/') == std::string::npos;
    values["front_end_account"] = is_account ? request->front_end : std::string("<front-end account>");
}

void report_server_error(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                         FindingSink& out)
{
    report_errors(rule_id, frame, context, out, fill_server_identity,
                  [&context](const ErrorSite& site, Finding& finding) { add_ticket_facts(site, context, finding); });
}

}  // namespace kerbdiag

namespace kerbdiag {

bool opened_by_one_of(const KeytabFact& fact, const TicketObservation& ticket)
{
    return opened(ticket.key) &&
           std::find(fact.account_ids.begin(), fact.account_ids.end(), ticket.key.account_id) != fact.account_ids.end();
}

Finding& add_keytab_finding(RuleId rule_id, const KeytabFact& fact, const TemplateValues& values,
                            const std::string& ticket_detail, FindingSink& out)
{
    Finding& finding = out.add(rule_id, values);
    finding.detail = ticket_detail;
    append_sentence(finding.detail, "In the keytab: " + fact.detail);
    return finding;
}

std::string ticket_in_frame(const TicketObservation& ticket, uint32_t frame)
{
    return ticket.sname + "@" + ticket.realm + " in frame " + std::to_string(frame);
}

}  // namespace kerbdiag
