// First pass: the observation and the core's diagnosis of a frame become a
// FrameRecord of plain C data in file scope.
#include <string>
#include <string_view>
#include <vector>

#include "frame_role.h"
#include "problems/frame_story.h"
#include "problems/problem_report.h"
#include "render_parts.h"
#include "rule_catalogue.h"
#include "text_template.h"

using namespace kerbdiag;
using namespace kerbdiag::render;

namespace {

// The same SPNs, hosts and texts recur on thousands of frames: store each
// once per file. Reset automatically when the file scope ends.
wmem_map_t* interned_strings = nullptr;

}  // namespace

namespace kerbdiag::render {

void init_interning()
{
    interned_strings = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}

const char* intern(const std::string& text)
{
    auto* found = static_cast<const char*>(wmem_map_lookup(interned_strings, text.c_str()));
    if (found) return found;
    char* copy = wmem_strdup(wmem_file_scope(), text.c_str());
    wmem_map_insert(interned_strings, copy, copy);
    return copy;
}

}  // namespace kerbdiag::render

namespace {

// Builds a record in one scope: the file's, when the frame may be dissected
// again, or the packet's, when it never will be (one-pass tshark).
class RecordBuilder {
public:
    explicit RecordBuilder(wmem_allocator_t* scope) : scope_(scope), file_scope_(scope == wmem_file_scope()) {}

    const char* keep(const std::string& text)
    {
        return file_scope_ ? intern(text) : wmem_strdup(scope_, text.c_str());
    }
    const char* keep_unless_empty(const std::string& text) { return text.empty() ? nullptr : keep(text); }

    void add_text(RenderField field, guint8 depth, const std::string& text)
    {
        if (text.empty()) return;
        items_.push_back({field, depth, 0, 0, keep(text), 0});
    }
    void add_text(RenderField field, guint8 depth, std::string_view text) { add_text(field, depth, std::string(text)); }
    void add_number(RenderField field, guint8 depth, gint64 number)
    {
        items_.push_back({field, depth, 0, 0, nullptr, number});
    }
    void add_frame_link(uint32_t frame, const std::string& role, RenderField field = RF_RELATED)
    {
        items_.push_back({static_cast<guint16>(field), 1, 0, 0, keep_unless_empty(role), frame});
    }
    void add_problem_tick(const ProblemTick& tick) { ticks_.push_back(tick); }
    void add_expert(size_t rule_index, const Finding& finding)
    {
        items_.push_back({RF_EXPERT, 1, static_cast<guint8>(finding.severity), finding.problem,
                          keep(expert_text(finding.summary)), static_cast<gint64>(rule_index)});
    }

    const FrameRecord* finish(std::string_view verdict, const FrameStory& story)
    {
        if (items_.empty() && verdict.empty()) return nullptr;
        auto* record = wmem_new0(scope_, FrameRecord);
        record->flow_arrow = keep_unless_empty(story.arrow);
        record->flow_comment = keep_unless_empty(story.comment);
        record->info_note = story.note.empty() ? nullptr : keep("[kerbdiag: " + story.note + "]");
        record->items = copy_of(items_);
        record->count = static_cast<guint>(items_.size());
        record->verdict = keep_unless_empty(std::string(verdict));
        record->problem_ticks = ticks_.empty() ? nullptr : copy_of(ticks_);
        record->problem_tick_count = static_cast<guint>(ticks_.size());
        return record;
    }

private:
    template <typename T>
    T* copy_of(const std::vector<T>& list)
    {
        auto* copy = wmem_alloc_array(scope_, T, list.size() ? list.size() : 1);
        std::copy(list.begin(), list.end(), copy);
        return copy;
    }

    wmem_allocator_t* scope_;
    bool file_scope_;
    std::vector<RenderItem> items_;
    std::vector<ProblemTick> ticks_;
};

void add_ticket(RecordBuilder& out, const TicketObservation& ticket)
{
    out.add_text(RF_TICKET, 0, ticket.sname.empty() ? std::string("(no sname)") : ticket.sname);
    out.add_text(RF_TICKET_SPN, 1, ticket.sname);
    if (!ticket.in_padata) out.add_text(RF_SPN, 1, ticket.sname);
    out.add_text(RF_TICKET_REALM, 1, ticket.realm);
    out.add_number(RF_TICKET_ETYPE, 1, ticket.etype);
    if (ticket.kvno) out.add_number(RF_TICKET_KVNO, 1, *ticket.kvno);
    if (!ticket.cipher.empty()) out.add_number(RF_TICKET_CIPHER_LEN, 1, static_cast<gint64>(ticket.cipher.size()));
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
void add_finding(RecordBuilder& out, const Finding& finding, const ProblemBook& problems)
{
    auto rules = rule_catalogue();
    const RuleInfo& rule = *finding.rule;
    out.add_text(RF_FINDING, 0, finding.summary);
    out.add_expert(static_cast<size_t>(&rule - rules.data()), finding);
    out.add_text(RF_RULE, 1, rule.id);
    out.add_text(RF_SCENARIO, 1, rule.scenario);
    out.add_text(RF_SEVERITY, 1, severity_name(finding.severity));
    out.add_text(RF_DETAIL, 1, finding.detail);
    out.add_text(RF_SPN, 1, finding.spn);
    out.add_text(RF_HTTP_HOST, 1, finding.host);
    out.add_text(RF_ACCOUNT, 1, finding.account);
    out.add_text(RF_REALM, 1, finding.realm);
    for (uint32_t frame : finding.related) {
        out.add_frame_link(frame, problems.role_of(frame));
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
        out.add_frame_link(evidence.frame, evidence.role, RF_PROBLEM_EVIDENCE);
    // The statistics row of a problem keeps its target; its cause may be refined.
    std::string row = problem_row(problem);
    std::string cause = problem_cause(problem, problem.rule->id, problem.severity);
    const char* old_cause = nullptr;
    if (change == ProblemChange::upgraded && !problem.upgraded_from.empty())
        old_cause = out.keep(problem_cause(problem, problem.upgraded_from, problem.severity));
    if (change == ProblemChange::recovered)
        old_cause = out.keep(problem_cause(problem, problem.rule->id, problem.rule->severity));
    out.add_problem_tick({out.keep(row), out.keep(cause), old_cause, problem.count});
}

}  // namespace

const FrameRecord* kerbdiag_record_build(const FrameObservation& frame, const FrameDiagnosis& diagnosis,
                                         const ProblemBook& problems, wmem_allocator_t* scope)
{
    RecordBuilder out(scope);
    for (const auto& dns : frame.dns) add_dns(out, dns);
    for (const auto& msg : frame.kerberos) add_kerberos(out, msg);
    for (const auto& http : frame.http) add_http(out, http);
    add_diagnosis_facts(out, diagnosis);
    for (const auto& finding : diagnosis.findings)
        if (finding.rule) add_finding(out, finding, problems);
    for (const auto& update : diagnosis.problems)
        if (const Problem* problem = problems.find(update.problem)) add_problem(out, *problem, update.change);
    return out.finish(verdict_name(diagnosis.verdict), tell_frame(frame, diagnosis, problems));
}
