#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "fake_bitrix24_fixture.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::test::FakeBitrix24;

TEST_CASE("generic calls over a webhook reach the portal and return its result") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    const b24::Answer answer = client.call_answer("user.get", {{"FILTER", {{"ACTIVE", true}}}});
    CHECK(answer.result.size() == 23);  // 25 seed users; 7 and 17 are dismissed
    CHECK(answer.total == 23);
    CHECK_FALSE(answer.next.has_value());
    CHECK(answer.time.contains("operating_reset_at"));
    const json one = client.call("user.get", {{"ID", 3}});
    REQUIRE(one.size() == 1);
    CHECK(one[0]["EMAIL"] == "user3@realty.example.kz");
}

TEST_CASE("the portal's errors arrive as typed errors over HTTP") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    CHECK_THROWS_AS(client.call("user.gett"), b24::MethodNotFoundError);
    CHECK_THROWS_WITH(client.call("tasks.task.add", {{"fields", {{"TITLE", "x"}}}}),
                      Catch::Contains("RESPONSIBLE_ID") && Catch::Contains("ERROR_CORE"));
    json commands = json::object();
    for (int i = 0; i < 51; ++i) commands["c" + std::to_string(i)] = "user.get";
    CHECK_THROWS_AS(client.call("batch", {{"cmd", commands}}), b24::BatchLengthExceededError);
    CHECK_THROWS_AS(client.batch({{"inner", "batch", {{"cmd", {{"a", "user.get"}}}}}}),
                    b24::BatchMethodNotAllowedError);

    auto wrong = fake.webhook_options();
    wrong.credentials = b24::Webhook{fake.url() + "/rest/1/not-the-code/"};
    CHECK_THROWS_AS(b24::Client(wrong).call("user.get"), b24::AuthenticationError);

    (void)fake.hook("configure", {{"scopes", {"user"}}});
    CHECK_THROWS_AS(client.call("crm.item.list", {{"entityTypeId", 2}}),
                    b24::InsufficientScopeError);

    (void)fake.hook("fail_next", {{"count", 1},
                                  {"status", 500},
                                  {"error", "PORTAL_DELETED"},
                                  {"description", "Portal was deleted"}});
    CHECK_THROWS_AS(client.call("user.get"), b24::PortalDeletedError);
}

TEST_CASE("proxy failures of reads are retried, of writes not") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());
    (void)fake.hook("fail_next", {{"count", 2}, {"status", 502}});
    CHECK(client.call("user.get", {{"ID", 1}}).size() == 1);
    (void)fake.hook("fail_next", {{"count", 1}, {"status", 503}});
    CHECK_THROWS_AS(
        client.call("tasks.task.add", {{"fields", {{"TITLE", "x"}, {"RESPONSIBLE_ID", 1}}}}),
        odoobridge::UnexpectedResponseError);
    CHECK(fake.state()["tasks"].empty());
    (void)fake.hook("fail_next",
                    {{"count", 1}, {"status", 503}, {"error", "QUERY_LIMIT_EXCEEDED"}});
    CHECK(b24::add_task(client, {.TITLE = "after a refusal", .RESPONSIBLE_ID = 1}).id > 0);
    CHECK(fake.state()["tasks"].size() == 1);
}

TEST_CASE("no log line of the client or its transport shows the webhook code") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    std::ostringstream captured;
    auto logger = std::make_shared<spdlog::logger>(
        "b24-it", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
    logger->set_level(spdlog::level::trace);
    auto options = fake.webhook_options();
    options.transport = nullptr;  // the client's own CurlTransport, logging to `logger`
    options.logger = logger;
    const b24::Client client(options);
    (void)fake.hook("fail_next",
                    {{"count", 1}, {"status", 503}, {"error", "QUERY_LIMIT_EXCEEDED"}});
    (void)client.call("user.get", {{"ID", 1}});
    CHECK_THROWS(client.call("no.such"));
    logger->flush();
    const std::string text = captured.str();
    CHECK(text.find("/rest/1/<redacted>/user.get.json") != std::string::npos);
    CHECK(text.find(odoobridge::test::kFakeWebhookCode) == std::string::npos);
}

TEST_CASE("typed methods round-trip through the portal") {
    auto& fake = FakeBitrix24::instance();
    fake.reset();
    const b24::Client client(fake.webhook_options());

    const auto found = b24::find_user_by_email(client, "USER12@realty.example.kz");
    REQUIRE(found);
    CHECK(found->ID == 12);
    CHECK_FALSE(b24::find_user_by_email(client, "nobody@realty.example.kz"));

    const b24::Task task = b24::add_task(client, {.TITLE = "Show flat 12", .RESPONSIBLE_ID = 12});
    CHECK(task.title == "Show flat 12");
    CHECK(task.responsibleId == 12);
    CHECK(task.createdBy == 1);
    const auto tasks = b24::list_tasks(client, {.filter = {{"RESPONSIBLE_ID", 12}}}).to_vector();
    REQUIRE(tasks.size() == 1);
    CHECK(tasks[0].id == task.id);

    const auto event_id = b24::add_calendar_event(client, {.ownerId = 12,
                                                           .from = "2025-03-01T10:00:00+05:00",
                                                           .to = "2025-03-01T11:00:00+05:00",
                                                           .section = 4,
                                                           .name = "Viewing",
                                                           .is_meeting = true});
    const auto events =
        b24::get_calendar_events(client, {.ownerId = 12, .from = "2025-03-01", .to = "2025-03-02"});
    REQUIRE(events.size() == 1);
    CHECK(events[0].ID == event_id);
    CHECK(events[0].IS_MEETING);
    CHECK(b24::get_calendar_events(client, {.ownerId = 12, .from = "2025-04-01"}).empty());

    CHECK(b24::notify_system(client, {.USER_ID = 12, .MESSAGE = "Viewing booked"}) > 0);
    CHECK_THROWS_AS(b24::notify_personal(client, {.USER_ID = 999, .MESSAGE = "x"}),
                    b24::InvalidRequestError);

    b24::Deal deal;
    deal.title = "Flat 12, Abay 10";
    deal.opportunity = 45'000'000;
    const b24::Deal added = b24::crm_add(client, deal);
    CHECK(added.id > 0);
    CHECK(added.stageId == "NEW");
    odoobridge::core::Partial<b24::Deal, b24::Dialect> won;
    won.set(&b24::Deal::stageId, "WON");
    CHECK(b24::crm_update(client, added.id, won).stageId == "WON");
    b24::Lead lead;
    lead.title = "Website request";
    lead.name = "Dana";
    (void)b24::crm_add(client, lead);
    const auto deals =
        b24::crm_list<b24::Deal>(client, {.filter = {{"stageId", "WON"}}}).to_vector();
    REQUIRE(deals.size() == 1);
    CHECK(deals[0].opportunity == Approx(45'000'000));
    CHECK(b24::crm_list<b24::Lead>(client).to_vector().at(0).name == "Dana");
}
