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
    assert_true(contains(finding->summary, "key changed without a new kvno"));
}

KERBDIAG_TEST(silent_for_good_or_unrelated_keys)
{
    Capture capture;
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::decrypted))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_matching_key))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_key_of_etype))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::not_tried))), "stale_key"));
}
