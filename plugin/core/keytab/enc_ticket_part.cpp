#include "enc_ticket_part.h"

namespace kerbdiag {
namespace {

using der::Bytes;
using der::Reader;

// The value inside explicit tag [n], itself wrapping one TLV of `inner_tag`.
std::optional<Bytes> explicit_field(Reader& reader, unsigned n, uint8_t inner_tag)
{
    auto outer = reader.next_if(der::context(n));
    if (!outer) return std::nullopt;
    return der::unwrap(outer->value, inner_tag);
}

std::optional<uint32_t> read_flags(Bytes bit_string)
{
    // First octet counts the unused trailing bits; the flags follow, MSB first.
    if (bit_string.empty()) return std::nullopt;
    uint32_t flags = 0;
    for (size_t i = 1; i < bit_string.size() && i <= 4; ++i)
        flags |= static_cast<uint32_t>(bit_string[i]) << (8 * (4 - i));
    return flags;
}

std::string as_string(Bytes value) { return std::string(value.begin(), value.end()); }

std::optional<std::string> read_principal_name(Bytes sequence)
{
    Reader reader(sequence);
    if (!explicit_field(reader, 0, der::tag_integer)) return std::nullopt;
    auto names = explicit_field(reader, 1, der::tag_sequence);
    if (!names) return std::nullopt;
    std::string joined;
    Reader components(*names);
    while (auto component = components.next()) {
        if (!joined.empty()) joined += '/';
        joined += as_string(component->value);
    }
    return joined;
}

std::optional<int64_t> read_time(Reader& reader, unsigned n)
{
    auto value = explicit_field(reader, n, der::tag_generalized_time);
    if (!value) return std::nullopt;
    return der::read_generalized_time(*value);
}

// Finds the PAC in AuthorizationData, looking inside AD-IF-RELEVANT
// containers (where Windows and MIT KDCs put it) up to a small depth.
std::optional<uint32_t> find_pac_size(Bytes authorization_data, int depth = 0)
{
    if (depth > 3) return std::nullopt;
    Reader elements(authorization_data);
    while (auto element = elements.next()) {
        Reader fields(element->value);
        auto type_value = explicit_field(fields, 0, der::tag_integer);
        auto data = explicit_field(fields, 1, der::tag_octet_string);
        if (!type_value || !data) continue;
        auto type = der::read_integer(*type_value);
        if (type == ad_win2k_pac) return static_cast<uint32_t>(data->size());
        if (type == ad_if_relevant) {
            auto inner = der::unwrap(*data, der::tag_sequence);
            if (!inner) continue;
            if (auto size = find_pac_size(*inner, depth + 1)) return size;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<EncTicketPart> decode_enc_ticket_part(Bytes plaintext)
{
    auto body = der::unwrap(plaintext, der::application(3));
    if (!body) return std::nullopt;
    auto sequence = der::unwrap(*body, der::tag_sequence);
    if (!sequence) return std::nullopt;
    Reader reader(*sequence);

    EncTicketPart part;
    auto flags = explicit_field(reader, 0, der::tag_bit_string);
    if (!flags || !reader.next_if(der::context(1))) return std::nullopt;  // [1] key: skipped
    auto crealm = explicit_field(reader, 2, der::tag_general_string);
    auto cname = explicit_field(reader, 3, der::tag_sequence);
    if (!crealm || !cname || !reader.next_if(der::context(4))) return std::nullopt;
    auto client = read_principal_name(*cname);
    auto flag_bits = read_flags(*flags);
    auto auth_time = read_time(reader, 5);
    if (!client || !flag_bits || !auth_time) return std::nullopt;
    part.flags = *flag_bits;
    part.client = *client + "@" + as_string(*crealm);
    part.auth_time = *auth_time;
    part.start_time = read_time(reader, 6);
    auto end_time = read_time(reader, 7);
    if (!end_time) return std::nullopt;
    part.end_time = *end_time;
    part.renew_till = read_time(reader, 8);
    reader.next_if(der::context(9));  // caddr: not reported
    if (auto authorization = explicit_field(reader, 10, der::tag_sequence))
        part.pac_size = find_pac_size(*authorization);
    return part;
}

namespace {

std::vector<uint8_t> explicit_tlv(unsigned n, Bytes inner) { return der::tlv(der::context(n), inner); }

std::vector<uint8_t> string_tlv(const std::string& text)
{
    return der::tlv(der::tag_general_string,
                    Bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

std::vector<uint8_t> encode_principal_name(const std::vector<std::string>& components)
{
    std::vector<uint8_t> names;
    for (const auto& component : components) {
        auto encoded = string_tlv(component);
        names.insert(names.end(), encoded.begin(), encoded.end());
    }
    return der::tlv(der::tag_sequence,
                    der::concat({explicit_tlv(0, der::integer(1)),
                                 explicit_tlv(1, der::tlv(der::tag_sequence, names))}));
}

std::vector<uint8_t> encode_auth_data_element(int64_t type, Bytes data)
{
    return der::tlv(der::tag_sequence,
                    der::concat({explicit_tlv(0, der::integer(type)),
                                 explicit_tlv(1, der::tlv(der::tag_octet_string, data))}));
}

std::vector<uint8_t> encode_pac(Bytes pac)
{
    auto inner = der::tlv(der::tag_sequence, encode_auth_data_element(ad_win2k_pac, pac));
    return der::tlv(der::tag_sequence, encode_auth_data_element(ad_if_relevant, inner));
}

}  // namespace

std::vector<uint8_t> encode_enc_ticket_part(const EncTicketPartSpec& spec)
{
    const uint8_t flag_bytes[] = {0, static_cast<uint8_t>(spec.flags >> 24),
                                  static_cast<uint8_t>(spec.flags >> 16),
                                  static_cast<uint8_t>(spec.flags >> 8), static_cast<uint8_t>(spec.flags)};
    auto key = der::tlv(der::tag_sequence,
                        der::concat({explicit_tlv(0, der::integer(spec.session_key_etype)),
                                     explicit_tlv(1, der::tlv(der::tag_octet_string, spec.session_key))}));
    auto transited = der::tlv(der::tag_sequence,
                              der::concat({explicit_tlv(0, der::integer(0)),
                                           explicit_tlv(1, der::tlv(der::tag_octet_string, {}))}));
    std::vector<uint8_t> fields = der::concat({
        explicit_tlv(0, der::tlv(der::tag_bit_string, flag_bytes)),
        explicit_tlv(1, key),
        explicit_tlv(2, string_tlv(spec.crealm)),
        explicit_tlv(3, encode_principal_name(spec.cname)),
        explicit_tlv(4, transited),
        explicit_tlv(5, der::generalized_time(spec.auth_time)),
    });
    if (spec.start_time) {
        auto start = explicit_tlv(6, der::generalized_time(*spec.start_time));
        fields.insert(fields.end(), start.begin(), start.end());
    }
    auto end = explicit_tlv(7, der::generalized_time(spec.end_time));
    fields.insert(fields.end(), end.begin(), end.end());
    if (spec.pac) {
        auto authorization = explicit_tlv(10, encode_pac(*spec.pac));
        fields.insert(fields.end(), authorization.begin(), authorization.end());
    }
    return der::tlv(der::application(3), der::tlv(der::tag_sequence, fields));
}

std::optional<int64_t> decode_pa_enc_ts_enc(der::Bytes plaintext)
{
    auto sequence = der::unwrap(plaintext, der::tag_sequence);
    if (!sequence) return std::nullopt;
    Reader reader(*sequence);
    return read_time(reader, 0);
}

std::vector<uint8_t> encode_pa_enc_ts_enc(int64_t patimestamp, uint32_t pausec)
{
    auto time = der::generalized_time(patimestamp);
    auto usec = der::integer(pausec);
    auto time_field = der::tlv(der::context(0), time);
    auto usec_field = der::tlv(der::context(1), usec);
    return der::tlv(der::tag_sequence, der::concat({time_field, usec_field}));
}

}  // namespace kerbdiag
