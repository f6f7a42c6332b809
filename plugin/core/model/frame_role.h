// What a frame is, in a few words ("TGS-REQ HTTP/web01.example.test",
// "HTTP 401 krb5-error"), for links from a finding or problem to its evidence.
#pragma once

#include "observations.h"

#include <string>
#include <string_view>

namespace kerbdiag {

std::string_view msg_type_name(KrbMsgType type);
std::string_view mech_name(Mech mech);

// Empty when the frame holds nothing kerbdiag reads.
std::string frame_role(const FrameObservation& frame);

}  // namespace kerbdiag
