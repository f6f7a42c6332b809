#include "correlator.h"

namespace kerbdiag {

struct Correlator::State {};

Correlator::Correlator(CorrelatorLimits limits) : limits_(limits), state_(new State) {}

Correlator::~Correlator() { delete state_; }

FrameDiagnosis Correlator::observe(const FrameObservation&)
{
    return {};
}

void Correlator::reset()
{
    delete state_;
    state_ = new State;
}

size_t Correlator::state_size() const { return 0; }

}  // namespace kerbdiag
