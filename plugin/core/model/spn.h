// Service principal names and host names, as clients and KDCs spell them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kerbdiag {

struct Spn {
    std::string service;  // "HTTP", "host", "MSSQLSvc"; case kept
    std::string host;     // normalised: lower case, no trailing dot
    std::optional<uint16_t> port;
    std::string realm;    // from a "@REALM" suffix, upper case
};

// Parses "HTTP/web01.example.test:8080@EXAMPLE.TEST" and friends. Returns
// nullopt for names without a service/host shape (e.g. "alice").
std::optional<Spn> parse_spn(std::string_view text);

// "HTTP/web01.example.test" (port and realm only when present).
std::string format_spn(const Spn& spn);

// Lower case, trailing dot removed, ":port" and brackets stripped.
std::string normalize_host(std::string_view host);

// The port of a Host header value ("web:8080" -> 8080, "[::1]:80" -> 80).
std::optional<uint16_t> host_port(std::string_view host);

// True when the two names can denote the same machine: equal after
// normalisation, or one is the short (first-label) form of the other.
bool same_host(std::string_view a, std::string_view b);

bool is_ip_literal(std::string_view host);
bool is_loopback(std::string_view host);

// Service names compare case-insensitively ("HTTP" == "http"), as AD does.
bool same_service(std::string_view a, std::string_view b);

}  // namespace kerbdiag
