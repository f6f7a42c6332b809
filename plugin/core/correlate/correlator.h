// Turns each frame's observations, in capture order, into findings.
#pragma once

#include "finding.h"
#include "keytab_fact.h"
#include "observations.h"
#include "problems/problem_book.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace kerbdiag {

struct CorrelatorLimits {
    size_t max_entries = 4096;   // per state table; oldest dropped first
    size_t max_problems = 256;   // root causes kept; the least severe, oldest dropped first
    int64_t max_age_sec = 900;   // evidence older than this is forgotten
};

class Correlator {
public:
    explicit Correlator(CorrelatorLimits limits = {});
    Correlator(const Correlator&) = delete;
    Correlator& operator=(const Correlator&) = delete;
    ~Correlator();

    // One pass, no look-ahead: call once per frame in capture order. Never
    // throws: a rule that fails on odd input loses its findings for that frame.
    FrameDiagnosis observe(const FrameObservation& frame);

    // The root-cause problems concluded so far (diagnosis.problems says
    // which ones each frame changed).
    const ProblemBook& problems() const;

    // Forget everything (a new capture file was opened). The keytab facts
    // stay, and become problems of the new file again.
    void reset();

    // What the loaded keytab showed: a problem each from now on (replacing
    // those of the previous keytab), evidence for the keytab rules.
    // Never throws.
    void set_keytab_facts(std::vector<KeytabFact> facts);

    // Entries currently held, for memory checks.
    size_t state_size() const;

private:
    struct State;
    CorrelatorLimits limits_;
    std::unique_ptr<State> state_;
};

}  // namespace kerbdiag
