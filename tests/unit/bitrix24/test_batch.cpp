#include <catch2/catch.hpp>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::testing::FakeTransport;
using namespace odoobridge::test;

TEST_CASE("PHP query encoding matches http_build_query") {
    const json params = {{"fields", {{"TITLE", "Показ квартиры & ключи"}, {"RESPONSIBLE_ID", 5}}},
                         {"filter", {{">ID", 10}, {"@STATUS", {2, 3}}}},
                         {"flag", true},
                         {"skip", nullptr},
                         {"ref", "$result[t1][task][id]"}};
    const std::string query = b24::encode_php_query(params);
    CHECK(query.find("fields[RESPONSIBLE_ID]=5") != std::string::npos);
    CHECK(query.find("fields[TITLE]=%D0%9F") != std::string::npos);
    CHECK(query.find("%26%20") != std::string::npos);  // "& " escaped
    CHECK(query.find("filter[%3EID]=10") != std::string::npos);
    CHECK(query.find("filter[%40STATUS][0]=2&filter[%40STATUS][1]=3") != std::string::npos);
    CHECK(query.find("flag=1") != std::string::npos);
    CHECK(query.find("skip") == std::string::npos);
    CHECK(query.find("ref=%24result%5Bt1%5D%5Btask%5D%5Bid%5D") != std::string::npos);
}

TEST_CASE("PHP form decoding builds nested objects and lists") {
    const json form = b24::decode_php_form(
        "event=ONTASKADD&data[FIELDS_AFTER][ID]=42&auth[domain]=p.bitrix24.kz&list[]=a&list[]=b"
        "&name=%D0%90+%D0%91&empty=&[nameless]=1");
    CHECK(form["event"] == "ONTASKADD");
    CHECK(form["data"]["FIELDS_AFTER"]["ID"] == "42");
    CHECK(form["auth"]["domain"] == "p.bitrix24.kz");
    CHECK(form["list"] == json::array({"a", "b"}));
    CHECK(form["name"] == "А Б");
    CHECK(form["empty"] == "");
    CHECK_FALSE(form.contains("[nameless]"));
    CHECK_THROWS_WITH(b24::decode_php_form("a=%G1"), Catch::Contains("percent escape"));
    CHECK_THROWS_WITH(b24::decode_php_form("a=1&a[b]=2"), Catch::Contains("'a[b]'"));
    // What encode writes, decode reads back (as strings).
    const json round = b24::decode_php_form(b24::encode_php_query({{"a", {{"b", {1, "x y"}}}}}));
    CHECK(round == json{{"a", {{"b", {{"0", "1"}, {"1", "x y"}}}}}});
}

TEST_CASE("batch sends method?query commands and returns every command's outcome") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(ok(
        {{"result", {{"t1", {{"task", {{"id", "10"}}}}}, {"u", json::array({{{"ID", "3"}}})}}},
         {"result_error",
          {{"bad", {{"error", "ERROR_CORE"}, {"error_description", "Task title is not specified"}}},
           {"gone",
            {{"error", "ERROR_METHOD_NOT_FOUND"}, {"error_description", "Method not found!"}}}}},
         {"result_total", {{"u", 1}}},
         {"result_next", json::array()},
         {"result_time", json::array()}}));
    const b24::Client client(fast_options(transport));
    const b24::BatchResult result = client.batch({
        {"t1", "tasks.task.add", {{"fields", {{"TITLE", "Call"}, {"RESPONSIBLE_ID", 3}}}}},
        {"u", "user.get", {{"ID", "$result[t1][task][responsibleId]"}}},
        {"bad", "tasks.task.add", {{"fields", {{"RESPONSIBLE_ID", 3}}}}},
        {"gone", "no.such.method", {}},
    });
    const auto request = transport->requests().at(0);
    CHECK(request.url == kWebhookUrl + "batch.json");
    const json body = body_of(request);
    CHECK(body["halt"] == 0);
    CHECK(body["cmd"]["t1"] == "tasks.task.add?fields[RESPONSIBLE_ID]=3&fields[TITLE]=Call");
    CHECK(body["cmd"]["u"] == "user.get?ID=%24result%5Bt1%5D%5Btask%5D%5BresponsibleId%5D");
    CHECK(body["cmd"]["gone"] == "no.such.method");

    CHECK(result.requests() == 1);
    CHECK(result.value("t1")["task"]["id"] == "10");
    CHECK(result.entry("u").total == 1);
    CHECK(result.failed_keys() == std::vector<std::string>{"bad", "gone"});
    CHECK_THROWS_AS(result.value("bad"), b24::InvalidRequestError);
    CHECK_THROWS_AS(result.value("gone"), b24::MethodNotFoundError);
    CHECK_THROWS_WITH(result.value("bad"), Catch::Contains("batch command 'bad'") &&
                                               Catch::Contains("Task title is not specified"));
    CHECK_THROWS_AS(result.rethrow_first_error(), b24::InvalidRequestError);
    CHECK_THROWS_AS(result.value("nope"), odoobridge::ConfigurationError);
}

TEST_CASE("with halt, the commands after a failure are reported as skipped") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(
        ok({{"result", {{"a", 1}}},
            {"result_error", {{"b", {{"error", "ERROR_CORE"}, {"error_description", "no"}}}}},
            {"result_total", json::array()},
            {"result_next", json::array()}}));
    const b24::Client client(fast_options(transport));
    const auto result =
        client.batch({{"a", "m.get", {}}, {"b", "m.add", {}}, {"c", "m.add", {}}}, {.halt = true});
    CHECK(body_of(transport->requests().at(0))["halt"] == 1);
    CHECK(result.value("a") == 1);
    CHECK_THROWS_AS(result.value("b"), b24::InvalidRequestError);
    CHECK_THROWS_WITH(result.value("c"), Catch::Contains("halt is set"));
    CHECK_THROWS_AS(result.value("c"), b24::SkippedCommandError);
}

TEST_CASE("long command lists are chunked by 50 and references cross chunks") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on([](const odoobridge::core::Request& request)
                      -> std::optional<odoobridge::core::Response> {
        json result = json::object();
        json errors = json::object();
        const json body = body_of(request);
        for (const auto& [key, command] : body["cmd"].items()) {
            const std::string text = command.get<std::string>();
            if (key == "c7")
                errors[key] = {{"error", "ERROR_CORE"}, {"error_description", "refused"}};
            else
                result[key] = {{"id", key}, {"sent", text}};
        }
        return ok({{"result", result}, {"result_error", errors.empty() ? json::array() : errors}});
    });
    std::vector<b24::BatchCommand> commands;
    for (int i = 0; i < 120; ++i)
        commands.push_back({"c" + std::to_string(i), "crm.item.get", {{"id", i}}});
    commands[60].params = {{"parent", "$result[c1][id]"}, {"note", "after $result[c2][id]!"}};
    commands[61].params = {{"parent", "$result[c7][id]"}};   // c7 failed in chunk 1
    commands[62].params = {{"parent", "$result[c55][id]"}};  // same chunk: the portal's job
    const b24::Client client(fast_options(transport));
    const auto result = client.batch(commands);
    CHECK(result.requests() == 3);
    CHECK(transport->request_count() == 3);
    CHECK(result.entries().size() == 120);
    CHECK(result.value("c60")["sent"] == "crm.item.get?note=after%20c2%21&parent=c1");
    CHECK_THROWS_AS(result.value("c61"), b24::SkippedCommandError);
    CHECK_THROWS_WITH(result.value("c61"), Catch::Contains("'c7'"));
    CHECK(result.value("c62")["sent"] == "crm.item.get?parent=%24result%5Bc55%5D%5Bid%5D");
    CHECK(result.failed_keys() == std::vector<std::string>{"c7", "c61"});
}

TEST_CASE("batch arguments are checked before sending") {
    auto transport = std::make_shared<FakeTransport>();
    const b24::Client client(fast_options(transport));
    CHECK_THROWS_WITH(client.batch({{"", "user.get", {}}}), Catch::Contains("empty key"));
    CHECK_THROWS_WITH(client.batch({{"a b", "user.get", {}}}), Catch::Contains("letters, digits"));
    CHECK_THROWS_WITH(client.batch({{"a", "user.get", {}}, {"a", "user.get", {}}}),
                      Catch::Contains("repeats the key 'a'"));
    CHECK_THROWS_WITH(client.batch({{"a", "", {}}}), Catch::Contains("empty method"));
    CHECK(transport->request_count() == 0);
}

TEST_CASE("a whole-batch refusal is thrown as its typed error") {
    auto transport = std::make_shared<FakeTransport>();
    transport->push(
        error(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage"));
    const b24::Client client(fast_options(transport));
    CHECK_THROWS_AS(client.batch({{"inner", "batch", {}}}), b24::BatchMethodNotAllowedError);
}
