// The JSON-RPC protocol's behaviour beyond single captures: the envelope, lazy login,
// concurrent first calls, and answers that are not JSON-RPC.

#include "capture.hpp"
#include "jsonrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <typeindex>
#include <vector>

namespace {

using namespace odoobridge;
using namespace odoobridge::test;

const odoo::Call search_call{"res.partner", "search", json::array({json::array()}),
                             json{{"limit", 1}}};

}  // namespace

TEST_CASE("JSON-RPC requests carry a JSON-RPC 2.0 envelope with unique ids", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(2));
    fixture.transport->push(result_response(json::array({1})));
    fixture.transport->push(result_response(json::array({1})));
    (void)fixture.protocol->execute_kw(search_call);
    (void)fixture.protocol->execute_kw(search_call);

    std::set<std::int64_t> ids;
    for (const auto& request : fixture.transport->requests()) {
        CHECK(request.method == "POST");
        CHECK(request.url == test::base_url + "/jsonrpc");
        CHECK(request.headers.size() >= 1);
        CHECK(core::find_header(request.headers, "content-type") == "application/json");
        const json body = json::parse(request.body);
        CHECK(body["jsonrpc"] == "2.0");
        CHECK(body["method"] == "call");
        REQUIRE(body["id"].is_number_integer());
        ids.insert(body["id"].get<std::int64_t>());
    }
    CHECK(ids.size() == 3);
}

TEST_CASE("JSON-RPC logs in lazily, once, and sends execute_kw with uid and password",
          "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc, "prod", "agent@example.kz");
    CHECK(fixture.protocol->uid() == 0);
    fixture.transport->push(result_response(7));
    fixture.transport->push(result_response(json::array({3, 4})));
    fixture.transport->push(result_response(5));

    CHECK(fixture.protocol->execute_kw(search_call) == json::array({3, 4}));
    const odoo::Call count{"res.partner", "search_count", json::array({json::array()}),
                           json::object()};
    CHECK(fixture.protocol->execute_kw(count) == 5);
    CHECK(fixture.protocol->uid() == 7);

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 3);
    CHECK(body_without_id(requests[0].body)["params"] ==
          json{{"service", "common"},
               {"method", "login"},
               {"args", {"prod", "agent@example.kz", test::secret}}});
    CHECK(body_without_id(requests[1].body)["params"]["args"] ==
          json::array({"prod", 7, test::secret, "res.partner", "search",
                       json::array({json::array()}), json{{"limit", 1}}}));
    // Empty kwargs are left out, as in Odoo's own captures.
    CHECK(body_without_id(requests[2].body)["params"]["args"] ==
          json::array({"prod", 7, test::secret, "res.partner", "search_count",
                       json::array({json::array()})}));
}

TEST_CASE("JSON-RPC: 8 concurrent first calls log in exactly once", "[jsonrpc][threads]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    std::atomic<int> logins{0};
    std::atomic<int> calls_without_uid{0};
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        const json params = json::parse(request.body)["params"];
        if (params["service"] == "common") {
            ++logins;
            std::this_thread::sleep_for(std::chrono::milliseconds(30));  // widen the race
            return result_response(2);
        }
        if (params["args"][1] != 2) ++calls_without_uid;
        return result_response(json::array({1}));
    });

    std::vector<std::thread> threads;
    std::atomic<int> succeeded{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            try {
                if (fixture.protocol->execute_kw(search_call) == json::array({1})) ++succeeded;
            } catch (const std::exception&) {
                // counted as not succeeded; asserting here would not be thread-safe
            }
        });
    for (auto& thread : threads) thread.join();

    CHECK(succeeded == 8);
    CHECK(logins == 1);
    CHECK(calls_without_uid == 0);
    std::size_t common_requests = 0;
    for (const auto& request : fixture.transport->requests())
        if (json::parse(request.body)["params"]["service"] == "common") ++common_requests;
    CHECK(common_requests == 1);
    CHECK(fixture.transport->request_count() == 9);
}

TEST_CASE("JSON-RPC authenticate() logs in every time it is called", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(2));
    fixture.transport->push(result_response(2));
    CHECK(fixture.protocol->authenticate() == 2);
    CHECK(fixture.protocol->authenticate() == 2);
    CHECK(fixture.transport->request_count() == 2);
}

TEST_CASE("JSON-RPC answers that are not JSON-RPC raise protocol errors", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(2));
    (void)fixture.protocol->authenticate();

    SECTION("a proxy's HTML 502 page") {
        fixture.transport->push(test::html_response(502));
        try {
            (void)fixture.protocol->execute_kw(search_call);
            FAIL("no exception");
        } catch (const UnexpectedResponseError& error) {
            CHECK(error.http_status() == 502);
            CHECK(error.endpoint() == test::base_url + "/jsonrpc");
            CHECK(std::string(error.what()).find("502") != std::string::npos);
            require_no_secret(error);
        }
    }
    SECTION("Odoo's 400 'Invalid JSON data'") {
        fixture.transport->push(
            load_capture("odoo16/jsonrpc/error_malformed_json.json").response());
        try {
            (void)fixture.protocol->execute_kw(search_call);
            FAIL("no exception");
        } catch (const UnexpectedResponseError& error) {
            CHECK(error.http_status() == 400);
            CHECK(std::string(error.what()).find("Invalid JSON data") != std::string::npos);
            require_no_secret(error);
        }
    }
    SECTION("JSON with HTTP 200 but an HTML content type") {
        core::Response response = result_response(json::array({1}));
        response.headers = {{"Content-Type", "text/html; charset=utf-8"}};
        fixture.transport->push(response);
        CHECK_THROWS_AS(fixture.protocol->execute_kw(search_call), UnexpectedResponseError);
    }
    SECTION("a truncated answer (a capture cut in half)") {
        core::Response response =
            load_capture("odoo16/jsonrpc/partner_search_read.json").response();
        response.body.resize(response.body.size() / 2);
        fixture.transport->push(response);
        try {
            (void)fixture.protocol->execute_kw(search_call);
            FAIL("no exception");
        } catch (const MalformedResponseError& error) {
            CHECK(error.http_status() == 200);
            CHECK(std::string(error.what()).find("truncated") != std::string::npos);
            require_no_secret(error);
        }
    }
    SECTION("invalid JSON") {
        fixture.transport->push(core::Response{200, {{"Content-Type", "application/json"}}, "{]"});
        CHECK_THROWS_AS(fixture.protocol->execute_kw(search_call), MalformedResponseError);
    }
    SECTION("a JSON object with neither result nor error") {
        fixture.transport->push(json_response(json{{"jsonrpc", "2.0"}, {"id", 1}}));
        CHECK_THROWS_WITH(fixture.protocol->execute_kw(search_call),
                          Catch::Contains("neither 'result' nor 'error'"));
    }
    SECTION("JSON that is not an object") {
        fixture.transport->push(json_response(json::array({1, 2})));
        CHECK_THROWS_AS(fixture.protocol->execute_kw(search_call), MalformedResponseError);
    }
    SECTION("an error member that is not an object") {
        fixture.transport->push(
            json_response(json{{"jsonrpc", "2.0"}, {"id", 1}, {"error", "boom"}}));
        CHECK_THROWS_AS(fixture.protocol->execute_kw(search_call), MalformedResponseError);
    }
}

TEST_CASE("JSON-RPC error members without data still map to the right class", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(2));
    (void)fixture.protocol->authenticate();

    SECTION("code 100 is an expired session") {
        fixture.transport->push(
            json_response(json{{"jsonrpc", "2.0"},
                               {"id", nullptr},
                               {"error", {{"code", 100}, {"message", "Odoo Session Expired"}}}}));
        try {
            (void)fixture.protocol->execute_kw(search_call);
            FAIL("no exception");
        } catch (const odoo::SessionExpiredError& error) {
            CHECK(error.server_class() == "odoo.http.SessionExpiredException");
            CHECK(error.server_message() == "Odoo Session Expired");
        }
        CHECK(fixture.transport->request_count() == 2);  // /jsonrpc has no session to renew
    }
    SECTION("any other code is a plain ServerError with the error's message") {
        fixture.transport->push(
            json_response(json{{"jsonrpc", "2.0"},
                               {"id", 1},
                               {"error", {{"code", 200}, {"message", "Odoo Server Error"}}}}));
        try {
            (void)fixture.protocol->execute_kw(search_call);
            FAIL("no exception");
        } catch (const odoo::ServerError& error) {
            CHECK(std::type_index(typeid(error)) == std::type_index(typeid(odoo::ServerError)));
            CHECK(error.server_message() == "Odoo Server Error");
            CHECK(std::string(error.what()).find("res.partner.search") != std::string::npos);
        }
    }
}

TEST_CASE("JSON-RPC login answers that are neither a uid nor false are malformed", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response("2"));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), MalformedResponseError);
    fixture.transport->push(result_response(0));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), MalformedResponseError);
    fixture.transport->push(result_response(nullptr));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), odoo::AuthenticationError);
    CHECK(fixture.protocol->uid() == 0);
}

TEST_CASE("JSON-RPC version and database list reject answers of the wrong shape", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(result_response(json::array({"testdb", 3})));
    CHECK_THROWS_AS(fixture.protocol->list_databases(), MalformedResponseError);
    fixture.transport->push(result_response(json{{"server_version", "16.0"}}));
    CHECK_THROWS_AS(fixture.protocol->version(), MalformedResponseError);
}

TEST_CASE("JSON-RPC refuses calls of the wrong shape before sending them", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    const odoo::Call object_args{"res.partner", "search", json{{"domain", json::array()}},
                                 json::object()};
    CHECK_THROWS_AS(fixture.protocol->execute_kw(object_args), ConfigurationError);
    const odoo::Call array_kwargs{"res.partner", "search", json::array(), json::array()};
    CHECK_THROWS_AS(fixture.protocol->execute_kw(array_kwargs), ConfigurationError);
    const odoo::Call no_model{"", "search", json::array(), json::object()};
    CHECK_THROWS_AS(fixture.protocol->execute_kw(no_model), ConfigurationError);
    CHECK(fixture.transport->request_count() == 0);

    fixture.transport->push(result_response(2));
    const odoo::Call bad_utf8{"res.partner", "create",
                              json::array({json{{"name", std::string("\xC3\x28")}}}),
                              json::object()};
    try {
        (void)fixture.protocol->execute_kw(bad_utf8);
        FAIL("no exception");
    } catch (const ConfigurationError& error) {
        CHECK(std::string(error.what()).find("res.partner.create") != std::string::npos);
        CHECK(std::string(error.what()).find("UTF-8") != std::string::npos);
    }
}

TEST_CASE("JSON-RPC errors show the endpoint without user info", "[jsonrpc]") {
    Fixture fixture(odoo::ProtocolKind::jsonrpc, "testdb", "admin",
                    "https://user:hunter2@odoo.test/");
    fixture.transport->push(test::html_response(502));
    try {
        (void)fixture.protocol->version();
        FAIL("no exception");
    } catch (const UnexpectedResponseError& error) {
        CHECK(error.endpoint() == "https://odoo.test/jsonrpc");
        require_no_secret(error, "hunter2");
    }
    CHECK(fixture.transport->requests().at(0).url == "https://user:hunter2@odoo.test/jsonrpc");
}
