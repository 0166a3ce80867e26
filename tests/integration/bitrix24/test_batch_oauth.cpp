#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "fake_bitrix24_fixture.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::test::FakeBitrix24;

TEST_CASE("batch errors reach the caller per command") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    const auto result = client.batch({
        {"task",
         "tasks.task.add",
         {{"fields", {{"TITLE", "Prepare contract"}, {"RESPONSIBLE_ID", 4}}}}},
        {"who", "user.get", {{"ID", "$result[task][task][responsibleId]"}}},
        {"no_title", "tasks.task.add", {{"fields", {{"RESPONSIBLE_ID", 4}}}}},
        {"typo", "tasks.task.ad", {}},
        {"deal", "crm.item.add", {{"entityTypeId", 2}, {"fields", {{"title", "Flat 4"}}}}},
    });
    CHECK(result.requests() == 1);
    CHECK(result.value("who").at(0)["ID"] == "4");
    CHECK(result.value("deal")["item"]["title"] == "Flat 4");
    CHECK(result.failed_keys() == std::vector<std::string>{"no_title", "typo"});
    CHECK_THROWS_AS(result.value("no_title"), b24::InvalidRequestError);
    CHECK_THROWS_AS(result.value("typo"), b24::MethodNotFoundError);
    CHECK(fake.stats()["command_errors"] == json{{"ERROR_CORE", 1}, {"ERROR_METHOD_NOT_FOUND", 1}});
}

TEST_CASE("halt stops the batch at the first failing command") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    const auto result = client.batch(
        {{"a", "user.get", {{"ID", 1}}},
         {"b", "tasks.task.add", {{"fields", {{"TITLE", "no one"}}}}},
         {"c", "tasks.task.add", {{"fields", {{"TITLE", "x"}, {"RESPONSIBLE_ID", 1}}}}}},
        {.halt = true});
    CHECK(result.ok("a"));
    CHECK_THROWS_AS(result.value("b"), b24::InvalidRequestError);
    CHECK_THROWS_AS(result.value("c"), b24::SkippedCommandError);
    CHECK(fake.state()["tasks"].empty());
}

TEST_CASE("120 commands take 3 requests, with references across chunks") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    std::vector<b24::BatchCommand> commands;
    for (int i = 0; i < 120; ++i)
        commands.push_back(
            {"t" + std::to_string(i),
             "tasks.task.add",
             {{"fields",
               {{"TITLE", "Task " + std::to_string(i)}, {"RESPONSIBLE_ID", 1 + i % 5}}}}});
    commands.push_back(
        {"first", "tasks.task.list", {{"filter", {{"ID", "$result[t0][task][id]"}}}}});
    const auto result = client.batch(commands);
    CHECK(result.requests() == 3);
    CHECK(fake.stats()["batches"] == 3);
    CHECK(result.failed_keys().empty());
    CHECK(result.value("first")["tasks"].at(0)["title"] == "Task 0");
    CHECK(fake.state()["tasks"].size() == 120);
}

TEST_CASE("fetching N users with a known total takes at most ceil(N / 2500) + 1 requests") {
    auto& fake = FakeBitrix24::instance();
    for (const int users : {49, 2600, 7777}) {
        INFO(users << " users");
        fake.reset({{"users", users}});
        const b24::Client client(fake.webhook_options());
        auto range = b24::list_users(client);
        const auto rows = range.to_vector();
        CHECK(rows.size() == static_cast<std::size_t>(users));
        const int bound = (users + 2499) / 2500 + 1;
        CHECK(fake.stats()["requests"].get<int>() <= bound);
        CHECK(range.pager().requests() == fake.stats()["requests"].get<int>());
    }
}

TEST_CASE("an expired token is refreshed once under 8 concurrent callers (OAuth)") {
    auto& fake = FakeBitrix24::instance();
    fake.reset({{"refresh_delay_ms", 150}});
    auto options = fake.oauth_options();
    std::atomic<int> persisted{0};
    std::string saved_refresh;
    std::get<b24::OAuthApp>(options.credentials).on_tokens_refreshed =
        [&](const b24::OAuthTokens& tokens) {
            ++persisted;
            saved_refresh = tokens.refresh_token;
        };
    const b24::Client client(options);
    CHECK(client.call("user.get", {{"ID", 1}}).size() == 1);  // the initial token works
    (void)fake.hook("expire_tokens");
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            if (client.call("user.get", {{"ID", 1 + i}}).size() == 1) ++ok;
        });
    for (auto& thread : threads) thread.join();
    CHECK(ok == 8);
    const json stats = fake.stats();
    CHECK(stats["refreshes"] == 1);
    CHECK(stats["errors"]["expired_token"].get<int>() >= 1);
    CHECK(persisted == 1);
    CHECK(saved_refresh == client.tokens().refresh_token);
    CHECK(client.tokens().client_endpoint == fake.url() + "/rest/");
    // The old refresh token is spent: a second client with it cannot refresh.
    (void)fake.hook("expire_tokens");
    CHECK_THROWS_AS(b24::Client(fake.oauth_options()).call("user.get"), b24::AuthenticationError);
}
