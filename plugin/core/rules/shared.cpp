#include "shared.h"

#include "names.h"

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

void fill_front_end(const ErrorSite& site, TemplateValues& values)
{
    const auto& request = site.kdc_reply->request;
    bool known = request && !request->front_end.empty();
    values["front_end"] = known ? request->front_end : std::string("the front-end service");
    values["account"] = known ? request->front_end : std::string();
}

void report_server_error(RuleId rule_id, const FrameObservation& frame, const FrameContext& context,
                         FindingSink& out)
{
    report_errors(rule_id, frame, context, out, fill_server_identity,
                  [&context](const ErrorSite& site, Finding& finding) { add_ticket_facts(site, context, finding); });
}

}  // namespace kerbdiag
