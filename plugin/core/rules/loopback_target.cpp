// S6: authentication to the local machine (localhost, a loopback address, or
// a server at the client's own address) failed.
//
// Reported at the failure, not at the first request: a loopback name that
// works (the lab, a developer box) is no problem.
#include "names.h"
#include "shared.h"
#include "spn.h"

namespace kerbdiag {
namespace {

void loopback_target(const FrameObservation& frame, FrameContext& context, FindingSink& out)
{
    const HttpEvent* event = failed_exchange(context, out);
    if (!event) return;
    const Connection& connection = *event->connection;
    std::string host = normalize_host(event->request.host);
    bool same_machine = !connection.client.empty() && connection.client == connection.server;
    if (!is_loopback(host) && !same_machine) return;
    if (host.empty()) host = connection.server;
    if (!context.first_time(RuleId::loopback_target, connection.client + "|" + host)) return;
    Finding& finding = out.add(RuleId::loopback_target, {{"host", host}});
    if (event->request.frame != 0 && event->request.frame != frame.frame) finding.related = {event->request.frame};
    finding.detail = "Authentication failed in frame " + std::to_string(frame.frame) + "; Host header " +
                     event->request.host + ", connection " + connection.client + " -> " + connection.server + ".";
}

}  // namespace

KERBDIAG_REGISTER_RULE(loopback_target)

}  // namespace kerbdiag
