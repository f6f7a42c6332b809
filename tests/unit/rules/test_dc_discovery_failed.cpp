#include "test_rule_frames.h"

using namespace lab;

KERBDIAG_TEST(fires_on_srv_nxdomain_once)
{
    Capture capture;
    auto diagnosis = capture.feed(dns_answer("_kerberos._tcp.EXAMPLE.TEST", {}, 3, 33));
    const Finding* finding = find(diagnosis, "dc_discovery_failed");
    assert_non_null(finding);
    assert_string_equal(finding->summary.c_str(),
                        "DNS lookup of _kerberos._tcp.example.test failed (NXDOMAIN): the client cannot locate a KDC");
    assert_null(find(capture.feed(dns_answer("_kerberos._tcp.EXAMPLE.TEST", {}, 3, 33)), "dc_discovery_failed"));
}

KERBDIAG_TEST(fires_on_empty_srv_and_on_kdc_names)
{
    Capture capture;
    assert_non_null(find(capture.feed(dns_answer("_ldap._tcp.dc._msdcs.example.test", {}, 0, 33)), "dc_discovery_failed"));
    assert_non_null(find(capture.feed(dns_answer("kdc-old.example.test", {}, 3)), "dc_discovery_failed"));
    capture.feed(dns_answer("_kerberos._udp.example.test", {{"_kerberos._udp.example.test", 33, "dc7.example.test"}}, 0, 33));
    assert_non_null(find(capture.feed(dns_answer("dc7.example.test", {}, 2)), "dc_discovery_failed"));
}

KERBDIAG_TEST(silent_for_other_names)
{
    Capture capture;
    assert_null(find(capture.feed(dns_answer("nosuchhost.example.test", {}, 3)), "dc_discovery_failed"));
    assert_null(find(capture.feed(dns_answer("kdc.example.test", {}, 0, 28)), "dc_discovery_failed"));
}
