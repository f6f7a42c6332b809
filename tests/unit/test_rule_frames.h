// Hand-made frames for the rule tests: a small lab on one client that talks to
// a KDC, a DNS server and web servers, fed through a real Correlator.
#pragma once

#include "correlator.h"

#include <cstring>
#include <string>
#include <vector>

// cmocka defines fail() and friends: include it after the C++ headers.
#include "cmocka_cpp.h"

namespace lab {

using namespace kerbdiag;

inline const std::string client = "10.0.0.100";
inline const std::string kdc = "10.0.0.10";
inline const std::string dns_server = "10.0.0.2";
inline const std::string web01 = "10.0.0.21";
inline const std::string realm = "EXAMPLE.TEST";

// Feeds frames in order, numbering them and advancing capture time.
struct Capture {
    Correlator correlator;
    uint32_t next_frame = 1;
    int64_t now = 1'700'000'000;

    explicit Capture(CorrelatorLimits limits = {}) : correlator(limits) {}

    FrameDiagnosis feed(FrameObservation frame)
    {
        frame.frame = next_frame++;
        frame.time_sec = now;
        return correlator.observe(frame);
    }
    uint32_t last_frame() const { return next_frame - 1; }
};

inline FrameObservation udp(const std::string& src, uint16_t sport, const std::string& dst, uint16_t dport)
{
    FrameObservation frame;
    frame.src = src;
    frame.dst = dst;
    frame.src_port = sport;
    frame.dst_port = dport;
    frame.is_udp = true;
    return frame;
}

inline FrameObservation tcp(const std::string& src, uint16_t sport, const std::string& dst, uint16_t dport,
                            uint32_t stream)
{
    FrameObservation frame = udp(src, sport, dst, dport);
    frame.is_udp = false;
    frame.is_tcp = true;
    frame.tcp_stream = stream;
    return frame;
}

inline FrameObservation dns_answer(const std::string& name, std::vector<DnsRecord> answers, uint16_t rcode = 0,
                                   uint16_t qtype = 1)
{
    FrameObservation frame = udp(dns_server, 53, client, 40000);
    DnsMessage dns;
    dns.is_response = true;
    dns.query_name = name;
    dns.query_type = qtype;
    dns.rcode = rcode;
    dns.answers = std::move(answers);
    frame.dns.push_back(std::move(dns));
    return frame;
}

inline KerberosMessage kdc_message(KrbMsgType type, const std::string& sname)
{
    KerberosMessage msg;
    msg.msg_type = type;
    msg.carrier = KrbCarrier::kdc_udp;
    msg.realm = realm;
    msg.sname = sname;
    return msg;
}

inline FrameObservation tgs_req(const std::string& sname, uint16_t port = 50000, const std::string& from = client)
{
    FrameObservation frame = udp(from, port, kdc, 88);
    frame.kerberos.push_back(kdc_message(KrbMsgType::tgs_req, sname));
    return frame;
}

inline FrameObservation as_req(const std::string& cname, uint16_t port = 50000)
{
    FrameObservation frame = udp(client, port, kdc, 88);
    KerberosMessage msg = kdc_message(KrbMsgType::as_req, "krbtgt/" + realm);
    msg.cname = cname;
    frame.kerberos.push_back(std::move(msg));
    return frame;
}

inline FrameObservation kdc_error(int32_t code, const std::string& sname, uint16_t port = 50000,
                                  const std::string& to = client)
{
    FrameObservation frame = udp(kdc, 88, to, port);
    KerberosMessage msg = kdc_message(KrbMsgType::krb_error, sname);
    msg.error_code = code;
    frame.kerberos.push_back(std::move(msg));
    return frame;
}

inline TicketObservation ticket(const std::string& sname, int32_t etype = 18, uint32_t kvno = 2)
{
    TicketObservation t;
    t.realm = realm;
    t.sname = sname;
    t.etype = etype;
    t.kvno = kvno;
    return t;
}

inline FrameObservation tgs_rep(const std::string& ticket_sname, uint16_t port = 50000, int32_t etype = 18)
{
    FrameObservation frame = udp(kdc, 88, client, port);
    KerberosMessage msg = kdc_message(KrbMsgType::tgs_rep, ticket_sname);
    msg.tickets.push_back(ticket(ticket_sname, etype));
    frame.kerberos.push_back(std::move(msg));
    return frame;
}

inline AuthHeader negotiate_ap_req(const std::string& spn, size_t length = 2400, int32_t etype = 18)
{
    AuthHeader auth;
    auth.scheme = "Negotiate";
    auth.header_length = length;
    auth.mech = Mech::krb5_ap_req;
    KerberosMessage msg;
    msg.msg_type = KrbMsgType::ap_req;
    msg.carrier = KrbCarrier::http;
    msg.tickets.push_back(ticket(spn, etype));
    auth.kerberos.push_back(std::move(msg));
    return auth;
}

inline AuthHeader ntlm_token(Mech mech, const std::string& scheme = "Negotiate")
{
    AuthHeader auth;
    auth.scheme = scheme;
    auth.header_length = 200;
    auth.mech = mech;
    return auth;
}

inline AuthHeader offer(const std::string& scheme)
{
    AuthHeader auth;
    auth.scheme = scheme;
    return auth;
}

inline AuthHeader negotiate_krb_error(int32_t code, const std::string& sname, const std::string& error_realm = realm)
{
    AuthHeader auth = offer("Negotiate");
    auth.mech = Mech::krb5_error;
    KerberosMessage msg;
    msg.msg_type = KrbMsgType::krb_error;
    msg.carrier = KrbCarrier::http;
    msg.error_code = code;
    msg.sname = sname;
    msg.realm = error_realm;
    auth.kerberos.push_back(std::move(msg));
    return auth;
}

inline FrameObservation http_request(const std::string& host, std::optional<AuthHeader> auth = std::nullopt,
                                     uint32_t stream = 1, const std::string& server = web01,
                                     const std::string& uri = "/", uint16_t port = 80)
{
    FrameObservation frame = tcp(client, static_cast<uint16_t>(51000 + stream), server, port, stream);
    HttpMessage http;
    http.is_request = true;
    http.method = "GET";
    http.uri = uri;
    http.host = host;
    http.authorization = std::move(auth);
    frame.http.push_back(std::move(http));
    return frame;
}

inline FrameObservation http_response(uint16_t code, std::vector<AuthHeader> www = {}, uint32_t stream = 1,
                                      const std::string& server = web01, uint16_t port = 80)
{
    FrameObservation frame = tcp(server, port, client, static_cast<uint16_t>(51000 + stream), stream);
    HttpMessage http;
    http.response_code = code;
    http.www_authenticate = std::move(www);
    frame.http.push_back(std::move(http));
    return frame;
}

inline const Finding* find(const FrameDiagnosis& diagnosis, const char* rule_id)
{
    for (const auto& finding : diagnosis.findings)
        if (finding.rule->id == rule_id) return &finding;
    return nullptr;
}

inline size_t count(const FrameDiagnosis& diagnosis, const char* rule_id)
{
    size_t n = 0;
    for (const auto& finding : diagnosis.findings) n += finding.rule->id == rule_id;
    return n;
}

inline bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

inline bool related_has(const Finding& finding, uint32_t frame)
{
    for (auto f : finding.related)
        if (f == frame) return true;
    return false;
}

// Every frame of a sequence stays free of this rule.
inline void assert_silent(const std::vector<FrameDiagnosis>& diagnoses, const char* rule_id)
{
    for (const auto& diagnosis : diagnoses) assert_null(find(diagnosis, rule_id));
}

// The healthy flow: DNS, anonymous GET, 401 Negotiate, TGS, AP-REQ, 200.
inline std::vector<FrameDiagnosis> healthy_flow(Capture& capture, const std::string& host = "web01.example.test")
{
    std::vector<FrameDiagnosis> out;
    out.push_back(capture.feed(dns_answer(host, {{host, 1, web01}})));
    out.push_back(capture.feed(http_request(host)));
    out.push_back(capture.feed(http_response(401, {offer("Negotiate")})));
    out.push_back(capture.feed(tgs_req("HTTP/" + host)));
    out.push_back(capture.feed(tgs_rep("HTTP/" + host)));
    out.push_back(capture.feed(http_request(host, negotiate_ap_req("HTTP/" + host))));
    out.push_back(capture.feed(http_response(200, {offer("Negotiate")})));
    return out;
}

}  // namespace lab
