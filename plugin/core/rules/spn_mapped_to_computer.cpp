// S2 on AD: the ticket for HTTP/<host> opens with the computer account's key
// although that account holds no such SPN (HOST/ mapping).
#include "shared.h"

namespace kerbdiag {
namespace {

bool lists_spns(const AccountFacts& account)
{
    for (const auto& principal : account.principals)
        if (principal.find('/') != std::string::npos) return true;
    return false;
}

void spn_mapped_to_computer(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_rejections(RuleId::spn_mapped_to_computer, RejectedTicket::mapped_to_computer, frame, context, out,
                      [](const AccountFacts& account, const ErrorSite& site, TemplateValues& values) {
                          // A keytab with the account's SPNs proves the mapping; one with
                          // only the account's name shows whose key it is, not why.
                          values["mapping_clause"] =
                              lists_spns(account)
                                  ? ", which holds only " + join(account.principals, ", ") +
                                        ": no account holds " + values["spn"] + " and the KDC mapped it to the computer"
                                  : " (AD does this when no account holds " + values["spn"] + ")";
                          std::string identity = server_identity(*site.error);
                          bool names_account = !identity.empty() && identity.find('/') == std::string::npos;
                          values["site_account"] = names_account ? short_name(identity) : "<site account>";
                      });
}

}  // namespace

KERBDIAG_REGISTER_RULE(spn_mapped_to_computer)

}  // namespace kerbdiag
