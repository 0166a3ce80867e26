#include <catch2/catch.hpp>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::core::Request;
using odoobridge::testing::FakeTransport;
using namespace odoobridge::test;

TEST_CASE("the dialect reads the portal's strings-for-numbers, Y/N flags and nulls") {
    const json row = {{"ID", "42"},           {"ACTIVE", "Y"},     {"NAME", "Aigerim"},
                      {"LAST_NAME", nullptr}, {"EMAIL", "a@b.kz"}, {"UF_DEPARTMENT", {"3", 5}},
                      {"DATE_REGISTER", ""},  {"UNKNOWN", {1, 2}}};
    const auto user = b24::from_json<b24::User>(row, "user.get");
    CHECK(user.ID == 42);
    CHECK(user.ACTIVE);
    CHECK(user.LAST_NAME.empty());
    CHECK(user.UF_DEPARTMENT == std::vector<std::int64_t>{3, 5});
    CHECK_FALSE(user.DATE_REGISTER.has_value());
    CHECK_FALSE(b24::from_json<b24::User>({{"ACTIVE", false}}).ACTIVE);
    CHECK(b24::from_json<b24::Deal>({{"opportunity", "1500.50"}}).opportunity == Approx(1500.5));
    CHECK_THROWS_WITH(b24::from_json<b24::User>({{"ID", "4x"}}, "user.get"),
                      Catch::Contains("ID") && Catch::Contains("integer"));
    CHECK_THROWS_WITH(b24::from_json<b24::User>({{"ACTIVE", "maybe"}}), Catch::Contains("flag"));
}

TEST_CASE("add_task sends UPPER_CASE fields and reads the camelCase task") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(ok({{"task",
                         {{"id", "3711"},
                          {"title", "Show flat 12"},
                          {"responsibleId", "5"},
                          {"createdBy", "7"},
                          {"status", "2"},
                          {"deadline", nullptr},
                          {"description", ""}}}}));
    const b24::Client client(fast_options(transport));
    const b24::Task task = b24::add_task(
        client,
        {.TITLE = "Show flat 12", .RESPONSIBLE_ID = 5, .DEADLINE = "2025-03-01T18:00:00+05:00"});
    CHECK(task.id == 3711);
    CHECK(task.responsibleId == 5);
    CHECK(task.createdBy == 7);
    CHECK_FALSE(task.deadline.has_value());
    CHECK(body_of(transport->requests().at(0)) ==
          json{{"fields",
                {{"TITLE", "Show flat 12"},
                 {"RESPONSIBLE_ID", 5},
                 {"DEADLINE", "2025-03-01T18:00:00+05:00"}}}});
    CHECK_THROWS_AS(b24::add_task(client, {.TITLE = "x"}), odoobridge::ConfigurationError);
}

TEST_CASE("calendar events go out with the method's names and flags as Y/N") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(ok(812));
    transport->push(ok(json::array({{{"ID", "812"},
                                     {"NAME", "Viewing"},
                                     {"OWNER_ID", "5"},
                                     {"DATE_FROM", "01.03.2025 10:00:00"},
                                     {"DATE_TO", "01.03.2025 11:00:00"},
                                     {"CAL_TYPE", "user"},
                                     {"SECTION_ID", "4"},
                                     {"IS_MEETING", true}}})));
    const b24::Client client(fast_options(transport));
    const auto id = b24::add_calendar_event(client, {.type = b24::CalendarType::user,
                                                     .ownerId = 5,
                                                     .from = "2025-03-01T10:00:00+05:00",
                                                     .to = "2025-03-01T11:00:00+05:00",
                                                     .section = 4,
                                                     .name = "Viewing",
                                                     .attendees = std::vector<std::int64_t>{5, 9},
                                                     .is_meeting = true});
    CHECK(id == 812);
    const json sent = body_of(transport->requests().at(0));
    CHECK(sent == json{{"type", "user"},
                       {"ownerId", 5},
                       {"from", "2025-03-01T10:00:00+05:00"},
                       {"to", "2025-03-01T11:00:00+05:00"},
                       {"section", 4},
                       {"name", "Viewing"},
                       {"attendees", {5, 9}},
                       {"is_meeting", "Y"}});
    const auto events = b24::get_calendar_events(
        client,
        {.type = b24::CalendarType::user, .ownerId = 5, .from = "2025-03-01", .sections = {4}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].ID == 812);
    CHECK(events[0].SECTION_ID == 4);
    CHECK(events[0].IS_MEETING);
    CHECK(body_of(transport->requests().at(1)) ==
          json{{"type", "user"}, {"ownerId", 5}, {"from", "2025-03-01"}, {"section", {4}}});
}

TEST_CASE("notifications return their id") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(ok(9001));
    transport->push(ok("9002"));
    const b24::Client client(fast_options(transport));
    CHECK(b24::notify_system(client, {.USER_ID = 5, .MESSAGE = "Deal won"}) == 9001);
    CHECK(b24::notify_personal(client, {.USER_ID = 5, .MESSAGE = "Hi", .TAG = "deal-7"}) == 9002);
    CHECK(transport->requests().at(0).url == kWebhookUrl + "im.notify.system.add.json");
    CHECK(body_of(transport->requests().at(1)) ==
          json{{"USER_ID", 5}, {"MESSAGE", "Hi"}, {"TAG", "deal-7"}});
    CHECK_THROWS_AS(b24::notify_system(client, {.USER_ID = 5}), odoobridge::ConfigurationError);
}

TEST_CASE("CRM items are added, updated and listed as typed records") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(ok({{"item",
                         {{"id", 201},
                          {"title", "Flat 12"},
                          {"opportunity", 45000000},
                          {"stageId", "NEW"},
                          {"currencyId", "KZT"}}}}));
    transport->push(ok({{"item", {{"id", 201}, {"title", "Flat 12"}, {"stageId", "WON"}}}}));
    const b24::Client client(fast_options(transport));
    b24::Deal deal;
    deal.title = "Flat 12";
    deal.opportunity = 45'000'000;
    const b24::Deal added = b24::crm_add(client, deal);
    CHECK(added.id == 201);
    CHECK(added.stageId == "NEW");
    CHECK(
        body_of(transport->requests().at(0)) ==
        json{{"entityTypeId", 2}, {"fields", {{"title", "Flat 12"}, {"opportunity", 45000000.0}}}});
    odoobridge::core::Partial<b24::Deal, b24::Dialect> changes;
    changes.set(&b24::Deal::stageId, "WON");
    CHECK(b24::crm_update(client, 201, changes).stageId == "WON");
    CHECK(body_of(transport->requests().at(1)) ==
          json{{"entityTypeId", 2}, {"id", 201}, {"fields", {{"stageId", "WON"}}}});
    const auto spec =
        b24::crm_item_list_spec(b24::Lead::entity_type_id, {.filter = {{"statusId", "NEW"}}});
    CHECK(spec.params == json{{"entityTypeId", 1}, {"filter", {{"statusId", "NEW"}}}});
    CHECK(spec.items_key == "items");
    CHECK(spec.id_filter == ">id");
}

TEST_CASE("find_user_by_email compares case-insensitively and prefers active users") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on([](const Request& request) {
        CHECK(body_of(request) == json{{"FILTER", {{"EMAIL", "Agent@Realty.kz"}}}});
        return ok(json::array({{{"ID", "3"}, {"EMAIL", "agent@realty.kz"}, {"ACTIVE", false}},
                               {{"ID", "4"}, {"EMAIL", "AGENT@realty.kz"}, {"ACTIVE", true}},
                               {{"ID", "5"}, {"EMAIL", "agent@realty.kz.old"}, {"ACTIVE", true}}}));
    });
    const b24::Client client(fast_options(transport));
    const auto user = b24::find_user_by_email(client, "Agent@Realty.kz");
    REQUIRE(user);
    CHECK(user->ID == 4);
    CHECK_THROWS_AS(b24::find_user_by_email(client, ""), odoobridge::ConfigurationError);
}
