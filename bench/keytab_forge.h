// Real keytabs and real tickets made with the krb5 API, for the keytab
// oracle's tests and benchmark. Keys derive from passwords with an explicit
// salt, so "one account, several SPNs" (one salt) and "same principal, new
// password" (new kvno) are built the way a KDC builds them.
#pragma once

#include <krb5/krb5.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "enc_ticket_part.h"
#include "observations.h"

namespace kerbdiag::forge {

struct KeySpec {
    std::string principal;   // "HTTP/web01.example.test@EXAMPLE.TEST"
    uint32_t kvno = 1;
    int32_t enctype = ENCTYPE_AES256_CTS_HMAC_SHA1_96;
    std::string password;
    std::string salt;        // e.g. "EXAMPLE.TESTsvc_web"
};

inline void check(krb5_error_code code, const char* what)
{
    if (code != 0) throw std::runtime_error(std::string(what) + " failed: " + std::to_string(code));
}

inline krb5_data text_data(const std::string& text)
{
    return krb5_data{KV5M_DATA, static_cast<unsigned int>(text.size()), const_cast<char*>(text.data())};
}

// Caller frees with krb5_free_keyblock_contents.
inline krb5_keyblock derive_key(krb5_context context, const KeySpec& spec)
{
    krb5_keyblock key{};
    krb5_data password = text_data(spec.password), salt = text_data(spec.salt);
    check(krb5_c_string_to_key(context, spec.enctype, &password, &salt, &key), "krb5_c_string_to_key");
    return key;
}

inline void add_entry(krb5_context context, krb5_keytab keytab, const std::string& principal_name,
                      uint32_t kvno, const krb5_keyblock& key)
{
    krb5_keytab_entry entry{};
    check(krb5_parse_name(context, principal_name.c_str(), &entry.principal), "krb5_parse_name");
    entry.vno = kvno;
    entry.key = key;
    krb5_error_code code = krb5_kt_add_entry(context, keytab, &entry);
    krb5_free_principal(context, entry.principal);
    check(code, "krb5_kt_add_entry");
}

inline void write_keytab(const std::string& path, const std::vector<KeySpec>& specs)
{
    krb5_context context;
    check(krb5_init_context(&context), "krb5_init_context");
    std::remove(path.c_str());
    krb5_keytab keytab;
    std::string name = "FILE:" + path;
    check(krb5_kt_resolve(context, name.c_str(), &keytab), "krb5_kt_resolve");
    for (const auto& spec : specs) {
        krb5_keyblock key = derive_key(context, spec);
        add_entry(context, keytab, spec.principal, spec.kvno, key);
        krb5_free_keyblock_contents(context, &key);
    }
    krb5_kt_close(context, keytab);
    krb5_free_context(context);
}

inline EncTicketPartSpec alice_ticket_part()
{
    EncTicketPartSpec part;
    part.flags = 0x40000000u | 0x00040000u | 0x00800000u;  // forwardable, ok-as-delegate, renewable
    part.crealm = "EXAMPLE.TEST";
    part.cname = {"alice"};
    part.session_key.assign(32, 0x5a);
    part.auth_time = 1700000000;
    part.start_time = 1700000005;
    part.end_time = 1700036000;
    part.pac = std::vector<uint8_t>(600, 0x11);
    return part;
}

// The enc-part of a ticket for `sname`, encrypted with `key_spec`'s key.
inline TicketObservation make_ticket(const KeySpec& key_spec, const std::string& sname, uint32_t kvno,
                                     const EncTicketPartSpec& part = alice_ticket_part())
{
    krb5_context context;
    check(krb5_init_context(&context), "krb5_init_context");
    krb5_keyblock key = derive_key(context, key_spec);
    std::vector<uint8_t> plain = encode_enc_ticket_part(part);
    size_t length = 0;
    check(krb5_c_encrypt_length(context, key.enctype, plain.size(), &length), "krb5_c_encrypt_length");
    TicketObservation ticket;
    ticket.cipher.resize(length);
    krb5_data input{KV5M_DATA, static_cast<unsigned int>(plain.size()), reinterpret_cast<char*>(plain.data())};
    krb5_enc_data output{};
    output.ciphertext = krb5_data{KV5M_DATA, static_cast<unsigned int>(length),
                                  reinterpret_cast<char*>(ticket.cipher.data())};
    check(krb5_c_encrypt(context, &key, 2, nullptr, &input, &output), "krb5_c_encrypt");
    krb5_free_keyblock_contents(context, &key);
    krb5_free_context(context);
    auto at = sname.rfind('@');
    ticket.sname = sname.substr(0, at);
    ticket.realm = sname.substr(at + 1);
    ticket.etype = key_spec.enctype;
    ticket.kvno = kvno;
    return ticket;
}

// An AS-REQ of `cname@realm` whose PA-ENC-TIMESTAMP (key usage 1) carries
// `patimestamp`, encrypted with `key_spec`'s key.
inline KerberosMessage make_as_req(const KeySpec& key_spec, const std::string& cname, const std::string& realm,
                                   int64_t patimestamp)
{
    krb5_context context;
    check(krb5_init_context(&context), "krb5_init_context");
    krb5_keyblock key = derive_key(context, key_spec);
    std::vector<uint8_t> plain = encode_pa_enc_ts_enc(patimestamp, 123456);
    size_t length = 0;
    check(krb5_c_encrypt_length(context, key.enctype, plain.size(), &length), "krb5_c_encrypt_length");
    KerberosMessage msg;
    msg.msg_type = KrbMsgType::as_req;
    msg.cname = cname;
    msg.realm = realm;
    msg.sname = "krbtgt/" + realm;
    msg.pa_enc_timestamp_etype = key_spec.enctype;
    msg.pa_enc_timestamp.resize(length);
    krb5_data input{KV5M_DATA, static_cast<unsigned int>(plain.size()), reinterpret_cast<char*>(plain.data())};
    krb5_enc_data output{};
    output.ciphertext = krb5_data{KV5M_DATA, static_cast<unsigned int>(length),
                                  reinterpret_cast<char*>(msg.pa_enc_timestamp.data())};
    check(krb5_c_encrypt(context, &key, 1, nullptr, &input, &output), "krb5_c_encrypt");
    krb5_free_keyblock_contents(context, &key);
    krb5_free_context(context);
    return msg;
}

}  // namespace kerbdiag::forge
