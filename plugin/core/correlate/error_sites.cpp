#include "error_sites.h"

#include "krb_errors.h"
#include "names.h"
#include "spn.h"

namespace kerbdiag {
namespace {

bool is_error(const KerberosMessage& msg)
{
    return msg.msg_type == KrbMsgType::krb_error && msg.error_code.has_value();
}

void add_http_errors(const HttpEvent& event, std::vector<ErrorSite>& sites)
{
    if (event.is_request()) return;
    for (const auto& header : event.message->www_authenticate)
        for (const auto& msg : header.kerberos)
            if (is_error(msg)) sites.push_back(ErrorSite{&msg, Responder::web_server, nullptr, &event});
}

RuleId kdc_error_rule(const ErrorSite& site, int32_t code)
{
    const auto& request = site.kdc_reply->request;
    bool delegation = request && request->delegation();
    bool as_request = request && request->type == KrbMsgType::as_req;
    switch (code) {
    case krb_err::s_principal_unknown:
        if (is_tgs_name(error_spn(site))) return RuleId::krb_error_normal;
        if (delegation) return RuleId::backend_spn_unknown;
        return as_request ? RuleId::krb_error : RuleId::spn_unknown;
    case krb_err::principal_not_unique: return RuleId::principal_not_unique;
    case krb_err::badoption: return delegation ? RuleId::delegation_refused : RuleId::krb_error;
    case krb_err::skew: return RuleId::clock_skew;
    case krb_err::wrong_realm: return as_request ? RuleId::krb_error_normal : RuleId::krb_error;
    default: return is_normal_protocol_step(code) ? RuleId::krb_error_normal : RuleId::krb_error;
    }
}

RuleId service_error_rule(const ErrorSite& site, int32_t code)
{
    bool web = site.responder == Responder::web_server;
    switch (code) {
    case krb_err::bad_integrity:
    case krb_err::modified: return web ? RuleId::server_cannot_decrypt : RuleId::krb_error;
    case krb_err::badkeyver: return web ? RuleId::stale_key_version : RuleId::krb_error;
    case krb_err::skew: return RuleId::clock_skew;
    default: return is_normal_protocol_step(code) ? RuleId::krb_error_normal : RuleId::krb_error;
    }
}

// The Host the client asked for, or the server's address when the request was not seen.
std::string web_server_name(const HttpEvent& event)
{
    std::string host = normalize_host(event.request.host);
    return host.empty() ? event.connection->server : host;
}

std::string responder_text(const ErrorSite& site)
{
    switch (site.responder) {
    case Responder::kdc: return "the KDC";
    case Responder::web_server: {
        return "web server " + web_server_name(*site.http);
    }
    case Responder::other_service: return "the service";
    }
    return "the service";
}

RuleId error_rule(const ErrorSite& site)
{
    int32_t code = *site.error->error_code;
    return site.responder == Responder::kdc ? kdc_error_rule(site, code) : service_error_rule(site, code);
}

std::string request_name(KrbMsgType type)
{
    return type == KrbMsgType::as_req ? "AS-REQ" : type == KrbMsgType::tgs_req ? "TGS-REQ" : "request";
}

}  // namespace

std::vector<ErrorSite> error_sites(const FrameObservation& frame, const FrameContext& context)
{
    std::vector<ErrorSite> sites;
    for (const auto& reply : context.kdc_replies)
        if (is_error(*reply.message)) sites.push_back(ErrorSite{reply.message, Responder::kdc, &reply, nullptr});
    for (const auto& event : context.http) add_http_errors(event, sites);
    // Kerberos inside SMB, LDAP and other application protocols.
    for (const auto& msg : frame.kerberos)
        if (msg.carrier == KrbCarrier::other && is_error(msg))
            sites.push_back(ErrorSite{&msg, Responder::other_service, nullptr, nullptr});
    for (auto& site : sites) site.rule = error_rule(site);
    return sites;
}


void record_error_facts(const FrameContext& context, FrameDiagnosis& diagnosis)
{
    for (const auto& site : context.errors) {
        diagnosis.error_name = krb_error_name(*site.error->error_code);
        if (auto status = decode_ntstatus(site.error->e_data)) diagnosis.ntstatus = status->code;
    }
}

std::string error_spn(const ErrorSite& site)
{
    if (site.kdc_reply && site.kdc_reply->request && !site.kdc_reply->request->sname.empty())
        return site.kdc_reply->request->sname;
    if (site.http && !site.http->request.ticket_spn.empty()) return site.http->request.ticket_spn;
    return site.error->sname;
}

std::string server_identity(const KerberosMessage& error)
{
    if (error.sname.empty()) return {};
    return error.realm.empty() ? error.sname : error.sname + "@" + error.realm;
}

std::vector<uint32_t> error_related(const ErrorSite& site)
{
    if (site.kdc_reply && site.kdc_reply->request) return {site.kdc_reply->request->frame};
    if (site.http && site.http->request.frame != 0) return {site.http->request.frame};
    return {};
}

TemplateValues error_values(const ErrorSite& site)
{
    int32_t code = *site.error->error_code;
    const KrbErrorInfo* info = find_krb_error(code);
    std::string spn = error_spn(site);
    std::string realm = site.error->realm;
    if (realm.empty() && site.kdc_reply && site.kdc_reply->request) realm = site.kdc_reply->request->realm;
    TemplateValues values{
        {"error_name", krb_error_name(code)},
        {"error_code", std::to_string(code)},
        {"meaning", info ? std::string(info->meaning) : "an error this plugin has no description for"},
        {"fix", info ? std::string(info->fix) : "Read the e-text and the server's or KDC's log."},
        {"spn", spn},
        {"for_spn", spn.empty() ? "" : " for " + spn},
        {"account", ""},
        {"realm", realm},
        {"domain", netbios_domain(realm)},
        {"responder", responder_text(site)},
    };
    // An AS exchange is about the user, not about krbtgt.
    if (site.kdc_reply && site.kdc_reply->request && site.kdc_reply->request->type == KrbMsgType::as_req &&
        !site.kdc_reply->request->cname.empty()) {
        values["account"] = site.kdc_reply->request->cname;
        values["for_spn"] = " for " + site.kdc_reply->request->cname + (realm.empty() ? "" : "@" + realm);
    }
    if (site.http) values["host"] = web_server_name(*site.http);
    else if (auto host = spn_host(spn); !host.empty()) values["host"] = host;
    return values;
}

std::string error_detail(const ErrorSite& site, uint32_t frame)
{
    const KerberosMessage& error = *site.error;
    std::string text = krb_error_name(*error.error_code) + " in frame " + std::to_string(frame);
    if (site.kdc_reply && site.kdc_reply->request)
        text += " answers the " + request_name(site.kdc_reply->request->type) + " in frame " +
                std::to_string(site.kdc_reply->request->frame);
    else if (site.http && site.http->request.frame != 0)
        text += " answers the HTTP request in frame " + std::to_string(site.http->request.frame);
    text += ".";
    if (!error.e_text.empty()) text += " e-text: " + error.e_text + ".";
    if (auto status = decode_ntstatus(error.e_data)) text += " NTSTATUS: " + describe_ntstatus(status->code) + ".";
    return text;
}

}  // namespace kerbdiag
