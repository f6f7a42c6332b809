// The DER reader and the EncTicketPart decoder, on good and broken input.
#include <vector>

#include "der.h"
#include "enc_ticket_part.h"

#include "cmocka_cpp.h"

using namespace kerbdiag;

KERBDIAG_TEST(integers_round_trip)
{
    for (int64_t value : {0LL, 1LL, 127LL, 128LL, 255LL, 256LL, -1LL, -128LL, -129LL, 2147483647LL, -2147483648LL}) {
        auto encoded = der::integer(value);
        auto inner = der::unwrap(encoded, der::tag_integer);
        assert_true(inner.has_value());
        assert_int_equal(*der::read_integer(*inner), value);
    }
    assert_int_equal(der::integer(128).size(), 4);  // 02 02 00 80: minimal, positive
}

KERBDIAG_TEST(times_round_trip)
{
    auto encoded = der::generalized_time(1700000000);
    auto inner = der::unwrap(encoded, der::tag_generalized_time);
    assert_int_equal(*der::read_generalized_time(*inner), 1700000000);
    const uint8_t bad[] = {'2', '0', '2', '4', '0', '1', '0', '1', '0', '0', '0', '0', 'x', '0', 'Z'};
    assert_false(der::read_generalized_time(bad).has_value());
}

KERBDIAG_TEST(long_lengths_are_read)
{
    std::vector<uint8_t> content(300, 7);
    auto encoded = der::tlv(der::tag_octet_string, content);
    assert_int_equal(encoded[1], 0x82);
    assert_int_equal(der::unwrap(encoded, der::tag_octet_string)->size(), 300);
}

KERBDIAG_TEST(malformed_lengths_end_the_reading)
{
    const uint8_t indefinite[] = {0x30, 0x80, 0x00, 0x00};
    const uint8_t too_long[] = {0x04, 0x05, 0x01};
    const uint8_t huge[] = {0x04, 0x85, 1, 2, 3, 4, 5};
    const uint8_t multi_byte_tag[] = {0x1f, 0x81, 0x01, 0x00};
    for (der::Bytes input : {der::Bytes(indefinite), der::Bytes(too_long), der::Bytes(huge), der::Bytes(multi_byte_tag)}) {
        der::Reader reader(input);
        assert_false(reader.next().has_value());
    }
}

KERBDIAG_TEST(every_prefix_of_a_ticket_part_is_rejected_safely)
{
    EncTicketPartSpec spec;
    spec.crealm = "EXAMPLE.TEST";
    spec.cname = {"alice"};
    spec.session_key.assign(32, 1);
    spec.end_time = 1700000000;
    spec.pac = std::vector<uint8_t>(10, 2);
    auto encoded = encode_enc_ticket_part(spec);
    assert_true(decode_enc_ticket_part(encoded).has_value());
    for (size_t length = 0; length < encoded.size(); ++length)
        assert_false(decode_enc_ticket_part(der::Bytes(encoded).first(length)).has_value());
}

KERBDIAG_TEST(trailing_padding_is_ignored)
{
    EncTicketPartSpec spec;
    spec.crealm = "R";
    spec.cname = {"HTTP", "svc"};
    spec.flags = 0x40000000u;
    spec.end_time = 10;
    auto encoded = encode_enc_ticket_part(spec);
    encoded.insert(encoded.end(), 7, 0);
    auto part = decode_enc_ticket_part(encoded);
    assert_true(part.has_value());
    assert_string_equal(part->client.c_str(), "HTTP/svc@R");
    assert_true(part->has(TicketFlag::forwardable));
    assert_false(part->has(TicketFlag::ok_as_delegate));
    assert_false(part->pac_size.has_value());
}
