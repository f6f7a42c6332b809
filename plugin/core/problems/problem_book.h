// Problems: what kerbdiag concludes from the findings of a whole capture.
//
// A finding is evidence about one frame. A problem is one root cause: the
// findings that report it again are counted, not repeated; a finding that
// explains the same event better (RuleInfo::refines) upgrades it; a coarser
// explanation of an event is folded in as a detail; and a cause the client
// recovered from (RuleInfo::recoverable) drops to a note when Kerberos to the
// same host later succeeds. One pass, no look-ahead: each change is attached
// to the frame where its evidence completes. State is capped.
#pragma once

#include "finding.h"
#include "observations.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace kerbdiag {

struct ProblemEvidence {
    uint32_t frame = 0;
    std::string role;  // "TGS-REQ HTTP/web01.example.test"; empty when unknown
};

struct Problem {
    static constexpr size_t max_evidence = 24;

    uint32_t number = 0;                 // 1, 2, ... in order of conclusion; stable
    const RuleInfo* rule = nullptr;      // the explanation it stands on now
    Severity severity = Severity::note;
    std::string summary;
    std::string detail;
    std::vector<std::string> fix;        // one step each
    std::string spn, host, account, realm;
    std::vector<ProblemEvidence> evidence;  // frame order; the latest replaces the last when full
    std::vector<std::string> folded;     // coarser explanations of its events, "rule: summary"
    uint32_t count = 0;                  // frames that reported it
    uint32_t first_frame = 0;
    uint32_t last_frame = 0;
    uint32_t concluded_frame = 0;        // where it was concluded, or last upgraded
    std::string upgraded_from;           // rule id it was concluded as first; empty if never upgraded
    uint32_t recovered_frame = 0;        // where the client recovered; 0 if not
    std::string recovered_host;          // the Host it then reached with Kerberos
    // A keytab fact: concluded before the first frame, with no evidence until
    // a ticket it explains arrives; the keytab counts as its first sighting.
    bool keytab = false;

    std::vector<uint32_t> evidence_frames() const;
};

struct ProblemLimits {
    size_t max_problems = 256;
    size_t max_roles = 4096;  // frames whose role is remembered for evidence links
};

class ProblemBook {
public:
    explicit ProblemBook(ProblemLimits limits = {});

    // Folds this frame's findings into problems. Findings that explain one
    // event in two ways are merged into the finer one; the frame's changes
    // are listed in diagnosis.problems.
    void observe(const FrameObservation& frame, FrameDiagnosis& diagnosis);

    // What the keytab shows (a problem each, with no evidence frame yet):
    // replaces the keytab problems of an earlier keytab, and is concluded
    // again by every reset().
    void set_keytab_problems(std::vector<Finding> findings);

    // Most severe first, then by first frame.
    std::vector<const Problem*> ranked() const;
    const Problem* find(uint32_t number) const;
    size_t size() const { return problems_.size(); }
    // What a recent frame was ("TGS-REQ HTTP/web01.example.test"); empty when
    // unknown or forgotten. Findings and problems link their evidence with it.
    std::string role_of(uint32_t frame) const;
    void reset();

private:
    Problem* match(const Finding& finding);
    Problem& conclude(const Finding& finding, uint32_t frame);
    void upgrade(Problem& problem, const Finding& finding, uint32_t frame);
    void add_evidence(Problem& problem, const Finding& finding, uint32_t frame, bool retold = false);
    void recover(const FrameDiagnosis& diagnosis, uint32_t frame, std::vector<ProblemUpdate>& updates);
    void remember_role(const FrameObservation& frame);
    void make_room();
    void conclude_keytab_problems();

    ProblemLimits limits_;
    uint32_t next_number_ = 1;
    std::deque<Problem> problems_;
    std::unordered_map<uint32_t, std::string> roles_;
    std::deque<uint32_t> role_order_;
    std::vector<Finding> keytab_findings_;
};

// Merges, within one frame, each finding into a finer one about the same
// event (its summary becomes the finer one's detail).
void fold_same_event(std::vector<Finding>& findings);

}  // namespace kerbdiag
