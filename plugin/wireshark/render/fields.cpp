// The kerbdiag.* field table and its registration.
#include <vector>

#include "krb_errors.h"
#include "render_parts.h"

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

}  // namespace

namespace kerbdiag::render {

int hf[RF_COUNT];

ftenum field_type(guint16 field) { return field_specs[field].type; }

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

}  // namespace kerbdiag::render
