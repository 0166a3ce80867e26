#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using Clock = b24::LeakyBucket::Clock;
using std::chrono::milliseconds;

TEST_CASE("the bucket lets a burst through, then paces at the drain rate") {
    b24::LeakyBucket bucket({50, 2.0});
    const Clock::time_point t0{};
    for (int i = 0; i < 50; ++i) CHECK(bucket.reserve(t0) == Clock::duration::zero());
    CHECK(bucket.level(t0) == Approx(50.0));
    // The 51st unit fits once one unit drained (0.5 s), the 52nd after 1 s, ...
    CHECK(bucket.reserve(t0) == milliseconds{500});
    CHECK(bucket.reserve(t0) == milliseconds{1000});
    // Two seconds later four units drained: two of them were reserved above.
    const auto later = t0 + std::chrono::seconds{2};
    CHECK(bucket.reserve(later) == Clock::duration::zero());
    CHECK(bucket.reserve(later) == Clock::duration::zero());
    CHECK(bucket.reserve(later) == milliseconds{500});
}

TEST_CASE("an idle bucket empties completely") {
    b24::LeakyBucket bucket(b24::RateLimit::enterprise());
    const Clock::time_point t0{};
    for (int i = 0; i < 250; ++i) REQUIRE(bucket.reserve(t0) == Clock::duration::zero());
    CHECK(bucket.reserve(t0) == milliseconds{200});  // 5 per second
    const auto later = t0 + std::chrono::seconds{60};
    CHECK(bucket.level(later) == 0.0);
    for (int i = 0; i < 250; ++i) REQUIRE(bucket.reserve(later) == Clock::duration::zero());
}

TEST_CASE("a full bucket reported by the portal makes callers wait") {
    b24::LeakyBucket bucket({10, 5.0});
    const Clock::time_point t0{};
    bucket.saturate(t0);
    CHECK(bucket.level(t0) == Approx(10.0));
    CHECK(bucket.reserve(t0) == milliseconds{200});
}

TEST_CASE("threads sharing a bucket never exceed burst plus drain") {
    b24::LeakyBucket bucket({20, 200.0});
    std::vector<Clock::time_point> sent(8 * 15);
    std::atomic<int> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 15; ++i) {
                bucket.acquire();
                sent[next++] = Clock::now();
            }
        });
    for (auto& thread : threads) thread.join();
    std::sort(sent.begin(), sent.end());
    // Over any window, sends <= burst + rate * window (+1 for timer granularity).
    for (std::size_t i = 0; i < sent.size(); ++i)
        for (std::size_t j = i; j < sent.size(); ++j) {
            const double window = std::chrono::duration<double>(sent[j] - sent[i]).count();
            REQUIRE(static_cast<double>(j - i + 1) <= 20 + 200.0 * window + 1);
        }
    // 120 requests: 20 at once, 100 more at 200/s → at least 0.5 s.
    CHECK(sent.back() - sent.front() >= milliseconds{480});
}

TEST_CASE("the client's calls go through the throttle") {
    auto transport = std::make_shared<odoobridge::testing::FakeTransport>();
    transport->on([](const auto&) { return odoobridge::test::ok(odoobridge::json::array()); });
    auto options = odoobridge::test::fast_options(transport);
    options.rate_limit = {5, 50.0};
    const b24::Client client(options);
    const auto started = Clock::now();
    for (int i = 0; i < 15; ++i) (void)client.call("user.get");
    // 5 at once, then 10 at 50 per second.
    CHECK(Clock::now() - started >= milliseconds{190});
    CHECK(client.requests_sent() == 15);
}
