#include "krb_errors.h"

#include <vector>

#include "cmocka_cpp.h"

using namespace kerbdiag;

KERBDIAG_TEST(names_and_meanings)
{
    assert_string_equal(krb_error_name(7).c_str(), "KDC_ERR_S_PRINCIPAL_UNKNOWN");
    assert_string_equal(krb_error_name(41).c_str(), "KRB_AP_ERR_MODIFIED");
    assert_string_equal(krb_error_name(999).c_str(), "KRB_ERROR_999");
    assert_non_null(find_krb_error(37));
    assert_null(find_krb_error(999));
    assert_true(is_normal_protocol_step(25));
    assert_true(is_normal_protocol_step(52));
    assert_false(is_normal_protocol_step(24));
}

KERBDIAG_TEST(decodes_kerb_error_data)
{
    // KERB-ERROR-DATA { data-type 3, value: 0xC000006A, reserved 0, flags 1 }
    std::vector<uint8_t> e_data = {0x30, 0x15, 0xa1, 0x03, 0x02, 0x01, 0x03, 0xa2, 0x0e, 0x04, 0x0c,
                                   0x6a, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00};
    auto status = decode_ntstatus(e_data);
    assert_true(status.has_value());
    assert_int_equal(status->code, 0xC000006Au);
    assert_int_equal(status->flags, 1);
    assert_string_equal(describe_ntstatus(status->code).c_str(), "0xC000006A STATUS_WRONG_PASSWORD (the password is wrong)");
}

KERBDIAG_TEST(decodes_method_data_with_pw_salt)
{
    // METHOD-DATA { PA-DATA { 19 (ETYPE-INFO2), "" }, PA-DATA { 3 (PW-SALT), 12 bytes } }
    std::vector<uint8_t> e_data = {0x30, 0x24,
                                   0x30, 0x0b, 0xa1, 0x03, 0x02, 0x01, 0x13, 0xa2, 0x04, 0x04, 0x02, 0x30, 0x00,
                                   0x30, 0x15, 0xa1, 0x03, 0x02, 0x01, 0x03, 0xa2, 0x0e, 0x04, 0x0c,
                                   0x34, 0x02, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    auto status = decode_ntstatus(e_data);
    assert_true(status.has_value());
    assert_int_equal(status->code, 0xC0000234u);
    assert_string_equal(ntstatus_name(status->code).data(), "STATUS_ACCOUNT_LOCKED_OUT");
}

KERBDIAG_TEST(rejects_other_shapes)
{
    std::vector<uint8_t> empty;
    std::vector<uint8_t> truncated = {0x30, 0x15, 0xa1, 0x03};
    std::vector<uint8_t> wrong_type = {0x30, 0x15, 0xa1, 0x03, 0x02, 0x01, 0x02, 0xa2, 0x0e, 0x04, 0x0c,
                                       0x6a, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00};
    std::vector<uint8_t> huge_length = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00};
    assert_false(decode_ntstatus(empty).has_value());
    assert_false(decode_ntstatus(truncated).has_value());
    assert_false(decode_ntstatus(wrong_type).has_value());
    assert_false(decode_ntstatus(huge_length).has_value());
    assert_string_equal(describe_ntstatus(0xC0001234).c_str(), "0xC0001234");
}
