// The correlator fed any sequence of observations, built from the fuzzer's
// bytes. Names, addresses and ports come mostly from small pools, so that
// requests, replies, retries and DNS answers meet each other as in a real
// capture; a few are raw bytes. Tight limits make the tables evict often.
#include "correlator.h"

#include "fuzz_bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace kerbdiag;
using kerbdiag::fuzz::FuzzBytes;

namespace {

const std::array<std::string, 6> addresses = {"10.0.0.100", "10.0.0.10", "10.0.0.2", "10.0.0.21", "::1", "127.0.0.1"};
const std::array<std::string, 7> hosts = {"web01.example.test", "web01", "WEB01.Example.Test.", "10.0.0.21",
                                          "web01.example.test:8080", "[::1]:80", "alias.example.test"};
const std::array<std::string, 8> snames = {"HTTP/web01.example.test", "HTTP/web01", "krbtgt/EXAMPLE.TEST",
                                           "krbtgt/OTHER.TEST", "host/web01.example.test", "HTTP/alias.example.test",
                                           "HTTP/web01.example.test:8080", "alice"};
const std::array<std::string, 3> realms = {"EXAMPLE.TEST", "OTHER.TEST", "example.test"};
const std::array<std::string, 5> schemes = {"Negotiate", "NTLM", "Basic", "Kerberos", "negotiate"};
const std::array<uint16_t, 6> ports = {88, 80, 8080, 53, 443, 50000};
const std::array<int32_t, 14> error_codes = {6, 7, 8, 13, 18, 23, 24, 25, 31, 35, 37, 41, 44, 68};
const std::array<KrbMsgType, 8> msg_types = {KrbMsgType::as_req, KrbMsgType::as_rep, KrbMsgType::tgs_req,
                                             KrbMsgType::tgs_rep, KrbMsgType::ap_req, KrbMsgType::ap_rep,
                                             KrbMsgType::krb_error, KrbMsgType::unknown};

template <typename T, size_t N>
const T& one_of(FuzzBytes& in, const std::array<T, N>& pool)
{
    return pool[in.pick(N)];
}

// Mostly a pool entry, sometimes raw bytes.
template <size_t N>
std::string name(FuzzBytes& in, const std::array<std::string, N>& pool)
{
    return in.pick(8) == 0 ? in.text(40) : one_of(in, pool);
}

KeyVerdict key_verdict(FuzzBytes& in)
{
    KeyVerdict key;
    key.kind = static_cast<KeyVerdictKind>(in.pick(5));
    if (key.kind == KeyVerdictKind::not_tried) return key;
    key.account = name(in, snames);
    key.principals = {name(in, snames), name(in, snames)};
    if (in.flag()) key.key_kvno = in.pick(4);
    key.keytab_etypes = "aes256-cts-hmac-sha1-96";
    key.client = "alice@" + one_of(in, realms);
    if (in.flag()) key.start_time = 1'700'000'000 + static_cast<int8_t>(in.byte()) * 60;
    if (in.flag()) key.end_time = 1'700'000'000 + static_cast<int8_t>(in.byte()) * 600;
    if (in.flag()) key.pac_size = in.u16() * 8u;
    key.account_id = in.pick(4);
    key.account_name = name(in, snames);
    key.computer_account = in.flag();
    key.sname_kvnos = {static_cast<uint32_t>(in.pick(4))};
    key.ticket_flags = in.u32();
    return key;
}

TicketObservation ticket(FuzzBytes& in)
{
    TicketObservation t;
    t.realm = name(in, realms);
    t.sname = name(in, snames);
    t.etype = one_of(in, std::array<int32_t, 4>{17, 18, 23, 3});
    if (in.flag()) t.kvno = in.pick(4);
    t.cipher = in.bytes(16);
    t.in_padata = in.flag();
    t.additional = in.flag();
    t.key = key_verdict(in);
    return t;
}

KerberosMessage kerberos(FuzzBytes& in, KrbCarrier carrier)
{
    KerberosMessage msg;
    msg.msg_type = one_of(in, msg_types);
    msg.carrier = carrier;
    msg.realm = name(in, realms);
    msg.sname = name(in, snames);
    msg.cname = in.flag() ? "alice" : name(in, snames);
    msg.crealm = name(in, realms);
    if (msg.msg_type == KrbMsgType::krb_error || in.pick(8) == 0)
        msg.error_code = in.pick(4) == 0 ? static_cast<int32_t>(in.u32()) : one_of(in, error_codes);
    if (in.flag()) msg.e_text = in.text(16);
    if (in.flag()) msg.e_data = in.bytes(40);
    if (in.flag()) msg.stime = 1'700'000'000 + static_cast<int16_t>(in.u16());
    if (in.flag()) msg.ctime = 1'700'000'000 + static_cast<int16_t>(in.u16());
    if (in.flag()) {
        msg.pa_enc_timestamp_etype = 18;
        msg.pa_enc_timestamp = in.bytes(8);
        if (in.flag()) msg.pa_timestamp = 1'700'000'000 + static_cast<int16_t>(in.u16());
    }
    if (in.flag()) msg.kdc_options = in.bytes(5);
    for (size_t n = in.pick(3); n > 0; --n) msg.tickets.push_back(ticket(in));
    return msg;
}

AuthHeader auth_header(FuzzBytes& in)
{
    AuthHeader header;
    header.scheme = name(in, schemes);
    header.header_length = in.pick(4) == 0 ? in.u16() * 4u : in.byte();
    header.mech = static_cast<Mech>(in.pick(8));
    if (in.flag()) header.neg_result = in.pick(4);
    if (in.flag()) {
        header.ntlm_user = in.text(8);
        header.ntlm_domain = name(in, realms);
    }
    if (in.flag()) header.kerberos.push_back(kerberos(in, KrbCarrier::http));
    return header;
}

HttpMessage http(FuzzBytes& in)
{
    HttpMessage message;
    message.is_request = in.flag();
    if (message.is_request) {
        message.method = in.flag() ? "GET" : "POST";
        message.uri = in.flag() ? "/" : in.text(12);
        message.host = name(in, hosts);
        if (in.flag()) message.authorization = auth_header(in);
    } else {
        message.response_code = one_of(in, std::array<uint16_t, 6>{200, 401, 400, 403, 500, 302});
        for (size_t n = in.pick(3); n > 0; --n) message.www_authenticate.push_back(auth_header(in));
    }
    return message;
}

DnsMessage dns(FuzzBytes& in)
{
    DnsMessage message;
    message.is_response = in.flag();
    message.query_name = in.flag() ? "_kerberos._tcp.EXAMPLE.TEST" : name(in, hosts);
    message.query_type = one_of(in, std::array<uint16_t, 4>{1, 5, 28, 33});
    message.rcode = one_of(in, std::array<uint16_t, 4>{0, 2, 3, 5});
    for (size_t n = in.pick(3); n > 0; --n)
        message.answers.push_back({name(in, hosts), one_of(in, std::array<uint16_t, 4>{1, 5, 28, 33}),
                                   in.flag() ? one_of(in, addresses) : name(in, hosts)});
    return message;
}

FrameObservation frame(FuzzBytes& in, uint32_t number, int64_t& now)
{
    FrameObservation f;
    f.frame = number;
    now += in.pick(4) == 0 ? int64_t{static_cast<int16_t>(in.u16())} : static_cast<int64_t>(in.pick(3));  // may go back
    f.time_sec = now;
    f.src = one_of(in, addresses);
    f.dst = one_of(in, addresses);
    f.src_port = one_of(in, ports);
    f.dst_port = one_of(in, ports);
    f.is_tcp = in.flag();
    f.is_udp = !f.is_tcp && in.flag();
    if (f.is_tcp) f.tcp_stream = in.pick(4);
    f.transport.tcp_reset = in.pick(8) == 0;
    f.transport.tcp_syn = in.pick(8) == 0;
    if (in.pick(8) == 0) {
        f.transport.icmp_unreachable = true;
        f.transport.icmp_inner_dst = one_of(in, addresses);
        f.transport.icmp_inner_dport = one_of(in, ports);
    }
    switch (in.pick(4)) {
    case 0: f.kerberos.push_back(kerberos(in, f.is_tcp ? KrbCarrier::kdc_tcp : KrbCarrier::kdc_udp)); break;
    case 1: f.http.push_back(http(in)); break;
    case 2: f.dns.push_back(dns(in)); break;
    default: break;  // transport only, or nothing
    }
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzBytes in(data, size);
    CorrelatorLimits limits;
    if (in.flag()) limits = {.max_entries = 1 + in.pick(8), .max_problems = 1 + in.pick(4), .max_age_sec = 1 + in.byte()};
    Correlator correlator(limits);
    int64_t now = 1'700'000'000;
    for (uint32_t number = 1; !in.empty() && number <= 512; ++number) {
        auto observed = frame(in, number, now);
        // Frame numbers only grow in a real capture, but a reordered one may
        // repeat a number after a reset: try that now and then.
        if (in.pick(64) == 0) correlator.reset();
        correlator.observe(observed);
        if (correlator.problems().size() > limits.max_problems) __builtin_trap();
    }
    return 0;
}
