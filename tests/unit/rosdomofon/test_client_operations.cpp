// Every rosdomofon::Client operation against a fake transport: method, path, query and
// body on the wire, the typed result, argument checks before any request, and the lazy
// message pager.
#include <catch2/catch.hpp>
#include <odoobridge/rosdomofon/client.hpp>

#include "fake_api.hpp"

using namespace odoobridge;
using namespace odoobridge::rosdomofon;
using namespace odoobridge::test;

namespace {

/// Answers every API request with `answer` and keeps the requests.
struct Recorder {
    FakeRosDomofon fake;
    Client client = fake.client();

    void answer(core::Response response) {
        fake.api = [response](const core::Request&) { return response; };
    }
    [[nodiscard]] core::Request last() const { return fake.api_requests().back(); }
};

json account_json(std::int64_t id, std::int64_t phone, const char* number) {
    return {{"id", id},
            {"number", number},
            {"owner", {{"id", id + 1}, {"phone", phone}}},
            {"company", {{"id", 1292}, {"shortName", "Test_Company"}}},
            {"blocked", false}};
}

json message_page(std::int64_t number, std::int64_t total_pages, int count) {
    json content = json::array();
    for (int i = 0; i < count; ++i)
        content.push_back({{"id", number * 100 + i},
                           {"abonent", {{"id", 1574870}, {"phone", 79308312222}}},
                           {"channel", "support"},
                           {"incoming", i % 2 == 0},
                           {"message", "m" + std::to_string(number * 100 + i)},
                           {"messageDate", "2024-05-01T09:00:00.000Z"}});
    return {{"content", content},
            {"totalElements", total_pages * 2},
            {"totalPages", total_pages},
            {"last", number + 1 >= total_pages},
            {"first", number == 0},
            {"number", number},
            {"size", 2},
            {"numberOfElements", count}};
}

}  // namespace

TEST_CASE("accounts and account_by_phone") {
    Recorder r;
    r.answer(json_answer(200, json::array({account_json(1, 79061234567, "A1"),
                                           account_json(3, 79308312222, "A2")})));
    const auto accounts = r.client.accounts();
    REQUIRE(accounts.size() == 2);
    CHECK(r.last().method == "GET");
    CHECK(r.last().url == std::string(kRdApi) + "/accounts");
    CHECK(header_of(r.last(), "Accept") == "application/json");
    CHECK(r.client.account_by_phone(Phone("8 930 831 22 22"))->id == 3);
    CHECK_FALSE(r.client.account_by_phone(Phone("79990000000")));
    CHECK_THROWS_AS(r.client.account_by_phone(Phone()), ConfigurationError);
}

TEST_CASE("create_account sends the phone as a string") {
    Recorder r;
    r.answer(json_answer(200, {{"id", 55}, {"owner", {{"id", 66}, {"phone", 79061234567}}}}));
    const CreatedAccount created = r.client.create_account("ACC1", Phone("+7 (906) 123-45-67"));
    CHECK(created.id == 55);
    CHECK(created.owner.phone.digits() == "79061234567");
    CHECK(r.last().method == "POST");
    CHECK(r.last().url == std::string(kRdApi) + "/accounts");
    CHECK(header_of(r.last(), "Content-Type") == "application/json");
    CHECK(json::parse(r.last().body) == json{{"number", "ACC1"}, {"phone", "79061234567"}});
    const auto sent = r.fake.api_requests().size();
    CHECK_THROWS_AS(r.client.create_account("", Phone("79061234567")), ConfigurationError);
    CHECK_THROWS_AS(r.client.create_account("A", Phone()), ConfigurationError);
    CHECK(r.fake.api_requests().size() == sent);
}

TEST_CASE("create_flat leaves an unset abonent out") {
    Recorder r;
    r.answer(json_answer(200, {{"id", 842554},
                               {"owner", {{"id", 1574870}, {"phone", 79308312222}}},
                               {"virtual", true},
                               {"address", {{"city", "Чебоксары"}, {"flat", 12}}}}));
    const Flat flat = r.client.create_flat({1574870, "26959", "12", true});
    CHECK(flat.id == 842554);
    CHECK(flat.virtual_);
    CHECK(flat.owner->phone.number() == 79308312222);
    CHECK(flat.address.at("city") == "Чебоксары");
    CHECK(json::parse(r.last().body) == json{{"abonentId", 1574870},
                                             {"entranceId", "26959"},
                                             {"flatNumber", "12"},
                                             {"virtual", true}});
    (void)r.client.create_flat({{}, "26959", "13", false});
    CHECK(json::parse(r.last().body) ==
          json{{"entranceId", "26959"}, {"flatNumber", "13"}, {"virtual", false}});
    CHECK_THROWS_AS(r.client.create_flat({{}, "26959", "", false}), ConfigurationError);
    CHECK_THROWS_AS(r.client.create_flat({{}, "", "1", false}), ConfigurationError);
}

TEST_CASE("entrance services, connect_service and connections") {
    Recorder r;
    r.answer(
        json_answer(200, json::array({{{"id", 3001}, {"name", "Домофон"}, {"type", "Intercom"}}})));
    const auto services = r.client.entrance_services(26959);
    REQUIRE(services.size() == 1);
    CHECK(services[0].type == "Intercom");
    CHECK(r.last().url == std::string(kRdApi) + "/entrances/26959/services");

    r.answer(json_answer(200, {{"id", 7002}}));
    CHECK(r.client.connect_service(3001, 842554, 904154) == 7002);
    CHECK(r.last().url == std::string(kRdApi) + "/services/3001/connections");
    CHECK(json::parse(r.last().body) == json{{"flatId", 842554}, {"accountId", 904154}});
    (void)r.client.connect_service(3001, 842554);
    CHECK(json::parse(r.last().body) == json{{"flatId", 842554}});

    r.answer(json_answer(
        200, json::array({{{"id", 7001},
                           {"blocked", true},
                           {"service", {{"id", 3001}, {"name", "Домофон"}, {"type", "Intercom"}}},
                           {"flat", {{"id", 842554}, {"virtual", false}}},
                           {"account", account_json(904154, 79061343115, "A")},
                           {"tariff", 50.0},
                           {"currency", "RUB"}}})));
    const auto connections = r.client.account_connections(904154);
    REQUIRE(connections.size() == 1);
    CHECK(connections[0].blocked);
    CHECK(connections[0].service->id == 3001);
    CHECK(connections[0].account->owner.phone.number() == 79061343115);
    CHECK(connections[0].tariff == 50.0);
    CHECK(r.last().url == std::string(kRdApi) + "/accounts/904154/connections");
    CHECK(r.client.service_connections(3001).size() == 1);
    CHECK(r.last().url == std::string(kRdApi) + "/services/3001/connections");
}

TEST_CASE("block and unblock accounts and connections") {
    Recorder r;
    r.answer(core::Response{200, {}, ""});
    r.client.block_account("ACC 1/2");
    CHECK(r.last().method == "PUT");
    CHECK(r.last().url == std::string(kRdApi) + "/accounts/ACC%201%2F2/block");
    r.client.unblock_account("ACC-1001");
    CHECK(r.last().method == "DELETE");
    CHECK(r.last().url == std::string(kRdApi) + "/accounts/ACC-1001/block");
    r.client.block_connection(7001);
    CHECK(r.last().method == "PUT");
    CHECK(r.last().url == std::string(kRdApi) + "/services_connections/7001/block");
    r.client.unblock_connection(7001);
    CHECK(r.last().method == "DELETE");
    CHECK(r.last().body.empty());
    CHECK_THROWS_AS(r.client.block_account(""), ConfigurationError);
}

TEST_CASE("send_message to abonents by id or phone") {
    Recorder r;
    r.answer(core::Response{200, {}, ""});
    r.client.send_message(
        {Recipient::abonent(1574870), Recipient::phone_number(Phone("+7 906 134-31-15")),
         Recipient{5, Phone("79161234567")}},
        "Здравствуйте!");
    CHECK(r.last().method == "POST");
    CHECK(r.last().url == std::string(kRdApi) + "/messages");
    CHECK(json::parse(r.last().body) ==
          json{{"toAbonents", json::array({{{"id", 1574870}},
                                           {{"phone", 79061343115}},
                                           {{"id", 5}, {"phone", 79161234567}}})},
               {"channel", "support"},
               {"message", "Здравствуйте!"},
               {"deliveryMethod", "push"},
               {"broadcast", false}});
    r.client.send_message({Recipient::abonent(1)}, "x", "notification");
    CHECK(json::parse(r.last().body).at("channel") == "notification");
    const auto sent = r.fake.api_requests().size();
    CHECK_THROWS_AS(r.client.send_message({}, "x"), ConfigurationError);
    CHECK_THROWS_AS(r.client.send_message({Recipient{}}, "x"), ConfigurationError);
    CHECK_THROWS_AS(r.client.send_message({Recipient::abonent(1)}, ""), ConfigurationError);
    CHECK_THROWS_WITH(r.client.send_message({Recipient::abonent(1)}, "bad \xff utf8"),
                      Catch::Contains("not valid UTF-8"));
    CHECK(r.fake.api_requests().size() == sent);
}

TEST_CASE("one page of messages") {
    Recorder r;
    r.answer(json_answer(200, message_page(2, 3, 2)));
    const MessagePage page = r.client.abonent_messages_page(1574870, 2, {"support", 10});
    CHECK(page.number == 2);
    CHECK(page.last);
    CHECK(page.content.size() == 2);
    CHECK(r.last().url ==
          std::string(kRdApi) + "/abonents/1574870/messages?channel=support&page=2&size=10");
    (void)r.client.abonent_messages_page(1574870, 0);
    CHECK(r.last().url == std::string(kRdApi) + "/abonents/1574870/messages?page=0&size=50");
    CHECK_THROWS_AS(r.client.abonent_messages_page(1, -1), ConfigurationError);
    CHECK_THROWS_AS(r.client.abonent_messages_page(1, 0, {"", 0}), ConfigurationError);
    CHECK_THROWS_AS(r.client.abonent_messages(1, {"", 1001}), ConfigurationError);
}

TEST_CASE("the message pager fetches pages lazily") {
    FakeRosDomofon fake;
    std::vector<std::string> pages_asked;
    fake.api = [&](const core::Request& request) {
        const auto at = request.url.find("page=");
        const std::int64_t number = std::stoll(request.url.substr(at + 5));
        pages_asked.push_back(std::to_string(number));
        return json_answer(200, message_page(number, 3, number == 2 ? 1 : 2));
    };
    const Client client = fake.client();
    auto pager = client.abonent_messages(1574870, {"support", 2});
    CHECK(pages_asked.empty());  // nothing is fetched before iterating

    std::vector<std::int64_t> ids;
    for (const Message& message : pager) ids.push_back(message.id);
    CHECK(ids == std::vector<std::int64_t>{0, 1, 100, 101, 200});
    CHECK(pages_asked == std::vector<std::string>{"0", "1", "2"});

    pages_asked.clear();
    auto it = pager.begin();
    CHECK(it->id == 0);
    ++it;
    CHECK(pages_asked.size() == 1);  // still on page 0
    ++it;
    CHECK(it->id == 100);
    CHECK(pages_asked.size() == 2);
}

TEST_CASE("the pager stops on an empty page and on a server that never says last") {
    FakeRosDomofon fake;
    int asked = 0;
    fake.api = [&](const core::Request&) {
        ++asked;
        json page = message_page(asked - 1, 0, asked < 3 ? 2 : 0);
        page["last"] = false;
        page["totalPages"] = 0;
        return json_answer(200, page);
    };
    const Client client = fake.client();
    int count = 0;
    for (const auto& message : client.abonent_messages(1)) count += message.id >= 0 ? 1 : 0;
    CHECK(count == 4);
    CHECK(asked == 3);
}
