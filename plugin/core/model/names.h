// Small naming helpers the rules share: realms, SPNs, auth schemes.
#pragma once

#include "observations.h"

#include <string>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kerbdiag {

bool iequals(std::string_view a, std::string_view b);

// "EXAMPLE.TEST" -> "EXAMPLE": the NetBIOS-style domain admins type in
// setspn commands when nothing better is known.
std::string netbios_domain(std::string_view realm);

// The host of a service name ("HTTP/web01.example.test" -> "web01.example.test");
// empty for names without a host part.
std::string spn_host(std::string_view sname);

// "krbtgt/OTHER.REALM" -> true.
bool is_tgs_name(std::string_view sname);

// The realm a krbtgt/<realm> name points to; empty otherwise.
std::string krbtgt_target_realm(std::string_view sname);

// "HTTP/<host>" for an HTTP Host header value (port kept out, as clients do).
std::string http_spn_for_host(std::string_view host);

// True when a 401 offers the Negotiate scheme (the only way Kerberos travels over HTTP).
bool offers_negotiate(const HttpMessage& response);

// Frame numbers as "frame 12" / "frames 12, 15 and 16".
std::string frames_text(const std::vector<uint32_t>& frames);

}  // namespace kerbdiag
