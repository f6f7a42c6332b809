#include "correlator.h"

#include "error_sites.h"
#include "keytab_evidence.h"
#include "names.h"
#include "rules/rule.h"
#include "spn.h"

#include <algorithm>

namespace kerbdiag {

namespace {

bool from_kdc(const KerberosMessage& msg)
{
    return msg.carrier == KrbCarrier::kdc_udp || msg.carrier == KrbCarrier::kdc_tcp;
}

bool is_kdc_request(const KerberosMessage& msg)
{
    return msg.msg_type == KrbMsgType::as_req || msg.msg_type == KrbMsgType::tgs_req;
}

bool is_kdc_reply(const KerberosMessage& msg)
{
    return msg.msg_type == KrbMsgType::as_rep || msg.msg_type == KrbMsgType::tgs_rep ||
           msg.msg_type == KrbMsgType::krb_error;
}

std::string endpoint(const std::string& address, uint16_t port)
{
    return address + ":" + std::to_string(port);
}

// Requests and replies of one KDC exchange share this key: the TCP stream, or
// the UDP address/port pair seen from the client.
std::string kdc_exchange_key(const FrameObservation& frame, bool from_client)
{
    if (frame.is_tcp && frame.tcp_stream) return "tcp|" + std::to_string(*frame.tcp_stream);
    if (from_client) return "udp|" + endpoint(frame.src, frame.src_port) + "|" + endpoint(frame.dst, frame.dst_port);
    return "udp|" + endpoint(frame.dst, frame.dst_port) + "|" + endpoint(frame.src, frame.src_port);
}

std::string http_connection_key(const FrameObservation& frame, bool from_client)
{
    if (frame.tcp_stream) return "tcp|" + std::to_string(*frame.tcp_stream);
    if (from_client) return endpoint(frame.src, frame.src_port) + ">" + endpoint(frame.dst, frame.dst_port);
    return endpoint(frame.dst, frame.dst_port) + ">" + endpoint(frame.src, frame.src_port);
}

// KDC-Options bit 14: cname-in-addl-tkt, set by S4U2Proxy requests.
bool has_cname_in_addl_tkt(const std::vector<uint8_t>& options)
{
    // Wireshark gives the 32 option bits; tolerate a leading unused-bits octet.
    size_t first = options.size() == 5 ? 1 : 0;
    return options.size() > first + 1 && (options[first + 1] & 0x02) != 0;
}

KdcRequest make_kdc_request(const FrameObservation& frame, const KerberosMessage& msg)
{
    KdcRequest request;
    request.frame = frame.frame;
    request.time = frame.time_sec;
    request.type = msg.msg_type;
    request.client = frame.src;
    request.kdc = frame.dst;
    request.sname = msg.sname;
    request.realm = msg.realm;
    request.cname = msg.cname;
    request.client_time = msg.pa_timestamp;
    for (const auto& ticket : msg.tickets) {
        if (!ticket.additional) continue;
        request.s4u2proxy = true;
        request.front_end = ticket.sname;
    }
    if (has_cname_in_addl_tkt(msg.kdc_options)) request.s4u2proxy = true;
    return request;
}

HttpRequestInfo make_http_request(const FrameObservation& frame, const HttpMessage& http)
{
    HttpRequestInfo info;
    info.frame = frame.frame;
    info.time = frame.time_sec;
    info.method = http.method;
    info.uri = http.uri;
    info.host = http.host;
    if (!http.authorization) return info;
    const AuthHeader& auth = *http.authorization;
    info.auth_scheme = auth.scheme;
    info.mech = auth.mech;
    info.auth_length = auth.header_length;
    for (const auto& msg : auth.kerberos) {
        if (msg.msg_type != KrbMsgType::ap_req || msg.tickets.empty()) continue;
        const TicketObservation& ticket = msg.tickets.front();
        info.ticket_spn = ticket.sname;
        info.ticket_realm = ticket.realm;
        info.ticket_kvno = ticket.kvno;
        info.ticket_etype = ticket.etype;
    }
    return info;
}

bool rejected(uint16_t code) { return code == 401 || code == 400; }

// The outcome of an exchange that carried credentials, on the response that tells it.
Verdict outcome_verdict(const Connection& connection, const HttpRequestInfo& request, bool failed)
{
    if (failed) return Verdict::failed;
    if (request.carries_kerberos()) return Verdict::kerberos_ok;
    if (request.carries_ntlm()) return connection.ntlm_fallback ? Verdict::ntlm_fallback : Verdict::ntlm;
    return Verdict::none;  // Basic, Digest: neither Kerberos nor NTLM
}

}  // namespace

struct Correlator::State {
    explicit State(CorrelatorLimits limits)
        : tables(AgingLimits{limits.max_entries, limits.max_age_sec}), problems(ProblemLimits{limits.max_problems})
    {
    }
    CorrelatorState tables;
    ProblemBook problems;
    std::vector<KeytabFact> keytab_facts;  // survive reset(): they belong to the keytab, not the file
    uint32_t attempts = 0;                 // authentication attempts started so far

    void start_attempt(FrameDiagnosis& diagnosis, const std::string& host)
    {
        diagnosis.attempt = ++attempts;
        diagnosis.attempt_host = host;
    }
    bool answers_a_challenge(const FrameObservation& frame, const HttpRequestInfo& request) const
    {
        const ClientHistory* history = tables.clients.peek(frame.src);
        return history && history->challenged_by == frame.dst + "|" + normalize_host(request.host);
    }

    void link_kerberos(const FrameObservation& frame, FrameContext& context, FrameDiagnosis& diagnosis);
    void mark_front_end(KdcRequest& request) const;
    void record_tgs_request(const KdcRequest& request);
    void record_tgs_reply(const KdcReply& reply);
    void link_dns(const FrameObservation& frame);
    void link_http(const FrameObservation& frame, FrameContext& context, FrameDiagnosis& diagnosis);
    HttpEvent link_http_request(const FrameObservation& frame, const HttpMessage& http, FrameDiagnosis& diagnosis);
    HttpEvent link_http_response(const FrameObservation& frame, const HttpMessage& http, FrameDiagnosis& diagnosis);
    bool kerberos_failed_for(const Connection& connection, const HttpRequestInfo& request) const;
};

void Correlator::State::link_kerberos(const FrameObservation& frame, FrameContext& context, FrameDiagnosis& diagnosis)
{
    for (const auto& msg : frame.kerberos) {
        if (!from_kdc(msg)) continue;
        if (is_kdc_request(msg)) {
            KdcRequest request = make_kdc_request(frame, msg);
            mark_front_end(request);
            tables.pending_kdc.upsert(kdc_exchange_key(frame, true), frame.time_sec) = request;
            if (request.type == KrbMsgType::tgs_req) record_tgs_request(request);
            context.kdc_requests.push_back(std::move(request));
        } else if (is_kdc_reply(msg)) {
            KdcReply reply{&msg, frame.frame, std::nullopt, frame.dst, frame.src};
            auto key = kdc_exchange_key(frame, false);
            if (const KdcRequest* request = tables.pending_kdc.peek(key)) {
                reply.request = *request;
                tables.pending_kdc.erase(key);
                diagnosis.request_frame = reply.request->frame;
            }
            record_tgs_reply(reply);
            context.kdc_replies.push_back(std::move(reply));
        }
    }
}

void Correlator::State::mark_front_end(KdcRequest& request) const
{
    const std::string* spn = tables.front_ends.peek(request.client);
    if (!spn || is_tgs_name(request.sname)) return;
    request.from_front_end = true;
    if (request.front_end.empty()) request.front_end = *spn;
}

void Correlator::State::record_tgs_request(const KdcRequest& request)
{
    if (is_tgs_name(request.sname) || request.delegation()) return;
    TgsOutcome outcome;
    outcome.request_frame = request.frame;
    outcome.spn = request.sname;
    outcome.host = spn_host(request.sname);
    outcome.realm = request.realm;
    if (outcome.host.empty()) return;
    auto& history = tables.clients.upsert(request.client, request.time).tgs;
    history.push_back(std::move(outcome));
    if (history.size() > ClientHistory::max_outcomes) history.pop_front();
}

void Correlator::State::record_tgs_reply(const KdcReply& reply)
{
    if (!reply.request || reply.request->type != KrbMsgType::tgs_req) return;
    ClientHistory* history = tables.clients.find(reply.client, reply.request->time);
    if (!history) return;
    for (auto& outcome : history->tgs) {
        if (outcome.request_frame != reply.request->frame) continue;
        outcome.reply_frame = reply.frame;
        outcome.error = reply.message->error_code;
        if (reply.message->msg_type == KrbMsgType::tgs_rep && !reply.message->tickets.empty())
            outcome.referral_realm = krbtgt_target_realm(reply.message->tickets.front().sname);
    }
}

// A/AAAA/CNAME answers of one name accumulate: the AAAA query that follows an
// A query usually comes back empty and must not wipe what the A answer said.
void Correlator::State::link_dns(const FrameObservation& frame)
{
    for (const auto& dns : frame.dns) {
        if (!dns.is_response || dns.query_name.empty()) continue;
        DnsName& entry = tables.dns.upsert(normalize_host(dns.query_name), frame.time_sec);
        entry.rcode = dns.rcode;
        if (dns.answers.empty()) continue;
        entry.frame = frame.frame;
        for (const auto& record : dns.answers) {
            if (record.type == dns_type::cname) entry.canonical = normalize_host(record.value);
            bool address = record.type == dns_type::a || record.type == dns_type::aaaa;
            if (address && std::find(entry.addresses.begin(), entry.addresses.end(), record.value) == entry.addresses.end())
                entry.addresses.push_back(record.value);
        }
    }
}

void Correlator::State::link_http(const FrameObservation& frame, FrameContext& context, FrameDiagnosis& diagnosis)
{
    for (const auto& http : frame.http) {
        if (http.is_request)
            context.http.push_back(link_http_request(frame, http, diagnosis));
        else if (http.response_code >= 200)  // 1xx do not answer the request
            context.http.push_back(link_http_response(frame, http, diagnosis));
    }
}

bool Correlator::State::kerberos_failed_for(const Connection& connection, const HttpRequestInfo& request) const
{
    if (connection.kerberos_failed) return true;
    const ClientHistory* history = tables.clients.peek(connection.client);
    if (!history) return false;
    std::string canonical;
    if (const DnsName* name = tables.dns.peek(normalize_host(request.host))) canonical = name->canonical;
    return std::any_of(history->tgs.begin(), history->tgs.end(), [&](const TgsOutcome& outcome) {
        bool same = same_host(outcome.host, request.host) || (!canonical.empty() && same_host(outcome.host, canonical));
        return same && outcome.error.has_value();
    });
}

HttpEvent Correlator::State::link_http_request(const FrameObservation& frame, const HttpMessage& http,
                                               FrameDiagnosis& diagnosis)
{
    auto key = http_connection_key(frame, true);
    Connection& connection = tables.connections.upsert(key, frame.time_sec);
    connection.client = frame.src;
    connection.server = frame.dst;
    connection.server_port = frame.dst_port;
    HttpRequestInfo request = make_http_request(frame, http);
    if (!request.host.empty()) connection.last_host = request.host;
    connection.pending.push_back(request);
    if (connection.pending.size() > Connection::max_pending) connection.pending.pop_front();
    connection.auth_bytes += request.auth_length;
    if (request.carries_kerberos()) {
        tables.front_ends.upsert(frame.dst, frame.time_sec) = request.ticket_spn;
        ++connection.kerberos_requests;
        connection.last_kerberos_request = request;
    }
    if (request.carries_ntlm())
        connection.ntlm_fallback = connection.ntlm_fallback || kerberos_failed_for(connection, request);
    else if (request.auth_scheme.empty() && !connection.authenticated)
        // Without credentials again after Kerberos failed for this host: the
        // client gave up, which "anonymous" would hide in a verdict count.
        diagnosis.verdict = kerberos_failed_for(connection, request) ? Verdict::failed : Verdict::anonymous;
    if (!request.auth_scheme.empty() && connection.last_401_frame == 0 && !connection.authenticated &&
        !answers_a_challenge(frame, request))
        start_attempt(diagnosis, request.host);  // credentials sent before any challenge
    if (!request.auth_scheme.empty()) {
        diagnosis.kerberos_requests_on_connection = connection.kerberos_requests;
        diagnosis.auth_bytes_on_connection = connection.auth_bytes;
    }
    return HttpEvent{&http, &connection, key, std::move(request)};
}

HttpEvent Correlator::State::link_http_response(const FrameObservation& frame, const HttpMessage& http,
                                                FrameDiagnosis& diagnosis)
{
    auto key = http_connection_key(frame, false);
    Connection& connection = tables.connections.upsert(key, frame.time_sec);
    if (connection.client.empty()) {
        connection.client = frame.dst;
        connection.server = frame.src;
        connection.server_port = frame.src_port;
    }
    HttpEvent event{&http, &connection, key, {}};
    if (!connection.pending.empty()) {
        event.request = std::move(connection.pending.front());
        connection.pending.pop_front();
        diagnosis.request_frame = event.request.frame;
    }
    const HttpRequestInfo& request = event.request;
    if (http.response_code == 401) {
        connection.last_401_frame = frame.frame;
        connection.last_401_offered_negotiate = offers_negotiate(http);
        if (request.frame && request.auth_scheme.empty() && !http.www_authenticate.empty()) {
            start_attempt(diagnosis, request.host);
            tables.clients.upsert(connection.client, frame.time_sec).challenged_by =
                connection.server + "|" + normalize_host(request.host);
        }
    }
    if (request.carries_final_credentials()) {
        bool failed = rejected(http.response_code);
        diagnosis.verdict = outcome_verdict(connection, request, failed);
        diagnosis.verdict_host = request.host;
        diagnosis.verdict_server = connection.server;
        if (!failed) connection.authenticated = true;
        if (request.carries_kerberos()) {
            if (failed) connection.kerberos_failed = true;
            else ++connection.kerberos_successes;
        }
    } else if (ntlm_refused(request, http)) {
        // No challenge to answer: the NTLM exchange failed at its first leg.
        diagnosis.verdict = Verdict::failed;
        diagnosis.verdict_host = request.host;
        diagnosis.verdict_server = connection.server;
    }
    return event;
}

Correlator::Correlator(CorrelatorLimits limits) : limits_(limits), state_(std::make_unique<State>(limits)) {}

Correlator::~Correlator() = default;

FrameDiagnosis Correlator::observe(const FrameObservation& frame)
{
    FrameDiagnosis diagnosis;
    try {
        state_->tables.expire(frame.time_sec);
        FrameContext context(frame, state_->tables);
        context.set_keytab_facts(&state_->keytab_facts);
        state_->link_kerberos(frame, context, diagnosis);
        state_->link_dns(frame);
        state_->link_http(frame, context, diagnosis);
        context.errors = error_sites(frame, context);
        record_error_facts(context, diagnosis);
        FindingSink sink(diagnosis);
        for (const auto& rule : registered_rules()) {
            size_t before = diagnosis.findings.size();
            try {
                rule.function(frame, context, sink);
            } catch (const std::exception&) {  // out of memory: the rule's findings of this frame are lost
                diagnosis.findings.resize(before);
            }
        }
        state_->problems.observe(frame, diagnosis);
    } catch (const std::exception&) {
        // Out of memory while linking: report what we have rather than unwind into C.
    }
    return diagnosis;
}

void Correlator::reset()
{
    state_->tables.clear();
    state_->problems.reset();
    state_->attempts = 0;
}

void Correlator::set_keytab_facts(std::vector<KeytabFact> facts)
{
    try {
        std::vector<Finding> findings;
        for (const auto& fact : facts) findings.push_back(keytab_fact_finding(fact));
        state_->keytab_facts = std::move(facts);
        state_->problems.set_keytab_problems(std::move(findings));
    } catch (const std::exception&) {
        // Out of memory: the keytab still opens tickets; its facts are not told.
        state_->keytab_facts.clear();
    }
}

const ProblemBook& Correlator::problems() const { return state_->problems; }

size_t Correlator::state_size() const { return state_->tables.size(); }

}  // namespace kerbdiag
