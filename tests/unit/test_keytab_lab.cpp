// The keytab oracle on the lab's keytabs and a ticket issued by the lab's
// MIT KDC (test_captures/, see tests/unit/data/keytab/README.md).
#include <fstream>
#include <string>

#include "keytab_oracle.h"

#include "cmocka_cpp.h"

using namespace kerbdiag;

namespace {

const std::string keytab_dir = KERBDIAG_SOURCE_DIR "/test_captures/keytabs/";

bool lab_present()
{
    return std::ifstream(keytab_dir + "web01.keytab").good();
}

TicketObservation healthy_ticket()
{
    std::ifstream file(KERBDIAG_SOURCE_DIR "/tests/unit/data/keytab/healthy_udp_frame16_ticket.hex");
    std::string hex;
    file >> hex;
    TicketObservation ticket;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        ticket.cipher.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    ticket.realm = "EXAMPLE.TEST";
    ticket.sname = "HTTP/web01.example.test";
    ticket.etype = 18;
    ticket.kvno = 2;
    assert_int_equal(ticket.cipher.size(), 378);
    return ticket;
}

KeyVerdict check_with(const char* keytab, KeytabOracle& oracle)
{
    KeytabLoadReport report = oracle.load({keytab_dir + keytab});
    if (!report.ok()) fail_msg("%s", report.message().c_str());
    return oracle.check(healthy_ticket());
}

int kind(const KeyVerdict& verdict) { return static_cast<int>(verdict.kind); }

}  // namespace

KERBDIAG_TEST(the_computer_account_keytab_is_one_account)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    KeytabLoadReport report = oracle.load({keytab_dir + "web01.keytab"});
    assert_true(report.ok());
    assert_int_equal(report.entries, 6);
    assert_int_equal(oracle.account_count(), 1);
    assert_string_equal(oracle.account_labels()[0].c_str(),
                        "WEB01$@EXAMPLE.TEST (also host/web01.example.test@EXAMPLE.TEST, "
                        "HTTP/web01.example.test@EXAMPLE.TEST; kvno 2; aes256-cts-hmac-sha1-96, "
                        "aes128-cts-hmac-sha1-96)");
}

KERBDIAG_TEST(the_multi_keytab_holds_three_accounts)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    assert_true(oracle.load({keytab_dir + "multi.keytab"}).ok());
    assert_int_equal(oracle.account_count(), 3);  // web01 kvno 2, svc_web, web01 kvno 1
}

KERBDIAG_TEST(a_real_ticket_opens_with_the_servers_keytab)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    KeyVerdict verdict = check_with("web01.keytab", oracle);
    assert_int_equal(kind(verdict), static_cast<int>(KeyVerdictKind::decrypted));
    assert_string_equal(verdict.account_name.c_str(), "WEB01$@EXAMPLE.TEST");
    assert_true(verdict.computer_account);
    assert_string_equal(verdict.client.c_str(), "alice@EXAMPLE.TEST");
    assert_true(verdict.ok_as_delegate());  // the lab flags HTTP/web01 ok-as-delegate
    assert_true(verdict.pac_size.has_value());  // MIT 1.20 KDCs always add a PAC
    assert_true(verdict.start_time.has_value() && verdict.end_time.has_value());
    assert_true(*verdict.end_time > *verdict.start_time);
}

KERBDIAG_TEST(the_multi_keytab_finds_the_right_account_first)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    KeyVerdict verdict = check_with("multi.keytab", oracle);
    assert_int_equal(kind(verdict), static_cast<int>(KeyVerdictKind::decrypted));
    assert_int_equal(*verdict.key_kvno, 2);
    assert_int_equal(oracle.stats().decrypt_attempts, 1);
}

KERBDIAG_TEST(the_stale_keytab_does_not_open_it)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    KeyVerdict verdict = check_with("web01_stale.keytab", oracle);
    assert_int_equal(kind(verdict), static_cast<int>(KeyVerdictKind::no_matching_key));
    assert_int_equal(verdict.sname_kvnos.size(), 1);
    assert_int_equal(verdict.sname_kvnos[0], 1);
}

KERBDIAG_TEST(other_keytabs_say_why_they_do_not_open_it)
{
    if (!lab_present()) skip();
    KeytabOracle oracle;
    assert_int_equal(kind(check_with("unrelated.keytab", oracle)), static_cast<int>(KeyVerdictKind::no_matching_key));
    KeyVerdict verdict = check_with("legacy_rc4.keytab", oracle);
    assert_int_equal(kind(verdict), static_cast<int>(KeyVerdictKind::no_key_of_etype));
    assert_string_equal(verdict.keytab_etypes.c_str(), "arcfour-hmac");
}
