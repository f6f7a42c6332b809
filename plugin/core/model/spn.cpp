#include "spn.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <charconv>

namespace kerbdiag {
namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string upper(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

std::optional<uint16_t> parse_port(std::string_view digits)
{
    if (digits.empty()) return std::nullopt;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value > 65535)
        return std::nullopt;
    return static_cast<uint16_t>(value);
}

// Splits "host:port" / "[v6]:port" / bare IPv6 into host and port text.
std::pair<std::string_view, std::string_view> split_host_port(std::string_view text)
{
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return {text.substr(1), {}};
        auto rest = text.substr(close + 1);
        return {text.substr(1, close - 1), rest.starts_with(':') ? rest.substr(1) : std::string_view{}};
    }
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon)  // none, or bare IPv6
        return {text, {}};
    return {text.substr(0, colon), text.substr(colon + 1)};
}

std::string_view first_label(std::string_view host)
{
    return host.substr(0, host.find('.'));
}

}  // namespace

std::string normalize_host(std::string_view host)
{
    auto name = split_host_port(host).first;
    while (name.ends_with('.')) name.remove_suffix(1);
    return lower(name);
}

std::optional<uint16_t> host_port(std::string_view host)
{
    return parse_port(split_host_port(host).second);
}

std::optional<Spn> parse_spn(std::string_view text)
{
    Spn spn;
    if (auto at = text.rfind('@'); at != std::string_view::npos) {
        spn.realm = upper(text.substr(at + 1));
        text = text.substr(0, at);
    }
    auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size())
        return std::nullopt;
    spn.service = std::string(text.substr(0, slash));
    // "MSSQLSvc/sql:1433/instance" style extra components are kept out of host.
    auto host_part = text.substr(slash + 1);
    host_part = host_part.substr(0, host_part.find('/'));
    auto [name, port] = split_host_port(host_part);
    if (name.empty()) return std::nullopt;
    spn.host = normalize_host(name);
    spn.port = parse_port(port);
    return spn;
}

std::string format_spn(const Spn& spn)
{
    std::string out = spn.service + "/" + spn.host;
    if (spn.port) out += ":" + std::to_string(*spn.port);
    if (!spn.realm.empty()) out += "@" + spn.realm;
    return out;
}

bool same_host(std::string_view a, std::string_view b)
{
    auto na = normalize_host(a);
    auto nb = normalize_host(b);
    if (na.empty() || nb.empty()) return false;
    if (na == nb) return true;
    if (is_ip_literal(na) || is_ip_literal(nb)) return false;
    bool a_short = na.find('.') == std::string::npos;
    bool b_short = nb.find('.') == std::string::npos;
    if (a_short == b_short) return false;
    return first_label(na) == first_label(nb);
}

bool is_ip_literal(std::string_view host)
{
    auto name = std::string(split_host_port(host).first);
    unsigned char buf[16];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

bool is_loopback(std::string_view host)
{
    auto name = normalize_host(host);
    if (name == "localhost" || name.ends_with(".localhost") || name == "::1") return true;
    unsigned char buf[4];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 && buf[0] == 127;
}

bool same_service(std::string_view a, std::string_view b)
{
    return lower(a) == lower(b);
}

}  // namespace kerbdiag
