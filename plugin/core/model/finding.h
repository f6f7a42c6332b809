// A diagnosis attached to one frame.
#pragma once

#include "rule_catalogue.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kerbdiag {

struct Finding {
    const RuleInfo* rule = nullptr;     // never null once produced
    // Usually rule->severity; a rule may raise it for one instance (token_large
    // is an error above 12 KB). The glue should report this one.
    Severity severity = Severity::note;
    std::string summary;                // the rule's summary, placeholders filled; never frame numbers
    std::string fix;                    // the rule's fix, placeholders filled
    std::string detail;                 // this instance in words, may name frames and numbers
    std::vector<uint32_t> related;      // earlier frames that hold the evidence, oldest first
    // The objects the finding names; empty when not applicable.
    std::string spn;
    std::string host;
    std::string account;
    std::string realm;
    // Set by the problem layer: the Problem::number this finding is evidence
    // of (0: none). Its severity may later fall (the client recovered), and
    // what a frame shows on a later pass follows the problem.
    uint32_t problem = 0;
};

// Per-request authentication outcome (kerbdiag.verdict), on the frame where
// it is known:
//   anonymous       request frame: no Authorization, connection not yet authenticated
//   failed          request frame: no Authorization although Kerberos already
//                   failed for this host (the client gave up, e.g. S1 without NTLM)
// and on the response answering a request that carried final credentials
// (AP-REQ, NTLMSSP AUTH, Basic/Digest):
//   kerberos-ok     the AP-REQ was accepted (not answered 401/400)
//   ntlm            NTLM was accepted, Kerberos was never tried for this host
//   ntlm-fallback   NTLM was accepted after Kerberos failed for this host (a TGS
//                   error for its SPN, or an AP-REQ answered 401)
//   failed          the credentials were answered 401 (or 400), or an NTLM
//                   NEGOTIATE was answered 401 without a challenge (the
//                   server refused NTLM: that exchange ends there)
// Intermediate legs (the 401 challenge to an NTLM NEGOTIATE) carry none, so
// each authenticated exchange has exactly one verdict frame and
// `kerbdiag.verdict == "ntlm-fallback"` selects exactly the fallback exchanges.
enum class Verdict { none, kerberos_ok, ntlm_fallback, ntlm, failed, anonymous };

std::string_view verdict_name(Verdict verdict);

// How a frame changed a problem (see problems/problem_book.h).
enum class ProblemChange { concluded, repeated, upgraded, recovered };

struct ProblemUpdate {
    uint32_t problem = 0;  // Problem::number
    ProblemChange change = ProblemChange::concluded;
};

std::string_view problem_change_name(ProblemChange change);

// Everything the core concluded about one frame. The optional members are
// per-frame facts the glue renders as fields when present.
struct FrameDiagnosis {
    std::vector<Finding> findings;
    Verdict verdict = Verdict::none;
    // HTTP response: the request it answers; KDC reply/error: the request.
    std::optional<uint32_t> request_frame;
    // HTTP request carrying Authorization: AP-REQs sent on this connection so
    // far (including this one) and Authorization header bytes spent so far.
    std::optional<uint32_t> kerberos_requests_on_connection;
    std::optional<uint64_t> auth_bytes_on_connection;
    // KRB_AP_ERR_SKEW: responder clock minus client clock, in seconds, when
    // the capture shows it: both clocks read (stime; ctime or PA-ENC-TIMESTAMP),
    // or one read and off the capture clock, which then stands in for the other.
    std::optional<int64_t> skew_seconds;
    // KRB_AP_ERR_SKEW: each party's clock minus the capture clock, when read.
    std::optional<int64_t> responder_offset;   // stime vs the error's capture time
    std::optional<int64_t> client_offset;      // ctime / PA-ENC-TIMESTAMP vs the request's capture time
    // KRB-ERROR with an NTSTATUS in its e-data (Windows).
    std::optional<uint32_t> ntstatus;
    // KRB-ERROR: the error code's name, e.g. "KDC_ERR_S_PRINCIPAL_UNKNOWN".
    std::string error_name;
    // With a verdict on a response: the request's Host and the server address.
    std::string verdict_host;
    std::string verdict_server;
    // The problems this frame concluded, repeated, upgraded or recovered.
    std::vector<ProblemUpdate> problems;
    // An authentication attempt starts here: a server's challenge (401 with a
    // scheme offered) to a request without credentials, or credentials sent
    // unasked on a connection never challenged. Numbered 1, 2, ... in the
    // capture; 0 elsewhere.
    uint32_t attempt = 0;
    std::string attempt_host;  // the request's Host
};

}  // namespace kerbdiag
