// The fault matrix: every client (Odoo over XML-RPC, JSON-RPC, web session and JSON-2,
// Bitrix24, RosDomofon) against every fault of tests/servers/http_faults.py, end to end
// over libcurl. Each case asserts the error class, an upper bound on the time taken, and
// how many times the request reached the server: reads as often as the retry policy
// allows for transient faults (429 and 503 included, waiting out a small Retry-After, which
// a lower time bound checks), creates exactly once; a Retry-After above the clients' cap
// fails a read after one request with a message naming the wait.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "fault_cases.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

int cases_run = 0;

struct Summary {
    ~Summary() {
        if (cases_run > 0) std::printf("fault matrix: %d cases run\n", cases_run);
    }
} summary;

}  // namespace

TEST_CASE("fault matrix: every client against every fault") {
    const auto& clients = all_clients();
    const auto& faults = all_faults();
    const auto client_index = GENERATE_COPY(range<std::size_t>(0, clients.size()));
    const auto fault_index = GENERATE_COPY(range<std::size_t>(0, faults.size()));
    const ClientKind& client = clients[client_index];
    const FaultCase& fault = faults[fault_index];
    for (const Call call : {Call::read, Call::create}) {
        if (call == Call::create && !fault.applies_to_create) continue;
        const CaseResult result = run_case(client, fault, call);
        ++cases_run;
        INFO(client.name << " x " << fault.name << " (" << to_string(call) << ") -> "
                         << result.error_class << " in " << result.seconds << " s, "
                         << result.requests << " request(s): " << result.message);
        std::printf("FAULT %-13s %-22s %-6s -> %-32s %5.2f s (bounds %3.1f-%4.1f s) %s requests\n",
                    client.name.c_str(), fault.name.c_str(), to_string(call),
                    result.error_class.c_str(), result.seconds, fault.min_seconds(call),
                    fault.max_seconds(call),
                    result.requests < 0 ? "-" : std::to_string(result.requests).c_str());
        CHECK(result.error_class == fault.expected_class);
        CHECK(result.seconds >= fault.min_seconds(call));
        CHECK(result.seconds <= fault.max_seconds(call));
        if (fault.counts_requests) CHECK(result.requests == fault.expected_requests(call));
        if (const std::string expected = fault.expected_message(call); !expected.empty())
            CHECK_THAT(result.message, Catch::Contains(expected));
    }
}
