// Behaviour against a live (fake) server: session renewal, retries only for safe calls,
// concurrency through one client.
#include "fake_odoo_fixture.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace odoobridge;
using namespace odoobridge::odoo;
using odoobridge::test::FakeOdoo;

namespace {
int calls_of(const json& stats, const std::string& model_method) {
    return stats["calls"].value(model_method, 0);
}
}  // namespace

TEST_CASE("an expired web session is renewed once, transparently") {
    auto& server = FakeOdoo::instance();
    const auto client = server.connect(ProtocolKind::session);
    CHECK(client.execute_kw("res.partner", "search_count", {json::array()}).get<int>() > 0);
    CHECK(server.hook("expire_sessions")["expired"].get<int>() >= 1);
    CHECK(client.execute_kw("res.partner", "search_count", {json::array()}).get<int>() > 0);
}

TEST_CASE("a read is retried after a 502, a create is not resent") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : {ProtocolKind::xmlrpc, ProtocolKind::jsonrpc, ProtocolKind::json2}) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        server.hook("fail_next", {{"count", 1}, {"status", 502}});
        CHECK(client.execute_kw("res.partner", "search_count", {json::array()}).get<int>() > 0);

        const int creates_before = calls_of(server.stats(), "res.partner.create");
        server.hook("fail_next", {{"count", 1}, {"status", 502}});
        try {
            (void)client.execute_kw("res.partner", "create", {{{"name", "Only Once"}}});
            FAIL("create succeeded through a 502");
        } catch (const UnexpectedResponseError& error) {
            CHECK(error.http_status() == 502);
        }
        CHECK(calls_of(server.stats(), "res.partner.create") == creates_before);
        const json found = client.execute_kw("res.partner", "search", {{{"name", "=", "Only Once"}}});
        CHECK(found.empty());
    }
}

TEST_CASE("8 threads share one client and all get correct answers") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : odoobridge::test::kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        std::atomic<int> correct{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 10; ++i) {
                    const int id = (t + i) % 2 == 0 ? 1 : 9;
                    const json records = client.execute_kw("res.partner", "read", {{id}}, {{"fields", {"name"}}});
                    if (records.size() == 1 && records[0]["id"] == id) ++correct;
                }
            });
        for (auto& thread : threads) thread.join();
        CHECK(correct == 80);
    }
}

TEST_CASE("execute_many runs independent reads concurrently and in order") {
    auto& server = FakeOdoo::instance();
    const auto client = server.connect(ProtocolKind::jsonrpc);
    std::vector<Call> calls;
    for (int i = 0; i < 40; ++i)
        calls.push_back(Call{"res.partner", "read", {{i % 2 == 0 ? 1 : 9}}, {{"fields", {"name"}}}});
    calls.push_back(Call{"res.partner", "write", {{999999}, {{"name", "x"}}}, json::object()});
    const auto outcomes = client.execute_many(calls);
    REQUIRE(outcomes.size() == calls.size());
    for (std::size_t i = 0; i < 40; ++i) CHECK(outcomes[i].value()[0]["id"] == (i % 2 == 0 ? 1 : 9));
    CHECK_THROWS_AS(outcomes.back().value(), MissingError);
}
