#include "render.h"

#include <string>
#include <string_view>
#include <vector>

#include "frame_role.h"
#include "krb_errors.h"
#include "problems/problem_report.h"
#include "rule_catalogue.h"
#include "text_template.h"

using namespace kerbdiag;

namespace {

struct FieldSpec {
    const char* name;
    const char* abbrev;
    ftenum type;
    int display;
    const char* blurb;
};

// Indexed by RenderField.
const FieldSpec field_specs[RF_COUNT] = {
    {"SPN", "kerbdiag.spn", FT_STRING, BASE_NONE, "Service principal name requested, in a ticket, or named by a finding"},
    {"Realm", "kerbdiag.realm", FT_STRING, BASE_NONE, "Realm of the Kerberos message or finding"},
    {"Client", "kerbdiag.cname", FT_STRING, BASE_NONE, "Client principal name"},
    {"Kerberos message", "kerbdiag.krb.msg", FT_STRING, BASE_NONE, "Kerberos message type"},
    {"Carried over", "kerbdiag.krb.carrier", FT_STRING, BASE_NONE,
     "kdc-udp / kdc-tcp (to a KDC), http (in an HTTP auth header), other (SMB, LDAP, ...)"},
    {"KRB-ERROR code", "kerbdiag.krb.error", FT_INT32, BASE_DEC, "Kerberos error code"},
    {"KRB-ERROR", "kerbdiag.krb.error_name", FT_STRING, BASE_NONE, "Kerberos error name"},
    {"e-text", "kerbdiag.krb.etext", FT_STRING, BASE_NONE, "KRB-ERROR e-text"},
    {"Error sname", "kerbdiag.krb.server", FT_STRING, BASE_NONE,
     "sname@realm of the KRB-ERROR: the requested service for KDC errors, the server's own identity for many server errors"},
    {"Responder time", "kerbdiag.krb.stime", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, "KRB-ERROR stime"},
    {"Ticket", "kerbdiag.ticket", FT_STRING, BASE_NONE, "A ticket (its SPN)"},
    {"Ticket SPN", "kerbdiag.ticket.spn", FT_STRING, BASE_NONE, "Server name in the ticket"},
    {"Ticket realm", "kerbdiag.ticket.realm", FT_STRING, BASE_NONE, "Realm in the ticket"},
    {"Ticket enctype", "kerbdiag.ticket.etype", FT_INT32, BASE_DEC, "Encryption type of the ticket's enc-part"},
    {"Ticket kvno", "kerbdiag.ticket.kvno", FT_UINT32, BASE_DEC, "Key version of the ticket's enc-part"},
    {"Ticket cipher length", "kerbdiag.ticket.cipher_len", FT_UINT32, BASE_DEC, "Bytes of the ticket's enc-part"},
    {"Key verdict", "kerbdiag.ticket.key_verdict", FT_STRING, BASE_NONE,
     "decrypted, kvno-mismatch, no-matching-key or no-key-of-etype"},
    {"Decrypted by", "kerbdiag.ticket.decrypted_by", FT_STRING, BASE_NONE, "Principals of the keytab account whose key decrypts the ticket"},
    {"Account", "kerbdiag.ticket.account", FT_STRING, BASE_NONE, "Keytab account label"},
    {"Ticket client", "kerbdiag.ticket.client", FT_STRING, BASE_NONE, "Client principal from the decrypted ticket"},
    {"Ticket flags", "kerbdiag.ticket.flags", FT_STRING, BASE_NONE, "Delegation-related flags from the decrypted ticket"},
    {"Key kvno", "kerbdiag.ticket.key_kvno", FT_UINT32, BASE_DEC, "kvno of the keytab entry that decrypted the ticket"},
    {"Keytab enctypes", "kerbdiag.ticket.keytab_etypes", FT_STRING, BASE_NONE, "Enctypes the keytab holds (when none opens the ticket)"},
    {"Keytab kvnos for this SPN", "kerbdiag.ticket.keytab_kvnos", FT_STRING, BASE_NONE, "kvnos the keytab holds for the ticket's SPN"},
    {"Ticket valid from", "kerbdiag.ticket.start", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, "From the decrypted ticket"},
    {"Ticket valid until", "kerbdiag.ticket.end", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, "From the decrypted ticket"},
    {"PAC size", "kerbdiag.ticket.pac_size", FT_UINT32, BASE_DEC, "Bytes of the PAC in the decrypted ticket"},
    {"HTTP Host", "kerbdiag.http.host", FT_STRING, BASE_NONE, "Host header of the request"},
    {"HTTP method", "kerbdiag.http.method", FT_STRING, BASE_NONE, NULL},
    {"HTTP URI", "kerbdiag.http.uri", FT_STRING, BASE_NONE, NULL},
    {"HTTP status", "kerbdiag.http.status", FT_UINT16, BASE_DEC, NULL},
    {"Auth scheme", "kerbdiag.http.auth_scheme", FT_STRING, BASE_NONE, "Scheme of the Authorization header"},
    {"Auth header length", "kerbdiag.http.auth_len", FT_UINT32, BASE_DEC, "Bytes in the Authorization header value"},
    {"Schemes offered", "kerbdiag.http.offered", FT_STRING, BASE_NONE, "WWW-Authenticate schemes of the response"},
    {"Mechanism", "kerbdiag.mech", FT_STRING, BASE_NONE,
     "Token inside an HTTP auth header: krb5-ap-req, krb5-ap-rep, krb5-error, ntlmssp-*, spnego-neg-result"},
    {"SPNEGO negResult", "kerbdiag.spnego.neg_result", FT_UINT32, BASE_DEC, "0 accept-completed, 1 accept-incomplete, 2 reject, 3 request-mic"},
    {"NTLM user", "kerbdiag.ntlm.user", FT_STRING, BASE_NONE, "DOMAIN\\user of an NTLMSSP AUTHENTICATE"},
    {"DNS query", "kerbdiag.dns.query", FT_STRING, BASE_NONE, NULL},
    {"DNS CNAME", "kerbdiag.dns.cname", FT_STRING, BASE_NONE, "alias -> canonical name"},
    {"DNS address", "kerbdiag.dns.address", FT_STRING, BASE_NONE, "name -> address"},
    {"DNS rcode", "kerbdiag.dns.rcode", FT_UINT16, BASE_DEC, NULL},
    {"Verdict", "kerbdiag.verdict", FT_STRING, BASE_NONE,
     "Authentication outcome: kerberos-ok, ntlm-fallback, ntlm, failed, anonymous"},
    {"Request in frame", "kerbdiag.request_in", FT_FRAMENUM, BASE_NONE, "The request this response or KDC reply answers"},
    {"Kerberos requests on this connection", "kerbdiag.http.krb_requests", FT_UINT32, BASE_DEC,
     "AP-REQs sent on this TCP connection so far, this one included"},
    {"Authorization bytes on this connection", "kerbdiag.http.auth_bytes", FT_UINT64, BASE_DEC,
     "Authorization header bytes sent on this TCP connection so far"},
    {"Clock skew (s)", "kerbdiag.krb.skew", FT_INT64, BASE_DEC,
     "Responder clock minus client clock, seconds, when the capture shows it"},
    {"Responder clock offset (s)", "kerbdiag.krb.skew.responder", FT_INT64, BASE_DEC,
     "KRB-ERROR stime minus the capture time, seconds"},
    {"Client clock offset (s)", "kerbdiag.krb.skew.client", FT_INT64, BASE_DEC,
     "Client time (echoed ctime or PA-ENC-TIMESTAMP) minus the request's capture time, seconds"},
    {"NTSTATUS", "kerbdiag.krb.ntstatus", FT_UINT32, BASE_HEX, "NTSTATUS carried in the KRB-ERROR e-data"},
    {"Finding", "kerbdiag.finding", FT_STRING, BASE_NONE, "A diagnosis"},
    {"Rule", "kerbdiag.rule", FT_STRING, BASE_NONE, "Rule id of the finding"},
    {"Scenario", "kerbdiag.scenario", FT_STRING, BASE_NONE, "Field guide scenario S1..S18"},
    {"Severity", "kerbdiag.severity", FT_STRING, BASE_NONE, "error, warn, note or chat"},
    {"Fix", "kerbdiag.fix", FT_STRING, BASE_NONE, "What to change"},
    {"Detail", "kerbdiag.detail", FT_STRING, BASE_NONE, "The evidence, with frame numbers"},
    {"Account", "kerbdiag.account", FT_STRING, BASE_NONE, "Account named by the finding"},
    {"Related frame", "kerbdiag.related", FT_FRAMENUM, BASE_NONE, "Earlier frame holding evidence for the finding"},
    {"Problem", "kerbdiag.problem", FT_STRING, BASE_NONE, "A root cause kerbdiag concludes from the findings so far"},
    {"Problem number", "kerbdiag.problem.id", FT_UINT32, BASE_DEC, "Number of the problem, in order of conclusion"},
    {"Problem rule", "kerbdiag.problem.rule", FT_STRING, BASE_NONE, "Rule id of the explanation the problem stands on"},
    {"Problem scenario", "kerbdiag.problem.scenario", FT_STRING, BASE_NONE, "Field guide scenario S1..S18"},
    {"Problem severity", "kerbdiag.problem.severity", FT_STRING, BASE_NONE, "error, warn, note or chat"},
    {"Change", "kerbdiag.problem.change", FT_STRING, BASE_NONE,
     "What this frame did to the problem: concluded, repeated, upgraded (finer cause), recovered"},
    {"Seen", "kerbdiag.problem.count", FT_UINT32, BASE_DEC, "Frames that reported the problem so far"},
    {"Problem detail", "kerbdiag.problem.detail", FT_STRING, BASE_NONE, "The evidence of the problem in words"},
    {"Problem fix", "kerbdiag.problem.fix", FT_STRING, BASE_NONE, "A step of the fix"},
    {"Evidence", "kerbdiag.problem.evidence", FT_FRAMENUM, BASE_NONE, "A frame that holds evidence for the problem"},
    {"Expert", "kerbdiag.expert", FT_NONE, BASE_NONE, NULL},
};

int hf[RF_COUNT];

const value_string neg_result_names[] = {
    {0, "accept-completed"}, {1, "accept-incomplete"}, {2, "reject"}, {3, "request-mic"}, {0, NULL}};

// value_string of every KRB-ERROR code the core knows, built once.
const value_string* krb_error_names()
{
    static value_string* names = [] {
        std::vector<value_string> list;
        for (int32_t code = 0; code < 256; ++code)
            if (const KrbErrorInfo* info = find_krb_error(code))
                list.push_back({static_cast<guint32>(code), g_strndup(info->name.data(), info->name.size())});
        auto* out = g_new0(value_string, list.size() + 1);
        std::copy(list.begin(), list.end(), out);
        return out;
    }();
    return names;
}
int ett_kerbdiag = -1;
int ett_group = -1;
expert_field* ei_rules = nullptr;  // one per catalogue entry, same order

bool opens_group(guint16 field) { return field == RF_TICKET || field == RF_FINDING || field == RF_PROBLEM; }

int ws_severity(Severity severity)
{
    switch (severity) {
    case Severity::chat: return PI_CHAT;
    case Severity::note: return PI_NOTE;
    case Severity::warn: return PI_WARN;
    case Severity::error: return PI_ERROR;
    }
    return PI_NOTE;
}

int ws_group(ExpertGroup group)
{
    switch (group) {
    case ExpertGroup::protocol: return PI_PROTOCOL;
    case ExpertGroup::security: return PI_SECURITY;
    case ExpertGroup::sequence: return PI_SEQUENCE;
    case ExpertGroup::response_code: return PI_RESPONSE_CODE;
    case ExpertGroup::request_code: return PI_REQUEST_CODE;
    case ExpertGroup::malformed: return PI_MALFORMED;
    }
    return PI_PROTOCOL;
}

void register_fields(int proto)
{
    auto* hfri = g_new0(hf_register_info, RF_COUNT - 1);  // RF_EXPERT is not a field
    for (int i = 0; i < RF_COUNT - 1; ++i) {
        hf[i] = -1;
        const FieldSpec& spec = field_specs[i];
        hfri[i] = {&hf[i], {spec.name, spec.abbrev, spec.type, spec.display, NULL, 0, spec.blurb, HFILL}};
        if (i == RF_KRB_ERROR) hfri[i].hfinfo.strings = VALS(krb_error_names());
        if (i == RF_NEG_RESULT) hfri[i].hfinfo.strings = VALS(neg_result_names);
    }
    proto_register_field_array(proto, hfri, RF_COUNT - 1);
}

// The Expert Information dialog groups by this registered text, so it must
// read well without the per-finding values: "{spn}" becomes "…".
std::string expert_title(std::string_view summary)
{
    std::string out;
    bool in_placeholder = false;
    for (char c : summary) {
        if (c == '{') { in_placeholder = true; out += "\u2026"; continue; }
        if (c == '}' && in_placeholder) { in_placeholder = false; continue; }
        if (!in_placeholder) out += c;
    }
    return out;
}

void register_expert_fields(int proto)
{
    auto rules = rule_catalogue();
    ei_rules = g_new0(expert_field, rules.size());
    auto* eiri = g_new0(ei_register_info, rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        const RuleInfo& rule = rules[i];
        ei_rules[i] = EI_INIT;
        std::string name = "kerbdiag." + std::string(rule.id);
        std::string summary = expert_title(rule.summary);
        eiri[i].ids = &ei_rules[i];
        eiri[i].eiinfo = {g_strdup(name.c_str()), ws_group(rule.group), ws_severity(rule.severity),
                          g_strdup(summary.c_str()), EXPFILL};
    }
    expert_module_t* module = expert_register_protocol(proto);
    expert_register_field_array(module, eiri, static_cast<int>(rules.size()));
}

// --- building a record --------------------------------------------------------

// The same SPNs, hosts and texts recur on thousands of frames: store each
// once per file. Reset automatically when the file scope ends.
wmem_map_t* interned_strings = nullptr;

const char* intern(const std::string& text)
{
    auto* found = static_cast<const char*>(wmem_map_lookup(interned_strings, text.c_str()));
    if (found) return found;
    char* copy = wmem_strdup(wmem_file_scope(), text.c_str());
    wmem_map_insert(interned_strings, copy, copy);
    return copy;
}

class RecordBuilder {
public:
    void add_text(RenderField field, guint8 depth, const std::string& text)
    {
        if (text.empty()) return;
        items_.push_back({field, depth, intern(text), 0});
    }
    void add_text(RenderField field, guint8 depth, std::string_view text) { add_text(field, depth, std::string(text)); }
    void add_number(RenderField field, guint8 depth, gint64 number)
    {
        items_.push_back({field, depth, nullptr, number});
    }
    void add_frame_link(uint32_t frame, const char* role, RenderField field = RF_RELATED)
    {
        items_.push_back({static_cast<guint16>(field), 1, role, frame});
    }
    void add_problem_tick(const ProblemTick& tick) { ticks_.push_back(tick); }
    void add_expert(size_t rule_index, guint8 depth, const std::string& summary)
    {
        items_.push_back({RF_EXPERT, depth, intern(summary), static_cast<gint64>(rule_index)});
    }

    const FrameRecord* finish(std::string_view verdict)
    {
        if (items_.empty() && verdict.empty()) return nullptr;
        auto* record = wmem_new0(wmem_file_scope(), FrameRecord);
        record->items = file_copy(items_);
        record->count = static_cast<guint>(items_.size());
        record->verdict = verdict.empty() ? nullptr : intern(std::string(verdict));
        record->problem_ticks = ticks_.empty() ? nullptr : file_copy(ticks_);
        record->problem_tick_count = static_cast<guint>(ticks_.size());
        return record;
    }

private:
    template <typename T>
    static T* file_copy(const std::vector<T>& list)
    {
        auto* copy = wmem_alloc_array(wmem_file_scope(), T, list.size() ? list.size() : 1);
        std::copy(list.begin(), list.end(), copy);
        return copy;
    }

    std::vector<RenderItem> items_;
    std::vector<ProblemTick> ticks_;
};

std::string_view carrier_name(KrbCarrier carrier)
{
    switch (carrier) {
    case KrbCarrier::kdc_udp: return "kdc-udp";
    case KrbCarrier::kdc_tcp: return "kdc-tcp";
    case KrbCarrier::http: return "http";
    case KrbCarrier::other: return "other";
    }
    return "other";
}

std::string_view key_verdict_name(KeyVerdictKind kind)
{
    switch (kind) {
    case KeyVerdictKind::not_tried: return "";
    case KeyVerdictKind::decrypted: return "decrypted";
    case KeyVerdictKind::kvno_mismatch: return "kvno-mismatch";
    case KeyVerdictKind::no_matching_key: return "no-matching-key";
    case KeyVerdictKind::no_key_of_etype: return "no-key-of-etype";
    }
    return "";
}

void add_ticket(RecordBuilder& out, const TicketObservation& ticket)
{
    out.add_text(RF_TICKET, 0, ticket.sname.empty() ? std::string("(no sname)") : ticket.sname);
    out.add_text(RF_TICKET_SPN, 1, ticket.sname);
    if (!ticket.in_padata) out.add_text(RF_SPN, 1, ticket.sname);
    out.add_text(RF_TICKET_REALM, 1, ticket.realm);
    out.add_number(RF_TICKET_ETYPE, 1, ticket.etype);
    if (ticket.kvno) out.add_number(RF_TICKET_KVNO, 1, *ticket.kvno);
    out.add_number(RF_TICKET_CIPHER_LEN, 1, static_cast<gint64>(ticket.cipher.size()));
    const KeyVerdict& key = ticket.key;
    out.add_text(RF_TICKET_KEY_VERDICT, 1, key_verdict_name(key.kind));
    out.add_text(RF_TICKET_DECRYPTED_BY, 1, join(key.principals, ", "));
    out.add_text(RF_TICKET_ACCOUNT, 1, key.account);
    out.add_text(RF_TICKET_CLIENT, 1, key.client);
    if (key.kind == KeyVerdictKind::decrypted || key.kind == KeyVerdictKind::kvno_mismatch) {
        std::vector<std::string> flags;
        if (key.forwardable()) flags.emplace_back("forwardable");
        if (key.ok_as_delegate()) flags.emplace_back("ok-as-delegate");
        out.add_text(RF_TICKET_FLAGS, 1, flags.empty() ? std::string("none") : join(flags, ", "));
        if (key.start_time) out.add_number(RF_TICKET_START, 1, *key.start_time);
        if (key.end_time) out.add_number(RF_TICKET_END, 1, *key.end_time);
        if (key.pac_size) out.add_number(RF_TICKET_PAC_SIZE, 1, *key.pac_size);
    }
    if (key.kind == KeyVerdictKind::kvno_mismatch && key.key_kvno) out.add_number(RF_TICKET_KEY_KVNO, 1, *key.key_kvno);
    if (key.kind == KeyVerdictKind::no_key_of_etype || key.kind == KeyVerdictKind::no_matching_key)
        out.add_text(RF_TICKET_KEYTAB_ETYPES, 1, key.keytab_etypes);
    if (key.kind == KeyVerdictKind::no_matching_key && !key.sname_kvnos.empty()) {
        std::vector<std::string> kvnos;
        for (uint32_t kvno : key.sname_kvnos) kvnos.push_back(std::to_string(kvno));
        out.add_text(RF_TICKET_KEYTAB_KVNOS, 1, join(kvnos, ", "));
    }
}

void add_kerberos(RecordBuilder& out, const KerberosMessage& msg)
{
    out.add_text(RF_KRB_MSG, 0, msg_type_name(msg.msg_type));
    out.add_text(RF_KRB_CARRIER, 0, carrier_name(msg.carrier));
    if (msg.msg_type == KrbMsgType::krb_error) {
        if (msg.error_code) out.add_number(RF_KRB_ERROR, 0, *msg.error_code);
        out.add_text(RF_KRB_ETEXT, 0, msg.e_text);
        if (!msg.sname.empty())
            out.add_text(RF_KRB_SERVER, 0, msg.realm.empty() ? msg.sname : msg.sname + "@" + msg.realm);
        if (msg.stime) out.add_number(RF_KRB_STIME, 0, *msg.stime);
    } else {
        out.add_text(RF_SPN, 0, msg.sname);
    }
    out.add_text(RF_REALM, 0, msg.realm);
    out.add_text(RF_CNAME, 0, msg.cname.empty() || msg.crealm.empty() ? msg.cname : msg.cname + "@" + msg.crealm);
    for (const auto& ticket : msg.tickets) add_ticket(out, ticket);
}

void add_auth_header(RecordBuilder& out, const AuthHeader& auth)
{
    out.add_text(RF_MECH, 0, mech_name(auth.mech));
    if (auth.neg_result) out.add_number(RF_NEG_RESULT, 0, *auth.neg_result);
    if (!auth.ntlm_user.empty())
        out.add_text(RF_NTLM_USER, 0, auth.ntlm_domain.empty() ? auth.ntlm_user : auth.ntlm_domain + "\\" + auth.ntlm_user);
    for (const auto& msg : auth.kerberos) add_kerberos(out, msg);
}

void add_http(RecordBuilder& out, const HttpMessage& http)
{
    out.add_text(RF_HTTP_HOST, 0, http.host);
    out.add_text(RF_HTTP_METHOD, 0, http.method);
    out.add_text(RF_HTTP_URI, 0, http.uri);
    if (http.response_code) out.add_number(RF_HTTP_STATUS, 0, http.response_code);
    if (http.is_request && !http.authorization) out.add_text(RF_MECH, 0, mech_name(Mech::none));
    if (http.authorization) {
        out.add_text(RF_HTTP_AUTH_SCHEME, 0, http.authorization->scheme);
        out.add_number(RF_HTTP_AUTH_LEN, 0, static_cast<gint64>(http.authorization->header_length));
        add_auth_header(out, *http.authorization);
    }
    for (const auto& header : http.www_authenticate) {
        out.add_text(RF_HTTP_OFFERED, 0, header.scheme);
        add_auth_header(out, header);
    }
}

void add_dns(RecordBuilder& out, const DnsMessage& dns)
{
    out.add_text(RF_DNS_QUERY, 0, dns.query_name);
    if (dns.is_response) out.add_number(RF_DNS_RCODE, 0, dns.rcode);
    for (const auto& record : dns.answers) {
        if (record.type == 5) out.add_text(RF_DNS_CNAME, 0, record.name + " -> " + record.value);
        if (record.type == 1 || record.type == 28) out.add_text(RF_DNS_ADDRESS, 0, record.name + " -> " + record.value);
    }
}

// Wireshark cuts item labels at about 240 characters; a long fix is shown
// as several items, cut after a sentence or clause, so that none is cut.
std::vector<std::string> split_long_text(const std::string& text)
{
    constexpr size_t label_room = 200;
    std::vector<std::string> parts;
    std::string current;
    size_t start = 0;
    while (start < text.size()) {
        size_t stop = std::min(text.find(". ", start), text.find("; ", start));
        stop = stop == std::string::npos ? text.size() : stop + 1;  // keep the '.' or ';'
        std::string clause = text.substr(start, stop - start);
        if (!current.empty() && current.size() + 1 + clause.size() > label_room) {
            parts.push_back(current);
            current.clear();
        }
        while (clause.size() > label_room) {  // no clause break: wrap at a space
            size_t space = clause.rfind(' ', label_room);
            if (space == std::string::npos || space == 0) break;
            parts.push_back(clause.substr(0, space));
            clause.erase(0, space + 1);
        }
        current += (current.empty() ? "" : " ") + clause;
        start = text.find_first_not_of(' ', stop);
        if (start == std::string::npos) break;
    }
    if (!current.empty()) parts.push_back(current);
    return parts;
}

void add_finding(RecordBuilder& out, const Finding& finding, const ProblemBook& problems)
{
    auto rules = rule_catalogue();
    const RuleInfo& rule = *finding.rule;
    out.add_text(RF_FINDING, 0, finding.summary);
    out.add_expert(static_cast<size_t>(&rule - rules.data()), 1, finding.summary);
    out.add_text(RF_RULE, 1, rule.id);
    out.add_text(RF_SCENARIO, 1, rule.scenario);
    out.add_text(RF_SEVERITY, 1, severity_name(finding.severity));
    out.add_text(RF_DETAIL, 1, finding.detail);
    out.add_text(RF_SPN, 1, finding.spn);
    out.add_text(RF_HTTP_HOST, 1, finding.host);
    out.add_text(RF_ACCOUNT, 1, finding.account);
    out.add_text(RF_REALM, 1, finding.realm);
    for (uint32_t frame : finding.related) {
        std::string role = problems.role_of(frame);
        out.add_frame_link(frame, role.empty() ? nullptr : intern(role));
    }
    for (const auto& sentence : split_long_text(finding.fix)) out.add_text(RF_FIX, 1, sentence);
}

void add_diagnosis_facts(RecordBuilder& out, const FrameDiagnosis& diagnosis)
{
    if (diagnosis.request_frame) out.add_number(RF_REQUEST_IN, 0, *diagnosis.request_frame);
    out.add_text(RF_KRB_ERROR_NAME, 0, diagnosis.error_name);
    if (diagnosis.ntstatus) out.add_number(RF_NTSTATUS, 0, *diagnosis.ntstatus);
    if (diagnosis.skew_seconds) out.add_number(RF_SKEW, 0, *diagnosis.skew_seconds);
    if (diagnosis.responder_offset) out.add_number(RF_SKEW_RESPONDER, 0, *diagnosis.responder_offset);
    if (diagnosis.client_offset) out.add_number(RF_SKEW_CLIENT, 0, *diagnosis.client_offset);
    if (diagnosis.kerberos_requests_on_connection)
        out.add_number(RF_KRB_REQUESTS_ON_CONN, 0, *diagnosis.kerberos_requests_on_connection);
    if (diagnosis.auth_bytes_on_connection)
        out.add_number(RF_AUTH_BYTES_ON_CONN, 0, static_cast<gint64>(*diagnosis.auth_bytes_on_connection));
}

void add_problem(RecordBuilder& out, const Problem& problem, ProblemChange change)
{
    out.add_text(RF_PROBLEM, 0, problem.summary);
    out.add_number(RF_PROBLEM_ID, 1, problem.number);
    out.add_text(RF_PROBLEM_RULE, 1, problem.rule->id);
    out.add_text(RF_PROBLEM_SCENARIO, 1, problem.rule->scenario);
    out.add_text(RF_PROBLEM_SEVERITY, 1, severity_name(problem.severity));
    out.add_text(RF_PROBLEM_CHANGE, 1, problem_change_name(change));
    out.add_number(RF_PROBLEM_COUNT, 1, problem.count);
    if (change != ProblemChange::repeated) {
        out.add_text(RF_PROBLEM_DETAIL, 1, problem_detail(problem));
        for (const auto& step : problem.fix)
            for (const auto& part : split_long_text(step)) out.add_text(RF_PROBLEM_FIX, 1, part);
    }
    for (const auto& evidence : problem.evidence)
        out.add_frame_link(evidence.frame, evidence.role.empty() ? nullptr : intern(evidence.role), RF_PROBLEM_EVIDENCE);
    // The statistics row of a problem keeps its target; its cause may be refined.
    std::string row = problem_row(problem);
    std::string cause = problem_cause(problem, problem.rule->id, problem.severity);
    const char* old_cause = nullptr;
    if (change == ProblemChange::upgraded && !problem.upgraded_from.empty())
        old_cause = intern(problem_cause(problem, problem.upgraded_from, problem.severity));
    if (change == ProblemChange::recovered)
        old_cause = intern(problem_cause(problem, problem.rule->id, problem.rule->severity));
    out.add_problem_tick({intern(row), intern(cause), old_cause, problem.count});
}

// --- rendering -------------------------------------------------------------

proto_item* add_item(proto_tree* tree, tvbuff_t* tvb, const RenderItem& item)
{
    int id = hf[item.field];
    switch (field_specs[item.field].type) {
    case FT_STRING: return proto_tree_add_string(tree, id, tvb, 0, 0, item.text);
    case FT_INT32: return proto_tree_add_int(tree, id, tvb, 0, 0, static_cast<gint32>(item.number));
    case FT_INT64: return proto_tree_add_int64(tree, id, tvb, 0, 0, item.number);
    case FT_ABSOLUTE_TIME: {
        nstime_t time = {static_cast<time_t>(item.number), 0};
        return proto_tree_add_time(tree, id, tvb, 0, 0, &time);
    }
    case FT_UINT64: return proto_tree_add_uint64(tree, id, tvb, 0, 0, static_cast<guint64>(item.number));
    case FT_UINT16:
    case FT_UINT32: return proto_tree_add_uint(tree, id, tvb, 0, 0, static_cast<guint32>(item.number));
    case FT_FRAMENUM: return proto_tree_add_uint(tree, id, tvb, 0, 0, static_cast<guint32>(item.number));
    default: return nullptr;
    }
}

}  // namespace

void kerbdiag_render_register(int proto)
{
    register_fields(proto);
    static gint* etts[] = {&ett_kerbdiag, &ett_group};
    proto_register_subtree_array(etts, G_N_ELEMENTS(etts));
    register_expert_fields(proto);
    interned_strings = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}

const FrameRecord* kerbdiag_record_build(const FrameObservation& frame, const FrameDiagnosis& diagnosis,
                                         const ProblemBook& problems)
{
    RecordBuilder out;
    for (const auto& dns : frame.dns) add_dns(out, dns);
    for (const auto& msg : frame.kerberos) add_kerberos(out, msg);
    for (const auto& http : frame.http) add_http(out, http);
    add_diagnosis_facts(out, diagnosis);
    for (const auto& finding : diagnosis.findings)
        if (finding.rule) add_finding(out, finding, problems);
    for (const auto& update : diagnosis.problems)
        if (const Problem* problem = problems.find(update.problem)) add_problem(out, *problem, update.change);
    return out.finish(verdict_name(diagnosis.verdict));
}

void kerbdiag_render(const FrameRecord* record, tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int proto)
{
    proto_item* top = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(top);
    proto_tree* levels[2] = {proto_item_add_subtree(top, ett_kerbdiag), nullptr};
    proto_item* group_item = top;
    if (record->verdict) {
        proto_item* verdict = proto_tree_add_string(levels[0], hf[RF_VERDICT], tvb, 0, 0, record->verdict);
        proto_item_set_generated(verdict);
        proto_item_append_text(top, ", verdict: %s", record->verdict);
    }
    for (guint i = 0; i < record->count; ++i) {
        const RenderItem& item = record->items[i];
        proto_tree* parent = item.depth > 0 && levels[1] ? levels[1] : levels[0];
        if (item.field == RF_EXPERT) {
            expert_add_info_format(pinfo, group_item, &ei_rules[item.number], "%s", item.text);
            continue;
        }
        proto_item* added = add_item(parent, tvb, item);
        proto_item_set_generated(added);
        if ((item.field == RF_RELATED || item.field == RF_PROBLEM_EVIDENCE) && item.text)
            proto_item_append_text(added, " (%s)", item.text);
        if (item.field == RF_RULE) proto_item_append_text(top, ", %s", item.text);
        if (opens_group(item.field)) {
            group_item = added ? added : top;
            levels[1] = proto_item_add_subtree(added, ett_group);
        }
    }
}
