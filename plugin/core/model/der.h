// A minimal DER reader and writer for the few Kerberos structures kerbdiag
// reads itself (EncTicketPart). Single-byte tags only, which covers every
// tag RFC 4120 uses; indefinite lengths are rejected, as DER forbids them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kerbdiag::der {

using Bytes = std::span<const uint8_t>;

// Tag bytes used by Kerberos.
constexpr uint8_t tag_integer = 0x02;
constexpr uint8_t tag_bit_string = 0x03;
constexpr uint8_t tag_octet_string = 0x04;
constexpr uint8_t tag_general_string = 0x1b;
constexpr uint8_t tag_generalized_time = 0x18;
constexpr uint8_t tag_sequence = 0x30;
constexpr uint8_t context(unsigned n) { return static_cast<uint8_t>(0xa0 | n); }
constexpr uint8_t application(unsigned n) { return static_cast<uint8_t>(0x60 | n); }

struct Tlv {
    uint8_t tag = 0;
    Bytes value;
};

// Reads consecutive TLVs out of a buffer; any malformation ends the reading.
class Reader {
public:
    explicit Reader(Bytes data) : data_(data) {}

    // The next TLV, or nullopt at the end or on malformed input.
    std::optional<Tlv> next();
    // The next TLV if it carries `tag`; otherwise consumes nothing.
    std::optional<Tlv> next_if(uint8_t tag);
    bool at_end() const { return pos_ >= data_.size(); }

private:
    std::optional<size_t> read_length();
    Bytes data_;
    size_t pos_ = 0;
};

// The single TLV `tag` wrapping all of `data` (trailing bytes are ignored:
// some enctypes pad the plaintext).
std::optional<Bytes> unwrap(Bytes data, uint8_t tag);

std::optional<int64_t> read_integer(Bytes value);
// "YYYYMMDDHHMMSSZ" as seconds since the epoch.
std::optional<int64_t> read_generalized_time(Bytes value);

// Writing, for building test and benchmark tickets.
std::vector<uint8_t> tlv(uint8_t tag, Bytes content);
std::vector<uint8_t> integer(int64_t value);
std::vector<uint8_t> generalized_time(int64_t epoch_seconds);
std::vector<uint8_t> concat(std::initializer_list<Bytes> parts);

}  // namespace kerbdiag::der
