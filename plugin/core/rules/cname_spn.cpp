// S4: the URL names a CNAME alias, the ticket is for the canonical name.
#include "names.h"
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

void cname_spn(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_kerberos_request(event)) continue;
        std::string host = normalize_host(event.request.host);
        std::string ticket_host = spn_host(event.request.ticket_spn);
        std::string canonical = context.canonical_name(host);
        if (canonical.empty() || same_host(host, ticket_host) || !same_host(canonical, ticket_host)) continue;
        if (!context.first_time(RuleId::cname_spn, event.connection_key)) continue;
        const std::string& realm = event.request.ticket_realm;
        Finding& finding = out.add(RuleId::cname_spn, {{"host", host},
                                                 {"canonical", canonical},
                                                 {"spn", event.request.ticket_spn},
                                                 {"alias_spn", http_spn_for_host(host)},
                                                 {"realm", realm},
                                                 {"domain", netbios_domain(realm)}});
        const DnsName* dns = context.dns(host);
        const TgsOutcome* tgs = context.tgs_for_host(event.connection->client, ticket_host);
        finding.related = {dns->frame};
        finding.detail = host + " is a CNAME of " + canonical + " (frame " + std::to_string(dns->frame) + ")";
        if (tgs && tgs->request_frame < frame.frame) {
            finding.related.push_back(tgs->request_frame);
            finding.detail += "; TGS-REQ for " + tgs->spn + " in frame " + std::to_string(tgs->request_frame);
        }
        finding.detail += "; the request went to Host " + event.request.host + ".";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(cname_spn)

}  // namespace kerbdiag
