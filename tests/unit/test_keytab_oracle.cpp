// The keytab oracle on real keytabs and real tickets made with the krb5 API.
// Standard headers first: cmocka defines a fail() macro that clashes with iostreams.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "../../bench/keytab_forge.h"
#include "keytab_oracle.h"

#include "cmocka_cpp.h"

using namespace kerbdiag;
using forge::KeySpec;

namespace {

constexpr int32_t aes256 = ENCTYPE_AES256_CTS_HMAC_SHA1_96;
constexpr int32_t aes128 = ENCTYPE_AES128_CTS_HMAC_SHA1_96;
constexpr int32_t rc4 = ENCTYPE_ARCFOUR_HMAC;

const std::string realm = "@EXAMPLE.TEST";
const std::string web01_salt = "EXAMPLE.TESThostweb01.example.test";
const std::string svc_salt = "EXAMPLE.TESTsvc_web";

std::string temp_path(const char* name) { return "/tmp/kerbdiag-test-" + std::to_string(getpid()) + "-" + name; }

// A computer account (ktpass style: every SPN under the account's salt).
std::vector<KeySpec> web01_keys(uint32_t kvno = 2, const std::string& password = "web01-pass")
{
    std::vector<KeySpec> keys;
    for (const char* name : {"WEB01$", "host/web01.example.test", "HTTP/web01.example.test"})
        for (int32_t enctype : {aes256, aes128})
            keys.push_back({name + realm, kvno, enctype, password, web01_salt});
    return keys;
}

std::vector<KeySpec> svc_web_keys()
{
    std::vector<KeySpec> keys;
    for (const char* name : {"svc_web", "HTTP/alias.example.test"})
        for (int32_t enctype : {aes256, rc4})
            keys.push_back({name + realm, 1, enctype, "svc-pass", svc_salt});
    return keys;
}

std::vector<KeySpec> concat(std::vector<KeySpec> a, const std::vector<KeySpec>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

KeytabLoadReport load(KeytabOracle& oracle, const std::vector<KeySpec>& keys, const char* name = "kt")
{
    std::string path = temp_path(name);
    forge::write_keytab(path, keys);
    KeytabLoadReport report = oracle.load({path});
    unlink(path.c_str());
    return report;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

KERBDIAG_TEST(groups_principals_that_share_a_key_into_one_account)
{
    KeytabOracle oracle;
    KeytabLoadReport report = load(oracle, concat(web01_keys(), svc_web_keys()));
    assert_true(report.ok());
    assert_int_equal(report.entries, 10);
    assert_int_equal(oracle.account_count(), 2);

    auto ticket = forge::make_ticket(web01_keys()[4], "HTTP/web01.example.test" + realm, 2);
    KeyVerdict verdict = oracle.check(ticket);
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::decrypted));
    assert_int_equal(verdict.principals.size(), 3);
    assert_string_equal(verdict.account_name.c_str(), "WEB01$@EXAMPLE.TEST");
    assert_string_equal(verdict.account.c_str(),
                        "WEB01$@EXAMPLE.TEST (also host/web01.example.test@EXAMPLE.TEST, "
                        "HTTP/web01.example.test@EXAMPLE.TEST; kvno 2; aes256-cts-hmac-sha1-96, "
                        "aes128-cts-hmac-sha1-96)");
    assert_true(verdict.computer_account);
    assert_int_equal(*verdict.key_kvno, 2);
    assert_true(verdict.account_id != 0);
}

KERBDIAG_TEST(reads_the_decrypted_ticket)
{
    KeytabOracle oracle;
    load(oracle, web01_keys());
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2));
    assert_string_equal(verdict.client.c_str(), "alice@EXAMPLE.TEST");
    assert_true(verdict.forwardable());
    assert_true(verdict.ok_as_delegate());
    assert_int_equal(*verdict.start_time, 1700000005);
    assert_int_equal(*verdict.end_time, 1700036000);
    assert_int_equal(*verdict.pac_size, 600);

    EncTicketPartSpec plain = forge::alice_ticket_part();
    plain.flags = 0;
    plain.pac.reset();
    plain.start_time.reset();
    verdict = oracle.check(forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2, plain));
    assert_false(verdict.forwardable());
    assert_false(verdict.ok_as_delegate());
    assert_false(verdict.pac_size.has_value());
    assert_int_equal(*verdict.start_time, 1700000000);  // authtime stands in for a missing starttime
}

KERBDIAG_TEST(service_accounts_are_not_computer_accounts)
{
    KeytabOracle oracle;
    load(oracle, concat(web01_keys(), svc_web_keys()));
    auto ticket = forge::make_ticket(svc_web_keys()[0], "HTTP/alias.example.test" + realm, 1);
    KeyVerdict verdict = oracle.check(ticket);
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::decrypted));
    assert_string_equal(verdict.account_name.c_str(), "svc_web@EXAMPLE.TEST");
    assert_false(verdict.computer_account);
    // RC4 keys carry no salt but still belong to the same account.
    KeyVerdict rc4_verdict = oracle.check(forge::make_ticket(svc_web_keys()[1], "HTTP/alias.example.test" + realm, 1));
    assert_int_equal(rc4_verdict.account_id, verdict.account_id);
}

KERBDIAG_TEST(tries_the_tickets_kvno_first)
{
    std::vector<KeySpec> keys;
    for (int i = 0; i < 20; ++i)
        keys.push_back({"HTTP/other" + std::to_string(i) + ".example.test" + realm, 1, aes256, "p" + std::to_string(i),
                        "salt" + std::to_string(i)});
    KeySpec target{"svc_target" + realm, 7, aes256, "target", "EXAMPLE.TESTsvc_target"};
    keys.push_back(target);
    KeytabOracle oracle;
    load(oracle, keys);
    // The SPN names no keytab principal: only the kvno can put the right key first.
    KeyVerdict verdict = oracle.check(forge::make_ticket(target, "HTTP/unknown.example.test" + realm, 7));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::decrypted));
    assert_int_equal(oracle.stats().decrypt_attempts, 1);
}

KERBDIAG_TEST(tries_the_tickets_own_spn_first)
{
    std::vector<KeySpec> keys;
    for (int i = 0; i < 20; ++i)
        keys.push_back({"HTTP/other" + std::to_string(i) + ".example.test" + realm, 2, aes256, "p", "s" + std::to_string(i)});
    keys = concat(keys, web01_keys());
    KeytabOracle oracle;
    load(oracle, keys);
    oracle.check(forge::make_ticket(web01_keys()[4], "HTTP/web01.example.test" + realm, 2));
    assert_int_equal(oracle.stats().decrypt_attempts, 1);
}

KERBDIAG_TEST(a_machine_keytab_gives_its_host_kvnos_for_mapped_services)
{
    // A Samba DC's secrets.keytab: the computer account and HOST/ only; the
    // KDC's cifs/ ticket (kvno 3) is for the same account after a password change.
    std::vector<KeySpec> keys;
    for (const char* name : {"WEB01$", "host/web01.example.test"})
        keys.push_back({name + realm, 2, aes256, "old-password", web01_salt});
    KeytabOracle oracle;
    load(oracle, keys);
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys(3)[0], "cifs/web01.example.test" + realm, 3));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::no_matching_key));
    assert_int_equal(verdict.sname_kvnos.size(), 1);
    assert_int_equal(verdict.sname_kvnos[0], 2);
    assert_true(verdict.sname_via_host);
    assert_string_equal(verdict.sname_holder.c_str(), ("WEB01$" + realm).c_str());
    assert_true(verdict.sname_holder_computer);
    // A name with no host part, or the host's own class, has nothing to fall back on.
    verdict = oracle.check(forge::make_ticket(web01_keys(3)[0], "svc_web" + realm, 3));
    assert_true(verdict.sname_kvnos.empty());
    assert_true(verdict.sname_holder.empty());
}

KERBDIAG_TEST(names_a_service_accounts_keytab_as_the_spns_holder)
{
    std::vector<KeySpec> keys;
    for (const char* name : {"svc_web", "HTTP/web01.example.test"})
        keys.push_back({name + realm, 1, aes256, "old-password", svc_salt});
    KeytabOracle oracle;
    load(oracle, keys);
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys(2)[4], "HTTP/web01.example.test" + realm, 2));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::no_matching_key));
    assert_false(verdict.sname_via_host);
    assert_string_equal(verdict.sname_holder.c_str(), ("svc_web" + realm).c_str());
    assert_false(verdict.sname_holder_computer);
}

KERBDIAG_TEST(reports_a_kvno_mismatch)
{
    KeytabOracle oracle;
    load(oracle, web01_keys(1));  // keytab still at kvno 1, same password
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys(1)[4], "HTTP/web01.example.test" + realm, 2));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::kvno_mismatch));
    assert_int_equal(*verdict.key_kvno, 1);
    assert_string_equal(verdict.client.c_str(), "alice@EXAMPLE.TEST");
}

KERBDIAG_TEST(reports_keys_that_do_not_decrypt)
{
    KeytabOracle oracle;
    load(oracle, web01_keys(1, "old-password"));  // password changed since
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys(2)[4], "HTTP/web01.example.test" + realm, 2));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::no_matching_key));
    assert_int_equal(verdict.sname_kvnos.size(), 1);
    assert_int_equal(verdict.sname_kvnos[0], 1);
    assert_true(verdict.account.empty());
    assert_true(verdict.principals.empty());
}

KERBDIAG_TEST(reports_a_missing_enctype_and_what_the_keytab_has)
{
    KeytabOracle oracle;
    load(oracle, svc_web_keys());
    KeyVerdict verdict = oracle.check(forge::make_ticket(web01_keys()[1], "HTTP/web01.example.test" + realm, 2));
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::no_key_of_etype));
    assert_string_equal(verdict.keytab_etypes.c_str(), "aes256-cts-hmac-sha1-96, arcfour-hmac");
    assert_int_equal(oracle.stats().decrypt_attempts, 0);
}

// Single DES is gone from krb5 1.18+: such entries are skipped, a fact of
// the diagnosis, not a failure.
KERBDIAG_TEST(skips_enctypes_krb5_does_not_support)
{
    std::string path = temp_path("des");
    forge::write_keytab(path, web01_keys());
    krb5_context context;
    krb5_init_context(&context);
    krb5_keytab keytab;
    krb5_kt_resolve(context, ("FILE:" + path).c_str(), &keytab);
    uint8_t des_bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    krb5_keyblock des{KV5M_KEYBLOCK, ENCTYPE_DES_CBC_MD5, 8, des_bytes};
    forge::add_entry(context, keytab, "HTTP/old.example.test" + realm, 1, des);
    krb5_keyblock odd{KV5M_KEYBLOCK, 4242, 8, des_bytes};
    forge::add_entry(context, keytab, "HTTP/odd.example.test" + realm, 1, odd);
    krb5_kt_close(context, keytab);
    krb5_free_context(context);

    KeytabOracle oracle;
    KeytabLoadReport report = oracle.load({path});
    unlink(path.c_str());
    assert_true(report.ok());
    assert_true(report.message().empty());
    assert_int_equal(report.facts.size(), 1);
    const KeytabFact& skipped = report.facts[0];
    assert_int_equal(static_cast<int>(skipped.kind), static_cast<int>(KeytabFactKind::unsupported_enctypes));
    assert_int_equal(skipped.enctypes.size(), 2);
    assert_int_equal(skipped.enctypes[1], 4242);
    assert_true(contains(skipped.detail, "2 entries of " + path.substr(path.rfind('/') + 1) + " skipped"));
    assert_true(contains(skipped.detail, "HTTP/old.example.test@EXAMPLE.TEST kvno 1"));
    assert_true(contains(skipped.detail, "etype 4242"));
    assert_int_equal(oracle.facts().size(), 1);
    assert_int_equal(oracle.account_count(), 1);

    TicketObservation des_ticket;
    des_ticket.etype = ENCTYPE_DES_CBC_MD5;
    des_ticket.cipher.assign(64, 0x42);
    KeyVerdict verdict = oracle.check(des_ticket);
    assert_int_equal(static_cast<int>(verdict.kind), static_cast<int>(KeyVerdictKind::no_key_of_etype));
    assert_true(contains(verdict.keytab_etypes, "aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96 (skipped, unsupported: "));
}

KERBDIAG_TEST(keeps_two_accounts_that_claim_one_spn_apart)
{
    // Duplicate SPN exported from both accounts: same name and kvno, other keys.
    std::vector<KeySpec> keys = {
        {"svc_a" + realm, 2, aes256, "a", "EXAMPLE.TESTsvc_a"},
        {"HTTP/web.example.test" + realm, 2, aes256, "a", "EXAMPLE.TESTsvc_a"},
        {"svc_b" + realm, 2, aes256, "b", "EXAMPLE.TESTsvc_b"},
        {"HTTP/web.example.test" + realm, 2, aes256, "b", "EXAMPLE.TESTsvc_b"},
    };
    KeytabOracle oracle;
    KeytabLoadReport report = load(oracle, keys);
    assert_int_equal(oracle.account_count(), 2);
    assert_true(report.ok());
    assert_true(report.message().empty());  // evidence for the diagnosis, not a failure
    assert_int_equal(report.facts.size(), 1);
    const KeytabFact& fact = report.facts[0];
    assert_int_equal(static_cast<int>(fact.kind), static_cast<int>(KeytabFactKind::two_keys));
    assert_string_equal(fact.name.c_str(), "HTTP/web.example.test");
    assert_string_equal(fact.realm.c_str(), "EXAMPLE.TEST");
    assert_int_equal(fact.accounts.size(), 2);
    assert_string_equal(fact.accounts[0].c_str(), "svc_a@EXAMPLE.TEST");
    assert_string_equal(fact.accounts[1].c_str(), "svc_b@EXAMPLE.TEST");
    assert_int_equal(fact.kvnos.size(), 1);
    assert_int_equal(fact.kvnos[0], 2);
    assert_true(contains(fact.detail, "HTTP/web.example.test@EXAMPLE.TEST (kvno 2) is listed under different "
                                      "aes256-cts-hmac-sha1-96 keys"));
    assert_true(contains(fact.detail, "those of svc_a@EXAMPLE.TEST and svc_b@EXAMPLE.TEST"));
    KeyVerdict a = oracle.check(forge::make_ticket(keys[1], "HTTP/web.example.test" + realm, 2));
    KeyVerdict b = oracle.check(forge::make_ticket(keys[3], "HTTP/web.example.test" + realm, 2));
    assert_string_equal(a.account_name.c_str(), "svc_a@EXAMPLE.TEST");
    assert_string_equal(b.account_name.c_str(), "svc_b@EXAMPLE.TEST");
}

KERBDIAG_TEST(reports_old_kvnos_and_rc4_only_accounts_as_facts)
{
    std::vector<KeySpec> keys = {
        {"WEB01$" + realm, 1, aes256, "old", "EXAMPLE.TESThostweb01.example.test"},
        {"WEB01$" + realm, 2, aes256, "new", "EXAMPLE.TESThostweb01.example.test"},
        {"HTTP/legacy.example.test" + realm, 1, ENCTYPE_ARCFOUR_HMAC, "legacy", ""},
    };
    KeytabOracle oracle;
    KeytabLoadReport report = load(oracle, keys);
    assert_true(report.ok());
    assert_int_equal(report.facts.size(), 2);
    const KeytabFact& kvnos = report.facts[0];
    assert_int_equal(static_cast<int>(kvnos.kind), static_cast<int>(KeytabFactKind::several_kvnos));
    assert_string_equal(kvnos.name.c_str(), "WEB01$");
    assert_int_equal(kvnos.account_ids.size(), 2);  // two passwords: two sets of key bytes
    assert_int_equal(kvnos.kvnos.size(), 2);
    assert_true(contains(kvnos.detail, "WEB01$@EXAMPLE.TEST is in "));
    assert_true(contains(kvnos.detail, " at kvnos 1, 2"));
    const KeytabFact& rc4 = report.facts[1];
    assert_int_equal(static_cast<int>(rc4.kind), static_cast<int>(KeytabFactKind::rc4_only));
    assert_string_equal(rc4.name.c_str(), "HTTP/legacy.example.test");
    assert_true(contains(rc4.detail, "has only arcfour-hmac keys"));
}

KERBDIAG_TEST(a_usable_keytab_with_no_oddity_has_no_facts)
{
    KeytabOracle oracle;
    KeytabLoadReport report = load(oracle, concat(web01_keys(), svc_web_keys()));
    assert_true(report.facts.empty());
}

KERBDIAG_TEST(decrypts_a_reused_ticket_once)
{
    KeytabOracle oracle;
    load(oracle, concat(web01_keys(), svc_web_keys()));
    auto ticket = forge::make_ticket(web01_keys()[4], "HTTP/web01.example.test" + realm, 2);
    for (int i = 0; i < 100; ++i)
        assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::decrypted));
    assert_int_equal(oracle.stats().verdicts_computed, 1);
    assert_int_equal(oracle.stats().cache_hits, 99);
    assert_int_equal(oracle.stats().decrypt_attempts, 1);
}

KERBDIAG_TEST(bounds_the_cache)
{
    KeytabOracle oracle(KeytabOracleLimits{2});
    load(oracle, web01_keys());
    std::vector<TicketObservation> tickets;
    for (int i = 0; i < 6; ++i) {
        EncTicketPartSpec part = forge::alice_ticket_part();
        part.auth_time += i;
        tickets.push_back(forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2, part));
    }
    for (const auto& ticket : tickets) oracle.check(ticket);
    oracle.check(tickets.back());
    assert_int_equal(oracle.stats().verdicts_computed, 6);
    oracle.check(tickets.front());  // evicted long ago
    assert_int_equal(oracle.stats().verdicts_computed, 7);
}

KERBDIAG_TEST(annotates_every_ticket_of_a_frame)
{
    KeytabOracle oracle;
    load(oracle, web01_keys());
    auto ticket = forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2);
    FrameObservation frame;
    frame.kerberos.emplace_back().tickets.push_back(ticket);
    HttpMessage request;
    request.authorization.emplace().kerberos.emplace_back().tickets.push_back(ticket);
    frame.http.push_back(request);
    oracle.annotate(frame);
    assert_int_equal(static_cast<int>(frame.kerberos[0].tickets[0].key.kind), static_cast<int>(KeyVerdictKind::decrypted));
    assert_int_equal(static_cast<int>(frame.http[0].authorization->kerberos[0].tickets[0].key.kind),
                     static_cast<int>(KeyVerdictKind::decrypted));
}

KERBDIAG_TEST(opens_the_clients_pa_enc_timestamp)
{
    KeySpec alice{"alice" + realm, 1, aes256, "alice-pass", "EXAMPLE.TESTalice"};
    KeytabOracle oracle;
    load(oracle, concat(web01_keys(), {alice}));
    KerberosMessage as_req = forge::make_as_req(alice, "alice", "EXAMPLE.TEST", 1700000000);
    assert_int_equal(*oracle.open_pa_timestamp(as_req), 1700000000);

    FrameObservation frame;
    frame.kerberos.push_back(as_req);
    oracle.annotate(frame);
    assert_int_equal(*frame.kerberos[0].pa_timestamp, 1700000000);

    // Another principal's request, a key of another enctype, a wrong password: unread.
    KerberosMessage bob = forge::make_as_req(alice, "bob", "EXAMPLE.TEST", 1700000000);
    assert_false(oracle.open_pa_timestamp(bob).has_value());
    KeySpec alice_aes128{"alice" + realm, 1, aes128, "alice-pass", "EXAMPLE.TESTalice"};
    assert_false(oracle.open_pa_timestamp(forge::make_as_req(alice_aes128, "alice", "EXAMPLE.TEST", 1)).has_value());
    KeySpec wrong{"alice" + realm, 1, aes256, "other-pass", "EXAMPLE.TESTalice"};
    assert_false(oracle.open_pa_timestamp(forge::make_as_req(wrong, "alice", "EXAMPLE.TEST", 1)).has_value());
}

KERBDIAG_TEST(leaves_tickets_alone_without_a_keytab)
{
    KeytabOracle oracle;
    auto ticket = forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2);
    assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::not_tried));
    assert_int_equal(oracle.stats().tickets_checked, 0);
}

KERBDIAG_TEST(leaves_tgts_alone_unless_the_keytab_holds_a_kdc_key)
{
    KeySpec krbtgt{"krbtgt/EXAMPLE.TEST" + realm, 1, aes256, "kdc", "EXAMPLE.TESTkrbtgtEXAMPLE.TEST"};
    auto tgt = forge::make_ticket(krbtgt, "krbtgt/EXAMPLE.TEST" + realm, 1);
    KeytabOracle oracle;
    load(oracle, web01_keys());
    assert_int_equal(static_cast<int>(oracle.check(tgt).kind), static_cast<int>(KeyVerdictKind::not_tried));
    assert_int_equal(oracle.stats().decrypt_attempts, 0);
    load(oracle, concat(web01_keys(), {krbtgt}));
    assert_int_equal(static_cast<int>(oracle.check(tgt).kind), static_cast<int>(KeyVerdictKind::decrypted));
}

KERBDIAG_TEST(reloading_replaces_the_keys)
{
    KeytabOracle oracle;
    load(oracle, web01_keys());
    auto ticket = forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2);
    assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::decrypted));
    load(oracle, svc_web_keys());
    assert_int_equal(oracle.account_count(), 1);
    assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::no_matching_key));
}

KERBDIAG_TEST(merges_several_keytab_files)
{
    std::string a = temp_path("a"), b = temp_path("b");
    forge::write_keytab(a, web01_keys());
    forge::write_keytab(b, concat(svc_web_keys(), web01_keys()));  // web01 again: same account
    KeytabOracle oracle;
    KeytabLoadReport report = oracle.load(split_keytab_paths(a + ":" + b, ':'));
    unlink(a.c_str());
    unlink(b.c_str());
    assert_true(report.ok());
    assert_int_equal(oracle.account_count(), 2);
}

KERBDIAG_TEST(splits_path_lists)
{
    auto paths = split_keytab_paths(" /a.keytab::/b c.keytab : ", ':');
    assert_int_equal(paths.size(), 2);
    assert_string_equal(paths[0].c_str(), "/a.keytab");
    assert_string_equal(paths[1].c_str(), "/b c.keytab");
    assert_true(split_keytab_paths("", ':').empty());
}

// ---- Bad keytabs ----------------------------------------------------------------

namespace {

void write_bytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_bytes(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

// The oracle must still work (without keys) after a failed load.
void assert_usable_and_empty(KeytabOracle& oracle)
{
    assert_true(oracle.empty());
    auto ticket = forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2);
    assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::not_tried));
}

void assert_load_fails(const std::string& path, const char* expected)
{
    KeytabOracle oracle;
    load(oracle, web01_keys());  // a previous good keytab must not survive a bad one
    KeytabLoadReport report = oracle.load({path});
    assert_false(report.ok());
    std::string message = report.message();
    if (!contains(message, "keytab " + path + ": ") || !contains(message, expected))
        fail_msg("unexpected message for %s: %s", path.c_str(), message.c_str());
    assert_usable_and_empty(oracle);
}

}  // namespace

KERBDIAG_TEST(reports_a_missing_file)
{
    assert_load_fails("/nonexistent/kerbdiag.keytab", "cannot open: No such file or directory");
}

KERBDIAG_TEST(reports_a_directory) { assert_load_fails("/tmp", "is a directory"); }

KERBDIAG_TEST(reports_an_empty_file)
{
    std::string path = temp_path("empty");
    write_bytes(path, "");
    assert_load_fails(path, "the file is empty");
    write_bytes(path, std::string("\x05\x02", 2));
    assert_load_fails(path, "contains no keys");
    unlink(path.c_str());
}

KERBDIAG_TEST(reports_a_file_that_is_not_a_keytab)
{
    std::string path = temp_path("garbage");
    write_bytes(path, "-----BEGIN CERTIFICATE-----\nMIIB...\n");
    assert_load_fails(path, "not a keytab");
    unlink(path.c_str());
}

KERBDIAG_TEST(reports_a_truncated_keytab_and_keeps_its_complete_entries)
{
    std::string path = temp_path("truncated");
    forge::write_keytab(path, web01_keys());
    std::string bytes = read_bytes(path);
    write_bytes(path, bytes.substr(0, bytes.size() - 10));
    KeytabOracle oracle;
    KeytabLoadReport report = oracle.load({path});
    assert_false(report.ok());
    assert_true(contains(report.message(), "keytab " + path + ": truncated: entry 6 needs"));
    assert_int_equal(report.entries, 5);
    auto ticket = forge::make_ticket(web01_keys()[0], "HTTP/web01.example.test" + realm, 2);
    assert_int_equal(static_cast<int>(oracle.check(ticket).kind), static_cast<int>(KeyVerdictKind::decrypted));

    write_bytes(path, bytes.substr(0, 40));  // cut inside the first entry
    assert_load_fails(path, "truncated: entry 1 needs");
    unlink(path.c_str());
}

KERBDIAG_TEST(keeps_good_files_when_another_fails)
{
    std::string good = temp_path("good");
    forge::write_keytab(good, web01_keys());
    KeytabOracle oracle;
    KeytabLoadReport report = oracle.load({"/nonexistent.keytab", good});
    unlink(good.c_str());
    assert_int_equal(report.errors.size(), 1);
    assert_int_equal(oracle.account_count(), 1);
}

// ---- Key material never leaks into text ---------------------------------------------

namespace {

std::string hex(const uint8_t* bytes, size_t length)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < length; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

std::string lower(std::string text)
{
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void collect_texts(const KeyVerdict& verdict, std::vector<std::string>& texts)
{
    texts.insert(texts.end(), {verdict.account, verdict.account_name, verdict.keytab_etypes, verdict.client});
    texts.insert(texts.end(), verdict.principals.begin(), verdict.principals.end());
}

}  // namespace

KERBDIAG_TEST(never_puts_key_bytes_in_any_text)
{
    std::vector<KeySpec> keys = concat(web01_keys(), svc_web_keys());
    KeytabOracle oracle;
    KeytabLoadReport report = load(oracle, keys);
    std::vector<std::string> texts = oracle.account_labels();
    texts.push_back(report.message());
    for (const auto& spec : keys) collect_texts(oracle.check(forge::make_ticket(spec, spec.principal, spec.kvno)), texts);
    collect_texts(oracle.check(forge::make_ticket(KeySpec{"x" + realm, 1, aes256, "x", "x"}, "x" + realm, 1)), texts);

    krb5_context context;
    krb5_init_context(&context);
    for (const auto& spec : keys) {
        krb5_keyblock key = forge::derive_key(context, spec);
        std::string raw(reinterpret_cast<const char*>(key.contents), key.length);
        std::string key_hex = hex(key.contents, key.length);
        for (const auto& text : texts) {
            assert_false(contains(lower(text), key_hex.substr(0, 8)));  // not even a prefix, like Wireshark prints
            assert_false(contains(text, raw.substr(0, 4)));
        }
        krb5_free_keyblock_contents(context, &key);
    }
    krb5_free_context(context);
}

