// A flood of distinct clients, SPNs and connections: correlation state stays
// at its caps, and a real failure after the flood is still diagnosed right.
// KERBDIAG_FLOOD_CLIENTS sets the flood's size: 20000 by default,
// 100000 in tests/fuzz/ci.sh, 1000000 in its --long variant.
#include "test_rule_frames.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace lab;

namespace {

size_t flood_clients()
{
    const char* value = std::getenv("KERBDIAG_FLOOD_CLIENTS");
    return value ? std::strtoull(value, nullptr, 10) : 20'000;
}

size_t rss_kib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmRSS:")) return std::strtoull(line.c_str() + 6, nullptr, 10);
    return 0;
}

std::string address(size_t i)
{
    return "10." + std::to_string(i >> 16 & 255) + "." + std::to_string(i >> 8 & 255) + "." + std::to_string(i & 255);
}

// One client: an unanswered TGS-REQ, a TGS-REQ refused with
// S_PRINCIPAL_UNKNOWN (a new problem each time), and an HTTP request on a
// connection of its own that is never answered.
void flood_one(Capture& capture, size_t i)
{
    std::string from = address(i);
    std::string host = "web" + std::to_string(i) + ".example.test";
    auto port = static_cast<uint16_t>(1024 + i % 60'000);
    capture.feed(tgs_req("HTTP/pending" + std::to_string(i) + ".example.test", port, from));
    capture.feed(tgs_req("HTTP/" + host, static_cast<uint16_t>(port + 1), from));
    capture.feed(kdc_error(7, "HTTP/" + host, static_cast<uint16_t>(port + 1), from));
    auto request = http_request(host, std::nullopt, static_cast<uint32_t>(10 + i));
    request.src = from;
    capture.feed(request);
    if (i % 1000 == 0) ++capture.now;
}

}  // namespace

KERBDIAG_TEST(state_stays_capped_and_a_failure_after_the_flood_is_found)
{
    CorrelatorLimits limits;
    Capture capture(limits);
    size_t clients = flood_clients();
    // Long enough to fill every table (one entry per client or more in each).
    size_t warm_up = std::max(clients / 10, 2 * limits.max_entries);
    for (size_t i = 0; i < warm_up; ++i) flood_one(capture, i);
    size_t state_after_warm_up = capture.correlator.state_size();
    size_t rss_after_warm_up = rss_kib();
    size_t most_state = state_after_warm_up;
    for (size_t i = warm_up; i < clients; ++i) {
        flood_one(capture, i);
        if (i % 997 == 0) most_state = std::max(most_state, capture.correlator.state_size());
        assert_true(capture.correlator.problems().size() <= limits.max_problems);
    }
    size_t rss_at_end = rss_kib();
    std::printf("flood: %zu clients, %u frames; state entries %zu after warm-up, at most %zu after; "
                "problems %zu (cap %zu); RSS %zu KiB after warm-up, %zu KiB at end (x%.2f)\n",
                clients, capture.last_frame(), state_after_warm_up, most_state,
                capture.correlator.problems().size(), limits.max_problems, rss_after_warm_up, rss_at_end,
                rss_after_warm_up ? static_cast<double>(rss_at_end) / static_cast<double>(rss_after_warm_up) : 0.0);
    // Past the warm-up every table is full: the state no longer grows.
    assert_true(most_state <= state_after_warm_up);

    capture.feed(tgs_req("HTTP/nospn.example.test"));
    uint32_t request = capture.last_frame();
    auto diagnosis = capture.feed(kdc_error(7, "HTTP/nospn.example.test"));
    const Finding* finding = find(diagnosis, "spn_unknown");
    assert_non_null(finding);
    assert_string_equal(finding->spn.c_str(), "HTTP/nospn.example.test");
    assert_true(related_has(*finding, request));
    assert_int_equal(*diagnosis.request_frame, request);
}
