// S6: the URL names an IP address, for which no SPN exists.
//
// Reported where the capture shows that Kerberos to the address did not
// work: the KDC's error for HTTP/<address>, an NTLM answer to an offer of
// Negotiate, or the failed end of the exchange. A request by address alone
// proves nothing (Kerberos may still work by a name, or with an IP SPN).
#include "krb_errors.h"
#include "names.h"
#include "shared.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

// A name the capture showed for an address: a DNS answer, or a request by
// name to that server.
struct KnownName {
    std::string name;
    uint32_t frame = 0;
};

void remember_names(const FrameObservation& frame, FrameContext& context)
{
    for (const auto& dns : frame.dns)
        for (const auto& record : dns.answers)
            if ((record.type == 1 || record.type == 28) && !record.name.empty())
                context.state<KnownName>(RuleId::ip_literal_host, "name|" + record.value) =
                    KnownName{normalize_host(record.name), frame.frame};
    for (const auto& event : context.http) {
        if (!event.is_request()) continue;
        std::string host = normalize_host(event.request.host);
        if (host.empty() || is_ip_literal(host)) continue;
        context.state<KnownName>(RuleId::ip_literal_host, "name|" + event.connection->server) =
            KnownName{host, frame.frame};
    }
}

void report(const std::string& client, const std::string& address, const std::string& evidence,
            std::vector<uint32_t> related, FrameContext& context, FindingSink& out)
{
    if (!context.first_time(RuleId::ip_literal_host, client + "|" + address)) return;
    const KnownName& known = context.state<KnownName>(RuleId::ip_literal_host, "name|" + address);
    std::string name_hint =
        known.name.empty() ? "" : " (the capture shows " + address + " as " + known.name + ", frame " +
                                      std::to_string(known.frame) + ")";
    Finding& finding = out.add(RuleId::ip_literal_host, {{"host", address}, {"name_hint", name_hint}});
    finding.related = std::move(related);
    finding.detail = evidence;
    if (!known.name.empty()) finding.related.push_back(known.frame);
    std::sort(finding.related.begin(), finding.related.end());
}

void ip_literal_host(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    // The KDC has no SPN for the address.
    for (const auto& reply : context.kdc_replies) {
        if (!reply.message->error_code || !reply.request || reply.request->type != KrbMsgType::tgs_req) continue;
        std::string address = spn_host(reply.request->sname);
        if (!is_ip_literal(address)) continue;
        report(reply.client, address,
               "The client asked for " + reply.request->sname + " (frame " + std::to_string(reply.request->frame) +
                   ") and the KDC answered " + krb_error_name(*reply.message->error_code) + " in frame " +
                   std::to_string(frame.frame) + ".",
               {reply.request->frame}, context, out);
    }
    // The client answered an offer of Negotiate to the address with NTLM.
    for (const auto& event : context.http) {
        if (!is_ntlm_request(event) || !event.connection->last_401_offered_negotiate) continue;
        std::string address = normalize_host(event.request.host);
        if (!is_ip_literal(address)) continue;
        report(event.connection->client, address,
               "The 401 in frame " + std::to_string(event.connection->last_401_frame) +
                   " offered Negotiate; the client answered with NTLM in frame " + std::to_string(frame.frame) + ".",
               {event.connection->last_401_frame}, context, out);
    }
    // The exchange with the address failed.
    if (const HttpEvent* event = failed_exchange(context, out)) {
        std::string address = normalize_host(event->request.host);
        if (is_ip_literal(address))
            report(event->connection->client, address,
                   "Authentication to " + address + " failed in frame " + std::to_string(frame.frame) + ".",
                   event->request.frame != 0 && event->request.frame != frame.frame
                       ? std::vector<uint32_t>{event->request.frame}
                       : std::vector<uint32_t>{},
                   context, out);
    }
    remember_names(frame, context);
}

}  // namespace

KERBDIAG_REGISTER_RULE(ip_literal_host)

}  // namespace kerbdiag
