// keytab_several_kvnos on hand-made keytab facts and verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeytabFact web01_two_passwords()
{
    return keytab_fact(KeytabFactKind::several_kvnos, "WEB01$", {"WEB01$"}, {1, 2}, {1, 2});
}

}  // namespace

KERBDIAG_TEST(several_kvnos_are_a_note_of_the_keytab)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web01_two_passwords()});
    const Problem* problem = only_problem(capture.correlator);
    assert_non_null(problem);
    assert_int_equal(problem->severity, Severity::note);
    assert_true(contains(problem->summary, "The keytab holds WEB01$ at key versions 1 and 2"));
}

KERBDIAG_TEST(the_first_ticket_says_which_kvno_the_kdc_uses)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web01_two_passwords()});
    auto diagnosis = capture.feed(tgs_rep_with(opened_by(2, "WEB01$", {})));
    const Finding* finding = find(diagnosis, "keytab_several_kvnos");
    assert_non_null(finding);
    assert_true(contains(finding->detail, "opens with WEB01$'s key of kvno 2; the keytab also holds kvno 1."));
    assert_null(find(capture.feed(tgs_rep_with(opened_by(2, "WEB01$", {}))), "keytab_several_kvnos"));
}

KERBDIAG_TEST(a_ticket_no_key_opens_is_not_explained)
{
    Capture capture;
    capture.correlator.set_keytab_facts({web01_two_passwords()});
    auto diagnosis = capture.feed(tgs_rep_with(verdict(KeyVerdictKind::no_matching_key)));
    assert_null(find(diagnosis, "keytab_several_kvnos"));
}
