// server_keytab_stale (S12 proven by a keytab) on hand-made keytab verdicts.
#include "test_key_verdicts.h"

using namespace lab;

namespace {

KeyVerdict web01_with_http()
{
    return opened_by(2, "WEB01$", {"host/web01.example.test@" + realm, "HTTP/web01.example.test@" + realm}, true);
}

FrameDiagnosis rejected(Capture& capture, const std::string& host, const KeyVerdict& key, int32_t code = 31)
{
    capture.feed(http_request(host, ap_req_opened_by("HTTP/web01.example.test", key)));
    return capture.feed(http_response(401, {negotiate_krb_error(code, "HTTP/web01.example.test")}));
}

}  // namespace

static void the_hosts_own_current_key_rejected_means_a_stale_server_keytab(void**)
{
    Capture capture;
    auto diagnosis = rejected(capture, "web01.example.test", web01_with_http());
    const Finding* finding = find(diagnosis, "server_keytab_stale");
    assert_non_null(finding);
    assert_true(contains(finding->summary, "current key of WEB01$"));
    assert_true(contains(finding->fix, "ktadd -norandkey"));
    assert_true(contains(finding->fix, "kvno 2"));
    assert_string_equal(finding->account.c_str(), "WEB01$");
    assert_null(find(diagnosis, "ticket_wrong_account"));
    assert_true(related_has(*finding, 1));
}

static void silent_for_another_site_name_or_a_service_account(void**)
{
    Capture alias;  // a vhost reached by another name runs as its own identity
    assert_null(find(rejected(alias, "shop.example.test", web01_with_http()), "server_keytab_stale"));
    Capture service;
    assert_null(find(rejected(service, "web01.example.test", svc_web()), "server_keytab_stale"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_hosts_own_current_key_rejected_means_a_stale_server_keytab),
        cmocka_unit_test(silent_for_another_site_name_or_a_service_account),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
