#include "cmocka_cpp.h"
#include "spn.h"

using namespace kerbdiag;

KERBDIAG_TEST(parses_service_host_port_realm)
{
    auto spn = parse_spn("HTTP/Web01.Example.Test.:8080@example.test");
    assert_true(spn.has_value());
    assert_string_equal(spn->service.c_str(), "HTTP");
    assert_string_equal(spn->host.c_str(), "web01.example.test");
    assert_true(spn->port.has_value());
    assert_int_equal(*spn->port, 8080);
    assert_string_equal(spn->realm.c_str(), "EXAMPLE.TEST");
    assert_string_equal(format_spn(*spn).c_str(), "HTTP/web01.example.test:8080@EXAMPLE.TEST");
}

KERBDIAG_TEST(rejects_names_without_host)
{
    assert_false(parse_spn("alice@EXAMPLE.TEST").has_value());
    assert_false(parse_spn("HTTP/").has_value());
    assert_false(parse_spn("/web01").has_value());
    assert_false(parse_spn("").has_value());
}

KERBDIAG_TEST(keeps_only_the_host_of_three_part_spns)
{
    auto spn = parse_spn("MSSQLSvc/sql.example.test:1433/instance");
    assert_true(spn.has_value());
    assert_string_equal(spn->host.c_str(), "sql.example.test");
    assert_int_equal(*spn->port, 1433);
}

KERBDIAG_TEST(normalises_hosts)
{
    assert_string_equal(normalize_host("WEB01.Example.TEST.").c_str(), "web01.example.test");
    assert_string_equal(normalize_host("web01:8080").c_str(), "web01");
    assert_string_equal(normalize_host("[::1]:80").c_str(), "::1");
    assert_string_equal(normalize_host("::1").c_str(), "::1");
    assert_int_equal(*host_port("web01.example.test:8080"), 8080);
    assert_false(host_port("web01.example.test").has_value());
    assert_false(host_port("web01:99999").has_value());
    assert_false(host_port("web01:").has_value());
}

KERBDIAG_TEST(matches_short_and_fully_qualified_names)
{
    assert_true(same_host("web01", "WEB01.example.test."));
    assert_true(same_host("web01.example.test:8080", "web01.example.test"));
    assert_false(same_host("web01.example.test", "web01.other.test"));
    assert_false(same_host("web01", "web02.example.test"));
    assert_false(same_host("", "web01"));
    assert_false(same_host("127.0.0.1", "127"));
}

KERBDIAG_TEST(recognises_ip_literals_and_loopback)
{
    assert_true(is_ip_literal("127.0.0.21"));
    assert_true(is_ip_literal("127.0.0.21:8080"));
    assert_true(is_ip_literal("[fe80::1]:80"));
    assert_false(is_ip_literal("web01.example.test"));
    assert_true(is_loopback("localhost"));
    assert_true(is_loopback("127.0.0.21"));
    assert_true(is_loopback("[::1]:8080"));
    assert_false(is_loopback("10.0.0.1"));
    assert_false(is_loopback("web01"));
}

KERBDIAG_TEST(compares_services_case_insensitively)
{
    assert_true(same_service("HTTP", "http"));
    assert_false(same_service("HTTP", "host"));
}
