// S1: NTLM after Kerberos failed for the same host.
#include "krb_errors.h"
#include "names.h"
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

// Why Kerberos failed for this request's host, as the ntlm_fallback rule words it.
struct KerberosFailure {
    std::string spn;
    std::string reason;
    std::string reason_fix;
    std::string realm;
    std::vector<uint32_t> frames;   // the attempt and its failure
    std::string once_key;           // one finding per failure
};

std::optional<KerberosFailure> tgs_failure(const HttpEvent& event, const FrameContext& context)
{
    const TgsOutcome* tgs = context.tgs_for_host_or_canonical(event.connection->client, event.request.host);
    if (!tgs || !tgs->error) return std::nullopt;
    KerberosFailure failure{tgs->spn, {}, {}, tgs->realm, {tgs->request_frame, tgs->reply_frame}, {}};
    if (*tgs->error == krb_err::s_principal_unknown) {
        failure.reason = "no account holds the SPN " + tgs->spn + " (or more than one does)";
        if (is_ip_literal(tgs->host))
            failure.reason_fix = "open the site by the host name its SPN is registered for, not by the address " +
                                 tgs->host + ".";
        else
            failure.reason_fix = "check who holds it (setspn -Q " + tgs->spn + ", duplicates: setspn -X); if nobody "
                                 "does, register it on the site's account (setspn -S " + tgs->spn + " " +
                                 netbios_domain(tgs->realm) + "\\<account>).";
    } else {
        const KrbErrorInfo* info = find_krb_error(*tgs->error);
        failure.reason = "the KDC answered " + krb_error_name(*tgs->error) + " for " + tgs->spn;
        failure.reason_fix = info ? std::string(info->fix) : "see the KDC's error.";
    }
    failure.once_key = event.connection->client + "|" + std::to_string(tgs->reply_frame);
    return failure;
}

std::optional<KerberosFailure> ap_failure(const HttpEvent& event)
{
    const Connection& connection = *event.connection;
    if (!connection.kerberos_failed) return std::nullopt;
    const std::string& spn = connection.last_kerberos_request.ticket_spn;
    KerberosFailure failure{spn, "the server rejected the Kerberos ticket for " + spn,
                            "see why the server rejected the ticket (the 401 after the AP-REQ).",
                            connection.last_kerberos_request.ticket_realm,
                            {connection.last_kerberos_request.frame}, event.connection_key};
    return failure;
}

void ntlm_fallback(const FrameObservation&, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (!is_ntlm_request(event)) continue;
        auto failure = tgs_failure(event, context);
        if (!failure) failure = ap_failure(event);
        if (!failure || !context.first_time(RuleId::ntlm_fallback, failure->once_key)) continue;
        std::string host = normalize_host(event.request.host);
        Finding& finding = out.add(RuleId::ntlm_fallback, {{"host", host},
                                                     {"spn", failure->spn},
                                                     {"realm", failure->realm},
                                                     {"reason", failure->reason},
                                                     {"reason_fix", failure->reason_fix}});
        finding.related = failure->frames;
        if (event.connection->last_401_frame != 0) finding.related.push_back(event.connection->last_401_frame);
        finding.detail = "Kerberos attempt and failure: " + frames_text(failure->frames) +
                         "; the client then answered the 401 in frame " +
                         std::to_string(event.connection->last_401_frame) + " with NTLM.";
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(ntlm_fallback)

}  // namespace kerbdiag
