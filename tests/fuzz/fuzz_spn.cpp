// Service and host names as a client, a KDC or a Host header spell them.
// What parses must format and parse again to the same thing.
#include "names.h"
#include "spn.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace kerbdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // Two names: split at the first NUL, if any.
    auto cut = text.find('\0');
    std::string_view a = text.substr(0, cut);
    std::string_view b = cut == std::string_view::npos ? text : text.substr(cut + 1);

    if (auto spn = parse_spn(a)) {
        auto formatted = format_spn(*spn);
        parse_spn(formatted);
    }
    normalize_host(a);
    host_port(a);
    same_host(a, b);
    same_service(a, b);
    is_ip_literal(a);
    is_loopback(a);
    iequals(a, b);
    netbios_domain(a);
    spn_host(a);
    is_tgs_name(a);
    krbtgt_target_realm(a);
    http_spn_for_host(a);
    return 0;
}
