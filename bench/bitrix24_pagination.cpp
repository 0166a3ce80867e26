// bench_bitrix24_pagination: how many HTTP requests it takes to read N Bitrix24 users,
// with the three paging modes of bitrix24::list_users, against the fake portal
// (tests/servers/fake_bitrix24.py, started here on a loopback port):
//
//   batched  the first page, then the other pages 50 at a time through `batch`
//            (at most ceil(N / 2500) + 1 requests)
//   fast     ID order, `>ID` filter, start=-1: one request per 50 rows, plus the last
//   classic  one request per 50-row page, following `next` (what a client without
//            batching needs)
//
// The counts come from the portal's own request counter and are cross-checked with the
// client's. "at 2/s" is how long a real portal's bucket (50 burst, 2 per second) makes a
// client wait for that many requests. The fake runs its clock 1000x faster, so the
// benchmark itself takes seconds.
//
// Usage: bench_bitrix24_pagination [N ...]      (default: 100 1000 10000 50000)

#include <cstdio>
#include <cstdlib>
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/core/curl_transport.hpp>
#include <string>
#include <vector>

#include "server_process.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;

namespace {

constexpr double kTimeScale = 1000.0;

struct Portal {
    odoobridge::test::ServerProcess process{"fake_bitrix24.py",
                                            {"--time-scale", std::to_string(kTimeScale)}};
    std::shared_ptr<odoobridge::core::Transport> transport =
        odoobridge::core::make_default_transport();

    json hook(const std::string& method, const std::string& name,
              const json& body = json::object()) {
        const auto response = transport->send({method,
                                               process.url() + "/__test__/" + name,
                                               {{"Content-Type", "application/json"}},
                                               method == "GET" ? std::string() : body.dump(),
                                               {}});
        if (response.status != 200) throw std::runtime_error("hook " + name + ": " + response.body);
        return json::parse(response.body);
    }
};

/// Requests the portal counted to read all `users` users in `mode`.
int requests_for(Portal& portal, int users, b24::PageMode mode) {
    (void)portal.hook("POST", "reset", {{"users", users}});
    b24::ClientOptions options;
    options.credentials = b24::Webhook{portal.process.url() + "/rest/1/s3cr3tc0de4test/"};
    options.rate_limit = {40, 2.0 * kTimeScale};
    options.transport = portal.transport;
    const b24::Client client(options);
    std::size_t rows = 0;
    for (const b24::User& user : b24::list_users(client, {}, mode)) rows += user.ID > 0 ? 1 : 0;
    const json stats = portal.hook("GET", "stats");
    const int counted = stats["requests"].get<int>();
    if (rows != static_cast<std::size_t>(users) || counted != client.requests_sent() ||
        stats["errors"].value("QUERY_LIMIT_EXCEEDED", 0) != 0)
        throw std::runtime_error("inconsistent run for " + std::to_string(users) +
                                 " users: " + std::to_string(rows) + " rows, " +
                                 std::to_string(counted) + " requests counted by the portal, " +
                                 std::to_string(client.requests_sent()) + " sent");
    return counted;
}

/// Seconds a real portal's bucket (burst 50, 2/s) makes `requests` requests take.
double seconds_at_portal_rate(int requests) { return requests <= 50 ? 0.0 : (requests - 50) / 2.0; }

}  // namespace

int main(int argc, char** argv) try {
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty()) sizes = {100, 1000, 10000, 50000};
    Portal portal;
    std::printf("%8s  %6s  %18s  %18s  %18s\n", "users", "bound", "batched (at 2/s)",
                "fast (at 2/s)", "classic (at 2/s)");
    for (const int users : sizes) {
        const int bound = (users + 2499) / 2500 + 1;
        const int batched = requests_for(portal, users, b24::PageMode::batched);
        const int fast = requests_for(portal, users, b24::PageMode::fast);
        const int classic = requests_for(portal, users, b24::PageMode::classic);
        std::printf("%8d  %6d  %7d (%7.1f s)  %7d (%7.1f s)  %7d (%7.1f s)%s\n", users, bound,
                    batched, seconds_at_portal_rate(batched), fast, seconds_at_portal_rate(fast),
                    classic, seconds_at_portal_rate(classic),
                    batched <= bound ? "" : "  OVER THE BOUND");
    }
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "bench_bitrix24_pagination: %s\n", error.what());
    return 1;
}
