// spn_mapped_to_computer (S2 on AD) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeyVerdict web1_computer(std::vector<std::string> spns)
{
    return opened_by(3, "WEB1$", std::move(spns), true);
}

FrameDiagnosis rejected(Capture& capture, const KeyVerdict& key, const std::string& identity)
{
    capture.feed(http_request("web1.example.test", ap_req_opened_by("HTTP/web1.example.test", key)));
    return capture.feed(http_response(401, {negotiate_krb_error(31, identity)}));
}

}  // namespace

static void a_computer_holding_only_host_proves_the_mapping(void**)
{
    Capture capture;
    auto diagnosis = rejected(capture, web1_computer({"host/web1.example.test@" + realm}), "HTTP/web1.example.test");
    const Finding* finding = find(diagnosis, "spn_mapped_to_computer");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "computer account WEB1$, which holds only"));
    assert_true(contains(finding->summary, "no account holds HTTP/web1.example.test"));
    assert_true(contains(finding->fix, "setspn -S HTTP/web1.example.test EXAMPLE\\<site account>"));
    assert_true(contains(finding->fix, "useAppPoolCredentials=false"));
    assert_false(contains(finding->fix, "setspn -D"));
    assert_null(find(diagnosis, "ticket_wrong_account"));
}

static void an_account_only_keytab_hedges_and_names_the_site_account(void**)
{
    Capture capture;  // AD keytabs often hold only WEB1$; a Windows server names its own account
    auto diagnosis = rejected(capture, web1_computer({}), "svc_web");
    const Finding* finding = find(diagnosis, "spn_mapped_to_computer");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "AD does this when no account holds HTTP/web1.example.test"));
    assert_true(contains(finding->fix, "setspn -S HTTP/web1.example.test EXAMPLE\\svc_web"));
}

static void silent_when_the_computer_holds_the_spn_or_serves_another_host(void**)
{
    Capture capture;
    auto holds = rejected(capture, web1_computer({"HTTP/web1.example.test@" + realm}), "HTTP/web1.example.test");
    assert_null(find(holds, "spn_mapped_to_computer"));
    Capture other;
    auto service_account = rejected(other, svc_web(), "HTTP/web1.example.test");
    assert_null(find(service_account, "spn_mapped_to_computer"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_computer_holding_only_host_proves_the_mapping),
        cmocka_unit_test(an_account_only_keytab_hedges_and_names_the_site_account),
        cmocka_unit_test(silent_when_the_computer_holds_the_spn_or_serves_another_host),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
