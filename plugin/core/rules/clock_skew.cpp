// S10: KRB_AP_ERR_SKEW. Each party's clock is compared with the capture
// clock on its own: the KRB-ERROR's stime with the error's capture time
// (the responder), the request's time -- the ctime the error echoes, or the
// AS-REQ's PA-ENC-TIMESTAMP opened with the client's key -- with the
// request's capture time (the client). The finding names the clock that
// disagrees, by how much, or says that the capture cannot tell.
#include "error_sites.h"

#include <cstdlib>

namespace kerbdiag {
namespace {

// Clocks within this of the capture clock agree with it: stime has whole
// seconds, and the request and its error are a round trip apart.
constexpr int64_t agree_within = 5;

// A successful AS exchange of a client address seen earlier in the capture.
struct Logon {
    uint32_t frame = 0;
    std::string cname;
};

struct Clocks {
    std::string client;                 // "client 10.0.0.100"
    std::string responder;              // "the KDC 10.0.0.10", "web server web01.example.test (10.0.0.21)"
    std::optional<int64_t> responder_offset;
    std::optional<int64_t> client_offset;
    std::string client_source;          // where the client's time was read
    bool as_request = false;
    bool tgs_request = false;
};

bool off(const std::optional<int64_t>& offset) { return offset && std::llabs(*offset) > agree_within; }
bool agrees(const std::optional<int64_t>& offset) { return offset && !off(offset); }

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

// "600 s (0h 10m 0s) ahead of" / "behind"
std::string offset_text(int64_t seconds)
{
    return duration_text(seconds) + (seconds >= 0 ? " ahead of" : " behind");
}

Clocks read_clocks(const ErrorSite& site, const FrameObservation& frame)
{
    Clocks clocks;
    const KerberosMessage& error = *site.error;
    int64_t request_time = frame.time_sec;
    if (site.kdc_reply) {
        clocks.client = "client " + site.kdc_reply->client;
        clocks.responder = "the KDC " + site.kdc_reply->kdc;
        if (const auto& request = site.kdc_reply->request) {
            request_time = request->time;
            clocks.as_request = request->type == KrbMsgType::as_req;
            clocks.tgs_request = request->type == KrbMsgType::tgs_req;
            if (request->client_time) {
                clocks.client_offset = *request->client_time - request->time;
                clocks.client_source = "its PA-ENC-TIMESTAMP in frame " + std::to_string(request->frame) +
                                       ", opened with the client's key from the keytab";
            }
        }
    } else if (site.http) {
        const Connection& connection = *site.http->connection;
        clocks.client = "client " + connection.client;
        clocks.responder = error_values(site)["responder"];
        if (clocks.responder.find(connection.server) == std::string::npos)
            clocks.responder += " (" + connection.server + ")";
        if (site.http->request.frame != 0) request_time = site.http->request.time;
    } else {
        clocks.client = "client " + frame.dst;
        clocks.responder = "the service " + frame.src;
    }
    if (error.stime) clocks.responder_offset = *error.stime - frame.time_sec;
    if (error.ctime) {  // the request's own time, echoed: preferred to a decrypted one
        clocks.client_offset = *error.ctime - request_time;
        clocks.client_source = "the request's ctime echoed in the error";
    }
    return clocks;
}

// Responder minus client, as far as the capture shows it.
std::optional<int64_t> skew_of(const Clocks& clocks)
{
    if (clocks.responder_offset && clocks.client_offset) return *clocks.responder_offset - *clocks.client_offset;
    if (off(clocks.responder_offset)) return clocks.responder_offset;
    if (off(clocks.client_offset)) return -*clocks.client_offset;
    return std::nullopt;
}

std::string responder_sentence(const Clocks& clocks)
{
    if (!clocks.responder_offset) return " The error carries no stime: the responder's clock is not in the capture.";
    if (agrees(clocks.responder_offset))
        return " The clock of " + clocks.responder + " agrees with the capture clock (stime vs capture time).";
    return " The clock of " + clocks.responder + " is " + offset_text(*clocks.responder_offset) +
           " the capture clock (stime vs capture time).";
}

std::string client_sentence(const Clocks& clocks)
{
    if (!clocks.client_offset) {
        std::string text = " The time of " + clocks.client + " is not in the capture (the error echoes no ctime";
        if (clocks.as_request) text += "; a keytab with the client's key would open its PA-ENC-TIMESTAMP";
        return text + ").";
    }
    if (agrees(clocks.client_offset))
        return " The clock of " + clocks.client + " agrees with the capture clock (" + clocks.client_source + ").";
    return " The clock of " + clocks.client + " is " + offset_text(*clocks.client_offset) + " the capture clock (" +
           clocks.client_source + ").";
}

// Which clock is off, and the fix steps for it.
struct Conclusion {
    std::string sentence;
    std::string steps;
    std::string off_clause;  // "; the clock of ... is off", empty when the capture cannot tell
};

std::string sync_step(const std::string& party, const std::string& how_far)
{
    return "Correct the clock of " + party + how_far +
           ": resynchronise it with its time source (w32tm /resync on Windows, where domain members follow "
           "the PDC emulator; chrony or ntpd on Unix) and check its time zone and virtual machine time sync.";
}

std::string how_far(const std::optional<int64_t>& offset)
{
    if (!off(offset)) return "";
    return " (" + offset_text(*offset) + " the capture clock)";
}

Conclusion conclude(const Clocks& clocks)
{
    bool responder_off = off(clocks.responder_offset);
    bool client_off = off(clocks.client_offset);
    Conclusion out;
    if (responder_off && client_off) {
        out.sentence = " Both clocks disagree with the capture clock; they differ from each other by " +
                       duration_text(*clocks.responder_offset - *clocks.client_offset) + ".";
        out.steps = sync_step(clocks.responder, how_far(clocks.responder_offset)) + "\n" +
                    sync_step(clocks.client, how_far(clocks.client_offset));
        out.off_clause = "; the clocks of " + clocks.responder + " and of " + clocks.client + " are off";
    } else if (responder_off) {
        out.sentence = " So the clock of " + clocks.responder + " is the one that is off, by " +
                       duration_text(*clocks.responder_offset) + ".";
        if (!clocks.client_offset)
            out.sentence = " So the clock of " + clocks.responder + " is the one that disagrees, by " +
                           duration_text(*clocks.responder_offset) +
                           " (unless the capture machine's clock is itself wrong).";
        out.steps = sync_step(clocks.responder, how_far(clocks.responder_offset));
        out.off_clause = "; the clock of " + clocks.responder + " is off";
    } else if (client_off) {
        out.sentence = " So the clock of " + clocks.client + " is the one that is off, by " +
                       duration_text(*clocks.client_offset) + ".";
        out.steps = sync_step(clocks.client, how_far(clocks.client_offset));
        out.off_clause = "; the clock of " + clocks.client + " is off";
    } else if (agrees(clocks.responder_offset) && !clocks.client_offset) {
        out.sentence = " So the clock that differs is that of " + clocks.client +
                       ", by more than the allowed skew; the capture does not show by how much.";
        out.steps = sync_step(clocks.client, "");
        out.off_clause = "; the clock of " + clocks.client + " is off";
    } else {
        out.sentence = clocks.responder_offset && clocks.client_offset
                           ? " Both clocks agree with the capture clock: the capture cannot tell which clock the "
                             "responder found off (a delayed or replayed request?)."
                           : " The capture cannot tell which clock is off.";
        out.steps = "Compare the clocks of " + clocks.client + " and " + clocks.responder +
                    " with a reliable time source and correct the one that is off (w32tm /resync on Windows, "
                    "chrony or ntpd on Unix; check time zones and virtual machine time sync).";
    }
    return out;
}

const Logon* earlier_logon(const ErrorSite& site, const Clocks& clocks, FrameContext& context)
{
    if (!clocks.tgs_request || !site.kdc_reply) return nullptr;
    const Logon& logon = context.state<Logon>(RuleId::clock_skew, "logon|" + site.kdc_reply->client);
    return logon.frame != 0 ? &logon : nullptr;
}

void clock_skew(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    for (const auto& reply : context.kdc_replies)
        if (reply.message->msg_type == KrbMsgType::as_rep) {
            Logon& logon = context.state<Logon>(RuleId::clock_skew, "logon|" + reply.client);
            logon.frame = frame.frame;
            logon.cname = reply.request ? reply.request->cname : std::string();
        }

    auto fill = [&](const ErrorSite& site, TemplateValues& values) {
        Clocks clocks = read_clocks(site, frame);
        Conclusion conclusion = conclude(clocks);
        values["client"] = clocks.client;
        values["responder"] = clocks.responder;
        values["off_clause"] = conclusion.off_clause;
        values["clock_fix"] = conclusion.steps;
        values["cache_fix"] = "";
        if (earlier_logon(site, clocks, context))
            values["cache_fix"] = "\nOnce the clocks agree, renew the ticket cache on " + clocks.client +
                                  ": kdestroy, then kinit (Windows: klist purge, then lock and unlock or log on "
                                  "again).";
        else if (clocks.as_request)
            values["cache_fix"] = "\nOnce the clocks agree, log on again on " + clocks.client + " (kinit).";
    };
    report_errors(RuleId::clock_skew, frame, context, out, fill, [&](const ErrorSite& site, Finding& finding) {
        Clocks clocks = read_clocks(site, frame);
        auto& diagnosis = out.diagnosis();
        diagnosis.skew_seconds = skew_of(clocks);
        diagnosis.responder_offset = clocks.responder_offset;
        diagnosis.client_offset = clocks.client_offset;
        finding.detail += responder_sentence(clocks) + client_sentence(clocks) + conclude(clocks).sentence;
        if (const Logon* logon = earlier_logon(site, clocks, context))
            finding.detail += " C" + clocks.client.substr(1) + " logged on" + (logon->cname.empty() ? "" : " as " + logon->cname) +
                              " in frame " + std::to_string(logon->frame) +
                              " (AS-REP): its TGT, and the time offset its ticket cache keeps from that logon "
                              "(MIT kdc_timesync, Windows), predate the clock change.";
    });
}

}  // namespace

KERBDIAG_REGISTER_RULE(clock_skew)

}  // namespace kerbdiag
