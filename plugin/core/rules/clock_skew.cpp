// S10: KRB_AP_ERR_SKEW, with the offset between the two clocks.
#include "error_sites.h"

#include <cstdlib>

namespace kerbdiag {
namespace {

struct Skew {
    int64_t seconds = 0;      // responder minus client
    bool from_ctime = false;  // measured against the request's ctime, not the capture time
};

std::optional<Skew> measure_skew(const KerberosMessage& error, const FrameObservation& frame)
{
    if (!error.stime) return std::nullopt;
    if (error.ctime) return Skew{*error.stime - *error.ctime, true};
    return Skew{*error.stime - frame.time_sec, false};
}

std::string duration_text(int64_t seconds)
{
    int64_t magnitude = std::llabs(seconds);
    std::string text = std::to_string(magnitude) + " s";
    if (magnitude >= 60) {
        text += " (" + std::to_string(magnitude / 3600) + "h " + std::to_string(magnitude / 60 % 60) + "m " +
                std::to_string(magnitude % 60) + "s)";
    }
    return text;
}

std::string skew_detail(const Skew& skew, const std::string& responder)
{
    std::string text = " The clock of " + responder + " is " + duration_text(skew.seconds) +
                       (skew.seconds >= 0 ? " ahead of " : " behind ");
    text += skew.from_ctime ? "the client's (stime vs the request's ctime)."
                            : "the capture's clock (stime vs capture time; the capture machine's clock "
                              "stands in for the client's).";
    return text;
}

void clock_skew(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    report_errors(RuleId::clock_skew, frame, context, out, no_extra_values, [&](const ErrorSite& site, Finding& finding) {
        auto skew = measure_skew(*site.error, frame);
        if (!skew) return;
        out.diagnosis().skew_seconds = skew->seconds;
        finding.detail += skew_detail(*skew, error_values(site)["responder"]);
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(clock_skew)

}  // namespace kerbdiag
