// What kerbdiag shows for one frame, stored as plain C data in file scope.
//
// The first pass builds a FrameRecord from the observation and the core's
// diagnosis; every pass renders it. Rendering calls Wireshark APIs that may
// throw (longjmp), so it only touches these trivially destructible structs.
#pragma once

#include <epan/packet.h>
#include <epan/expert.h>

#include "finding.h"
#include "observations.h"
#include "problems/problem_book.h"

enum RenderField : guint16 {
    RF_SPN, RF_REALM, RF_CNAME, RF_KRB_MSG, RF_KRB_CARRIER, RF_KRB_ERROR, RF_KRB_ERROR_NAME,
    RF_KRB_ETEXT, RF_KRB_SERVER, RF_KRB_STIME,
    RF_TICKET, RF_TICKET_SPN, RF_TICKET_REALM, RF_TICKET_ETYPE, RF_TICKET_KVNO, RF_TICKET_CIPHER_LEN,
    RF_TICKET_KEY_VERDICT, RF_TICKET_DECRYPTED_BY, RF_TICKET_ACCOUNT, RF_TICKET_CLIENT,
    RF_TICKET_FLAGS, RF_TICKET_KEY_KVNO, RF_TICKET_KEYTAB_ETYPES, RF_TICKET_KEYTAB_KVNOS, RF_TICKET_START,
    RF_TICKET_END, RF_TICKET_PAC_SIZE,
    RF_HTTP_HOST, RF_HTTP_METHOD, RF_HTTP_URI, RF_HTTP_STATUS, RF_HTTP_AUTH_SCHEME,
    RF_HTTP_AUTH_LEN, RF_HTTP_OFFERED, RF_MECH, RF_NEG_RESULT, RF_NTLM_USER,
    RF_DNS_QUERY, RF_DNS_CNAME, RF_DNS_ADDRESS, RF_DNS_RCODE,
    RF_VERDICT, RF_REQUEST_IN, RF_KRB_REQUESTS_ON_CONN, RF_AUTH_BYTES_ON_CONN, RF_SKEW, RF_SKEW_RESPONDER, RF_SKEW_CLIENT, RF_NTSTATUS,
    RF_FINDING, RF_RULE, RF_SCENARIO, RF_SEVERITY, RF_FIX, RF_DETAIL, RF_ACCOUNT, RF_RELATED,
    RF_PROBLEM, RF_PROBLEM_ID, RF_PROBLEM_RULE, RF_PROBLEM_SCENARIO, RF_PROBLEM_SEVERITY, RF_PROBLEM_CHANGE,
    RF_PROBLEM_COUNT, RF_PROBLEM_DETAIL, RF_PROBLEM_FIX, RF_PROBLEM_EVIDENCE,
    RF_EXPERT,  // number = rule index in the catalogue, text = summary, severity, problem
    RF_COUNT
};

struct RenderItem {
    guint16 field;     // RenderField
    guint8 depth;      // 0 = directly under the kerbdiag item
    guint8 severity;   // RF_EXPERT: the finding's kerbdiag::Severity when concluded
    guint32 problem;   // RF_EXPERT: the problem it is evidence of (0: none)
    const char* text;  // string fields (file scope), NULL otherwise
    gint64 number;     // integer / frame-number fields
};

// What the frame changed in the Problems node of the statistics tree: the
// problem's row gets its count; a row the problem was shown under before an
// upgrade goes to zero.
struct ProblemTick {
    const char* row;        // "1. HTTP/web01.example.test"
    const char* cause;      // "error S2 ticket_wrong_account"
    const char* old_cause;  // NULL unless the cause changed on this frame
    guint count;
};

struct FrameRecord {
    const RenderItem* items;
    guint count;
    const char* verdict;  // NULL when the frame has none
    const char* flow_arrow;    // flow graph label; NULL: not a step of an authentication
    const char* flow_comment;  // flow graph comment: the problems this frame changed
    const char* info_note;     // for the Info column; NULL when it adds nothing
    const ProblemTick* problem_ticks;
    guint problem_tick_count;
};

// hf and ett registration for the kerbdiag protocol.
void kerbdiag_render_register(int proto);

// First pass: converts C++ results to a FrameRecord in `scope` (NULL if
// there is nothing to show): the file scope when the frame may be dissected
// again, else the packet's pool.
const FrameRecord* kerbdiag_record_build(const kerbdiag::FrameObservation& frame,
                                         const kerbdiag::FrameDiagnosis& diagnosis,
                                         const kerbdiag::ProblemBook& problems, wmem_allocator_t* scope);

// Every pass: adds the kerbdiag subtree and expert infos.
void kerbdiag_render(const FrameRecord* record, tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int proto);
