#include "state.h"

#include "names.h"

#include <algorithm>

namespace kerbdiag {

bool HttpRequestInfo::carries_ntlm() const
{
    return mech == Mech::ntlmssp_negotiate || mech == Mech::ntlmssp_auth || iequals(auth_scheme, "NTLM");
}

bool HttpRequestInfo::carries_final_credentials() const
{
    if (auth_scheme.empty()) return false;
    if (mech == Mech::krb5_ap_req || mech == Mech::ntlmssp_auth) return true;
    return iequals(auth_scheme, "Basic") || iequals(auth_scheme, "Digest");
}

bool ntlm_refused(const HttpRequestInfo& request, const HttpMessage& response)
{
    if (request.mech != Mech::ntlmssp_negotiate || response.response_code != 401) return false;
    return std::none_of(response.www_authenticate.begin(), response.www_authenticate.end(),
                        [](const AuthHeader& header) { return header.mech == Mech::ntlmssp_challenge; });
}

void add_frame(std::vector<uint32_t>& frames, uint32_t frame)
{
    constexpr size_t max_frames = 16;
    if (std::find(frames.begin(), frames.end(), frame) != frames.end()) return;
    if (frames.size() == max_frames) frames.erase(frames.begin());
    frames.push_back(frame);
}

void CorrelatorState::expire(int64_t now)
{
    pending_kdc.expire(now);
    clients.expire(now);
    connections.expire(now);
    dns.expire(now);
    front_ends.expire(now);
    rule_state.expire(now);
}

void CorrelatorState::clear()
{
    pending_kdc.clear();
    clients.clear();
    connections.clear();
    dns.clear();
    front_ends.clear();
    rule_state.clear();
    accounts.clear();
}

size_t CorrelatorState::size() const
{
    return pending_kdc.size() + clients.size() + connections.size() + dns.size() + front_ends.size() + rule_state.size();
}

}  // namespace kerbdiag
