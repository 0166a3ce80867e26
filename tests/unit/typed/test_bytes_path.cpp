// The bytes path: JSON-RPC envelopes, bare lists, malformed input, and proof that it builds
// no DOM.

#include "capture.hpp"
#include "typed_records.hpp"

#include <odoobridge/core/codec.hpp>
#include <odoobridge/odoo/fields.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

namespace typed_test {

struct Row {
    static constexpr std::string_view odoo_model = "test.row";
    odoo::Id id = 0;
    std::string name;
    odoo::Json payload;
    friend bool operator==(const Row&, const Row&) = default;
};
BOOST_DESCRIBE_STRUCT(Row, (), (id, name, payload))

}  // namespace typed_test

namespace {

using odoobridge::DecodeError;
using odoobridge::json;
using odoobridge::MalformedResponseError;
namespace odoo = odoobridge::odoo;
using namespace typed_test;
using Catch::Matchers::Contains;

}  // namespace

TEST_CASE("JSON-RPC envelope: result list, in any member order", "[typed][bytes]") {
    const auto first = odoo::decode_jsonrpc_result_records<Row>(
        R"({"jsonrpc": "2.0", "id": 3, )"
        R"("result": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]})");
    REQUIRE(first.ok());
    CHECK(first.records == std::vector<Row>{{1, "a", {}}, {2, "b", {}}});

    const auto reordered =
        odoo::decode_jsonrpc_result_records<Row>(R"({"result": [], "id": null, "jsonrpc": "2.0"})");
    CHECK(reordered.ok());
    CHECK(reordered.records.empty());
}

TEST_CASE("JSON-RPC envelope: errors and shapes that are no answer", "[typed][bytes]") {
    SECTION("an error member is returned, parsed") {
        const auto answer = odoo::decode_jsonrpc_result_records<Row>(
            R"({"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error",
                "data": {"name": "odoo.exceptions.AccessError", "arguments": ["no"]}}})");
        CHECK_FALSE(answer.ok());
        REQUIRE(answer.error.has_value());
        CHECK(answer.error->at("data").at("name") == "odoo.exceptions.AccessError");
        CHECK(answer.error->at("code") == 200);
    }
    SECTION("neither result nor error") {
        CHECK_THROWS_WITH(
            odoo::decode_jsonrpc_result_records<Row>(R"({"jsonrpc": "2.0", "id": 1})"),
            Contains("neither 'result' nor 'error'"));
    }
    SECTION("not an object") {
        CHECK_THROWS_AS(odoo::decode_jsonrpc_result_records<Row>("[1]"), MalformedResponseError);
    }
    SECTION("a result that is not a list") {
        try {
            (void)odoo::decode_jsonrpc_result_records<Row>(
                R"({"jsonrpc": "2.0", "id": 1, "result": false})");
            FAIL("no DecodeError");
        } catch (const DecodeError& error) {
            CHECK(error.expected() == "list of records");
            CHECK(error.received() == "false");
            CHECK(error.model() == "test.row");
        }
    }
}

TEST_CASE("malformed JSON raises MalformedResponseError with an excerpt", "[typed][bytes]") {
    const odoo::DecodeOrigin origin{"", "https://erp.example.kz/jsonrpc", 200};
    const char* const bad[] = {
        R"([{"id": 1, "name": "a"}, {"id": 2, "name": )",  // truncated
        R"([{"id": 1, "name": "a"}] trailing)",            // content after the list
        R"([{"id": 1, "name": "a}])",                      // unterminated string
        R"([{"id": tru, "name": "a"}])",                   // bad literal
        "",                                                // empty body
        "<html><body>502 Bad Gateway</body></html>",       // a proxy's page
    };
    for (const char* text : bad) {
        INFO(text);
        try {
            (void)odoo::decode_records<Row>(text, origin);
            FAIL("no MalformedResponseError");
        } catch (const MalformedResponseError& error) {
            CHECK(error.endpoint() == "https://erp.example.kz/jsonrpc");
            CHECK_THAT(error.what(), Contains("from https://erp.example.kz/jsonrpc"));
            CHECK_THAT(error.what(), Contains("Check that the URL points at the service"));
        }
    }
}

TEST_CASE("json fields are the only values parsed into a DOM", "[typed][bytes]") {
    const std::string text =
        R"([{"id": 1, "name": "x", "payload": {"a": [1, 2.5, "s\n", null, true]}},
            {"id": 2, "name": "y", "payload": "plain"}, {"id": 3, "name": "z", "payload": false}])";
    const auto rows = odoo::decode_records<Row>(text);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].payload == json::parse(R"({"a": [1, 2.5, "s\n", null, true]})"));
    CHECK(rows[1].payload == "plain");
    CHECK(rows[2].payload == false);
    CHECK(rows == odoo::records_from_json<Row>(json::parse(text)));
}

TEST_CASE("the bytes path builds no DOM: skipped values are never materialized", "[typed][bytes]") {
    // nlohmann's DOM refuses a number beyond double range; simdjson On-Demand skips the
    // unknown field without converting it, so the typed decode succeeds.
    const std::string text = R"([{"id": 1, "huge": 1e400, "name": "kept"}])";
    CHECK_THROWS(json::parse(text));
    const auto rows = odoo::decode_records<Small>(text);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "kept");
}

TEST_CASE("the bytes path decodes concurrently, and answers of any size", "[typed][bytes]") {
    const auto capture =
        odoobridge::test::load_capture("odoo16/jsonrpc/royal_estate_search_read.json");
    const auto expected = odoo::decode_jsonrpc_result_records<Property>(capture.response_body);
    REQUIRE(expected.ok());
    std::vector<std::thread> threads;
    std::vector<int> matches(4, 0);
    for (std::size_t t = 0; t < matches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const auto answer =
                    odoo::decode_jsonrpc_result_records<Property>(capture.response_body);
                if (answer.records == expected.records) ++matches[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(matches == std::vector<int>(4, 50));

    // A big answer (beyond what one thread's parser keeps) still decodes.
    std::string big = "[";
    const std::string name(1 << 20, 'n');
    for (int i = 0; i < 70; ++i)
        big += (i ? "," : "") + std::string(R"({"id": )") + std::to_string(i) + R"(, "name": ")" +
               name + "\"}";
    big += "]";
    const auto rows = odoo::decode_records<Small>(big);
    REQUIRE(rows.size() == 70);
    CHECK(rows[69].id == 69);
    CHECK(rows[69].name.size() == name.size());
}

TEST_CASE("field order and escaped keys do not matter", "[typed][bytes]") {
    const auto capture =
        odoobridge::test::load_capture("odoo16/jsonrpc/royal_estate_search_read.json");
    const json result = json::parse(capture.response_body).at("result");
    const auto expected = odoo::records_from_json<Property>(result);

    // The same records with their keys in reverse order (answers need not follow the
    // declaration order), written by hand since json objects sort their keys.
    std::string reversed = "[";
    for (std::size_t i = 0; i < result.size(); ++i) {
        std::vector<std::pair<std::string, json>> members;
        for (const auto& [key, value] : result[i].items()) members.emplace_back(key, value);
        reversed += i ? ",{" : "{";
        for (std::size_t m = members.size(); m-- > 0;) {
            reversed += json(members[m].first).dump() + ":" + members[m].second.dump();
            if (m > 0) reversed += ",";
        }
        reversed += "}";
    }
    reversed += "]";
    CHECK(odoo::decode_records<Property>(reversed) == expected);

    // "\u006e" is "n": an escaped key names the same field.
    const auto rows = odoo::decode_records<Small>(R"([{"id": 4, "\u006eame": "escaped"}])");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "escaped");
}

TEST_CASE("records of very different sizes decode whatever the first one predicts",
          "[typed][bytes]") {
    std::string text = R"([{"id": 0, "name": ""})";
    const std::string long_name(5000, 'x');
    for (int i = 1; i <= 200; ++i)
        text += R"(,{"id": )" + std::to_string(i) + R"(, "name": ")" + long_name + "\"}";
    text += "]";
    const auto few_big = odoo::decode_records<Small>(text);
    REQUIRE(few_big.size() == 201);
    CHECK(few_big.back().name == long_name);
    CHECK(few_big.capacity() <= 2 * few_big.size() + 16);

    std::string many_small = R"([{"id": 0, "name": ")" + long_name + "\"}";
    for (int i = 1; i <= 5000; ++i) many_small += R"(,{"id": )" + std::to_string(i) + "}";
    many_small += "]";
    const auto rows = odoo::decode_records<Small>(many_small);
    REQUIRE(rows.size() == 5001);
    CHECK(rows.back().id == 5000);
}
