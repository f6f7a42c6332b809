// stale_key (S12) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

static void reports_a_kvno_mismatch(void**)
{
    Capture capture;
    auto diagnosis = capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch)));
    const Finding* finding = find(diagnosis, "stale_key");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "Keytab is out of date for HTTP/web01.example.test (ticket kvno 2): "
                                           "the keytab entry that opens it has kvno 1"));
    assert_true(contains(finding->fix, "ktpass -princ HTTP/web01.example.test@EXAMPLE.TEST"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::kvno_mismatch))), "stale_key"));  // once
}

static void reports_a_keytab_from_before_the_password_change(void**)
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

static void silent_for_good_or_unrelated_keys(void**)
{
    Capture capture;
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::decrypted))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_matching_key))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_key_of_etype))), "stale_key"));
    assert_null(find(capture.feed(tgs_rep_with(verdict(KeyVerdictKind::not_tried))), "stale_key"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reports_a_kvno_mismatch),
        cmocka_unit_test(reports_a_keytab_from_before_the_password_change),
        cmocka_unit_test(silent_for_good_or_unrelated_keys),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
