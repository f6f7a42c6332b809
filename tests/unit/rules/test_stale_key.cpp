// stale_key (S12) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

KERBDIAG_TEST(reports_a_kvno_mismatch)
{
    Capture capture;
    auto diagnosis = capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch)));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "The keytab's key for HTTP/web01.example.test does not open the kvno 2 ticket: "
                                           "the keytab entry that opens it has kvno 1"));
    assert_true(contains(finding->fix, "ktpass -princ HTTP/web01.example.test@EXAMPLE.TEST"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch))), "stale_key"));  // once
}

KERBDIAG_TEST(reports_a_keytab_from_before_the_password_change)
{
    Capture capture;
    KeyVerdict key = verdict(KeyVerdictKind::no_matching_key);
    key.sname_kvnos = {1};
    auto diagnosis = capture.feed(tgs_rep_with(key));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "holds it only at kvno 1"));
    key.sname_kvnos = {3};
    diagnosis = capture.feed(tgs_rep_with(key, 3));
    finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "the KDC encrypts the SPN for another account"));
    assert_true(contains(finding->fix, "setspn -Q HTTP/web01.example.test"));
}

KERBDIAG_TEST(a_service_accounts_keytab_is_exported_again_for_that_account)
{
    Capture capture;
    KeyVerdict key = verdict(KeyVerdictKind::no_matching_key);
    key.sname_kvnos = {1};
    key.sname_holder = "svc_web@EXAMPLE.TEST";
    auto diagnosis = capture.feed(tgs_rep_with(key));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->fix, "-mapuser EXAMPLE\\svc_web -pass"));
}

KERBDIAG_TEST(a_keytab_of_service_principals_only_names_no_account_to_map)
{
    Capture capture;
    KeyVerdict key = verdict(KeyVerdictKind::no_matching_key);
    key.sname_kvnos = {1};
    key.sname_holder = "HTTP/web01.example.test@EXAMPLE.TEST";
    auto diagnosis = capture.feed(tgs_rep_with(key));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_false(contains(finding->fix, "-mapuser EXAMPLE\\HTTP/"));
}

KERBDIAG_TEST(a_machine_keytab_is_resynced_with_its_computer_account)
{
    Capture capture;
    KeyVerdict key = verdict(KeyVerdictKind::no_matching_key);
    key.sname_kvnos = {1};
    key.sname_holder = "host/web01.example.test@EXAMPLE.TEST";  // no WEB01$ entry
    key.sname_via_host = true;
    auto diagnosis = capture.feed(tgs_rep_with(key));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->fix, "computer account EXAMPLE\\WEB01$"));
    assert_true(contains(finding->fix, "Test-ComputerSecureChannel -Repair"));
    assert_false(contains(finding->fix, "ktpass"));
}

KERBDIAG_TEST(silent_for_good_or_unrelated_keys)
{
    Capture capture;
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::decrypted))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_matching_key))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_key_of_etype))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::not_tried))), "stale_key"));
}
