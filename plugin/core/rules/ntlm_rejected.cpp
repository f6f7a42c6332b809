// S7: the server refused NTLM (a 401 without a challenge to an NTLM NEGOTIATE).
#include "names.h"
#include "shared.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {
namespace {

bool spnego_reject(const HttpMessage& response)
{
    return std::any_of(response.www_authenticate.begin(), response.www_authenticate.end(),
                       [](const AuthHeader& header) { return header.neg_result == 2u; });
}

void ntlm_rejected(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& event : context.http) {
        if (event.is_request() || !ntlm_refused(event.request, *event.message)) continue;
        const Connection& connection = *event.connection;
        std::string host = normalize_host(event.request.host);
        if (host.empty()) host = connection.server;
        std::string spn = http_spn_for_host(host);
        std::string kerberos_step =
            connection.ntlm_fallback
                ? "Fix the Kerberos failure the client fell back from (the earlier KRB-ERROR or rejected "
                  "ticket for " + host + "): with Kerberos working, NTLM is not needed"
                : "Let the client use Kerberos for the site: it must ask for a ticket for " + spn +
                      " (browser: Local intranet or Trusted sites zone with automatic logon, or "
                      "AuthServerAllowlist; check with klist get " + spn + ")";
        Finding& finding = out.add(RuleId::ntlm_rejected, {{"host", host}, {"spn", spn}, {"kerberos_step", kerberos_step}});
        if (event.request.frame != 0) finding.related = {event.request.frame};
        bool in_negotiate = iequals(event.request.auth_scheme, "Negotiate");
        finding.detail = "The 401 in frame " + std::to_string(frame.frame) + " answers the NTLM NEGOTIATE" +
                         (in_negotiate ? " inside Negotiate" : "") +
                         (event.request.frame != 0 ? " in frame " + std::to_string(event.request.frame) : "") +
                         " without an NTLM challenge" + (spnego_reject(*event.message) ? " (SPNEGO reject, negState 2)" : "") +
                         (offers_negotiate(*event.message) ? "; it offers Negotiate" : "") + ".";
        if (connection.ntlm_fallback)
            append_sentence(finding.detail, "The NTLM attempt was a fallback after Kerberos failed for " + host);
    }
}

}  // namespace

KERBDIAG_REGISTER_RULE(ntlm_rejected)

}  // namespace kerbdiag
