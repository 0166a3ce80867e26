#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "fake_bitrix24_fixture.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::test::FakeBitrix24;
using Clock = std::chrono::steady_clock;

TEST_CASE("10,000 users are fetched without a single QUERY_LIMIT_EXCEEDED") {
    auto& fake = FakeBitrix24::instance();
    fake.reset({{"users", 10000}});
    const b24::Client client(fake.webhook_options());
    for (const auto mode : {b24::PageMode::fast, b24::PageMode::batched}) {
        INFO((mode == b24::PageMode::fast ? "fast" : "batched"));
        const std::int64_t before = client.requests_sent();
        std::set<std::int64_t> ids;
        for (const b24::User& user : b24::list_users(client, {}, mode)) ids.insert(user.ID);
        CHECK(ids.size() == 10000);
        CHECK(*ids.rbegin() == 10000);
        const std::int64_t requests = client.requests_sent() - before;
        CHECK(requests == (mode == b24::PageMode::fast ? 201 : 5));  // fast: 200 full pages + 1
    }
    CHECK(fake.errors("QUERY_LIMIT_EXCEEDED") == 0);
}

TEST_CASE("1,000 tasks created from 8 threads meet no QUERY_LIMIT_EXCEEDED") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    std::atomic<int> next{0};
    std::atomic<int> created{0};
    std::vector<std::thread> threads;
    const auto started = Clock::now();
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = next++; i < 1000; i = next++) {
                const b24::Task task = b24::add_task(
                    client,
                    {.TITLE = "Call back lead " + std::to_string(i), .RESPONSIBLE_ID = 1 + i % 20});
                if (task.id > 0) ++created;
            }
        });
    for (auto& thread : threads) thread.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    CHECK(created == 1000);
    CHECK(fake.state()["tasks"].size() == 1000);
    CHECK(fake.errors("QUERY_LIMIT_EXCEEDED") == 0);
    CHECK(client.requests_sent() == 1000);  // nothing was refused and retried
    // 30 at once, then 100 a second (the portal's 2/s at the fake's 50x clock).
    CHECK(seconds >= (1000 - 30) / 100.0 * 0.95);
}

TEST_CASE("a method out of operating time waits for operating_reset_at instead of failing") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    // 10 s of operating time per (scaled) 30 s window, and 3 s charged per tasks.task.list.
    (void)fake.hook("configure", {{"operating_limit", 10.0},
                                  {"operating_window", 30.0},
                                  {"operating_costs", {{"tasks.task.list", 3.0}}}});
    auto options = fake.webhook_options();
    options.operating_budget = std::chrono::milliseconds{10'000};
    const b24::Client client(options);
    const auto started = Clock::now();
    for (int i = 0; i < 7; ++i) (void)client.call("tasks.task.list");
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    CHECK(fake.errors("OPERATION_TIME_LIMIT") == 0);
    CHECK(seconds >= 0.5);  // it waited for at least one reset (window 0.6 s here)
    // Other methods were not held back meanwhile.
    CHECK(client.call("user.get", {{"ID", 1}}).size() == 1);
}

TEST_CASE("OPERATION_TIME_LIMIT from the portal is waited out and retried") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    (void)fake.hook("configure", {{"operating_limit", 3.0},
                                  {"operating_window", 30.0},
                                  {"operating_costs", {{"crm.item.list", 3.0}}}});
    auto options = fake.webhook_options();  // the client believes the default 480 s budget
    const b24::Client client(options);
    (void)client.call("crm.item.list", {{"entityTypeId", 2}});
    CHECK(client.call("crm.item.list", {{"entityTypeId", 2}}).contains("items"));
    CHECK(fake.errors("OPERATION_TIME_LIMIT") == 1);
}

TEST_CASE("a bucket filled by someone else is backed off, then paced") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    // Another integration on the same portal used the bucket up.
    (void)fake.hook("fail_next", {{"count", 2},
                                  {"status", 503},
                                  {"error", "QUERY_LIMIT_EXCEEDED"},
                                  {"description", "Too many requests"}});
    CHECK(client.call("user.get", {{"ID", 2}}).size() == 1);
    CHECK(client.requests_sent() == 3);
}
