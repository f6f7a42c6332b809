// S4: a ticket for the canonical name that the alias's site rejects or the KDC
// does not know, or an alias's own SPN that the KDC does not know.
#include "krb_errors.h"
#include "names.h"
#include "shared.h"

namespace kerbdiag {
namespace {

std::string keep_alias_step()
{
    return "Or make clients keep the alias in the SPN: MIT dns_canonicalize_hostname = false; Windows: "
           "FEATURE_USE_CNAME_FOR_SPN.";
}

std::string a_record_step(const TemplateValues& v)
{
    return "Replace the CNAME by an A record for " + v.at("host") + ": clients then ask for " + v.at("alias_spn") +
           ", which the account the site " + v.at("host") + " runs as must hold (setspn -Q " + v.at("alias_spn") +
           "; setspn -S " + v.at("alias_spn") + " " + v.at("domain") + "\\<site account>).";
}

// The client used the canonical name's SPN for the alias's site.
std::string canonical_fix(const TemplateValues& v, bool spn_unknown)
{
    std::string steps = a_record_step(v) + "\n";
    if (spn_unknown)
        steps += "Or register " + v.at("spn") + " on the account the site " + v.at("host") +
                 " runs as: setspn -S " + v.at("spn") + " " + v.at("domain") + "\\<site account>.\n";
    else
        steps += "Or register " + v.at("spn") + " on the account the site " + v.at("host") + " runs as, taking it from " +
                 v.at("holder") + " (setspn -Q " + v.at("spn") + "), but only when no other site on " +
                 v.at("canonical") + " needs it.\n";
    return steps + keep_alias_step();
}

// The client kept the alias, whose SPN nobody holds.
std::string alias_fix(const TemplateValues& v)
{
    return "Register " + v.at("spn") + " on the account the site runs as: setspn -S " + v.at("spn") + " " +
           v.at("domain") + "\\<site account> (the computer account " + v.at("domain") + "\\" +
           v.at("canonical_computer") + "$ when the site on " + v.at("canonical") + " runs as a built-in identity).\n"
           "Or use " + v.at("canonical") + " in the URL, or let clients resolve the CNAME "
           "(MIT dns_canonicalize_hostname = true), so that they ask for " + v.at("canonical_spn") + ".";
}

TemplateValues names(const std::string& alias, const std::string& canonical, const std::string& spn,
                     const std::string& realm)
{
    std::string computer = canonical.substr(0, canonical.find('.'));
    for (auto& c : computer) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return {{"host", alias},
            {"canonical", canonical},
            {"spn", spn},
            {"alias_spn", http_spn_for_host(alias)},
            {"canonical_spn", http_spn_for_host(canonical)},
            {"canonical_computer", computer},
            {"realm", realm},
            {"domain", netbios_domain(realm)}};
}

void report(FindingSink& out, TemplateValues values, std::vector<uint32_t> related, std::string detail)
{
    Finding& finding = out.add(RuleId::cname_spn_failed, values);
    finding.related = std::move(related);
    finding.detail = std::move(detail);
}

// The alias's site rejected the ticket for the canonical name.
void rejected_canonical_ticket(const ErrorSite& site, FrameContext& context, FindingSink& out)
{
    int32_t code = *site.error->error_code;
    if (!is_wrong_key_error(code) && code != krb_err::badkeyver) return;
    const HttpRequestInfo& request = site.http->request;
    std::string alias = normalize_host(request.host);
    std::string canonical = context.canonical_name(alias);
    std::string ticket_host = spn_host(request.ticket_spn);
    if (canonical.empty() || same_host(alias, ticket_host) || !same_host(canonical, ticket_host)) return;
    const AccountFacts* account = opening_account(context, *site.http);
    std::string holder = account && !account_short_name(*account).empty() ? account_short_name(*account)
                                                                           : "the account that holds it";
    TemplateValues values = names(alias, canonical, request.ticket_spn, request.ticket_realm);
    values["holder"] = holder;
    values["account"] = account ? account_short_name(*account) : "";
    values["story"] = "the client asked for the canonical name's " + request.ticket_spn + ", whose ticket is for " +
                      holder + ": the site " + alias + " rejected it (" + krb_error_name(*site.error->error_code) + ")";
    values["fix_steps"] = canonical_fix(values, false);
    const DnsName* dns = context.dns(alias);
    std::vector<uint32_t> related = error_related(site);
    if (dns && dns->frame) related.insert(related.begin(), dns->frame);
    report(out, values, related,
           "DNS answered " + alias + " CNAME " + canonical + (dns ? " in frame " + std::to_string(dns->frame) : "") +
               "; the ticket sent in frame " + std::to_string(request.frame) + " is for " + request.ticket_spn + ".");
}

// The KDC knows no account for the SPN of an alias, or of the canonical name
// of an alias the client asked for.
void unknown_spn(const ErrorSite& site, FrameContext& context, FindingSink& out)
{
    const KdcReply& reply = *site.kdc_reply;
    std::string spn = error_spn(site);
    std::string host = spn_host(spn);
    if (host.empty() || is_tgs_name(spn)) return;
    std::string realm = reply.request ? reply.request->realm : reply.message->realm;
    std::vector<uint32_t> related = error_related(site);
    if (std::string canonical = context.canonical_name(host); !canonical.empty() && !same_host(canonical, host)) {
        TemplateValues values = names(host, canonical, spn, realm);
        values["story"] = "the client kept the alias: no account holds " + spn + " (KDC_ERR_S_PRINCIPAL_UNKNOWN)";
        values["fix_steps"] = alias_fix(values);
        const DnsName* dns = context.dns(host);
        if (dns && dns->frame) related.insert(related.begin(), dns->frame);
        report(out, values, related, "DNS answered " + host + " CNAME " + canonical + "; the KDC does not know " + spn + ".");
        return;
    }
    for (const auto& alias : context.aliases_of(host)) {
        if (!context.client_asked_host(reply.client, alias)) continue;
        TemplateValues values = names(alias, host, spn, realm);
        values["story"] = "the client asked for the canonical name's " + spn +
                          ", which no account holds (KDC_ERR_S_PRINCIPAL_UNKNOWN)";
        values["fix_steps"] = canonical_fix(values, true);
        if (const DnsName* dns = context.dns(alias); dns && dns->frame) related.insert(related.begin(), dns->frame);
        report(out, values, related,
               "DNS answered " + alias + " CNAME " + host + "; the client asked for Host " + alias +
                   " and the KDC does not know " + spn + ".");
        return;
    }
}

void cname_spn_failed(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    remember_opening_accounts(frame, context);
    for (const auto& site : context.errors) {
        if (!site.error->error_code) continue;
        if (site.responder == Responder::web_server && site.http) rejected_canonical_ticket(site, context, out);
        if (site.responder == Responder::kdc && site.kdc_reply && *site.error->error_code == krb_err::s_principal_unknown)
            unknown_spn(site, context, out);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(cname_spn_failed)

}  // namespace kerbdiag
