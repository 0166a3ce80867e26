// odoo::Client behaviour that is the same on every protocol: option validation, the
// default context, retries only for calls safe to repeat, protocol auto-selection.
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/testing/fake_transport.hpp>

#include <catch2/catch.hpp>

#include "expected_error.hpp"

#include <atomic>
#include <memory>

using namespace odoobridge;
using namespace odoobridge::odoo;
using namespace std::chrono_literals;
using odoobridge::test::message_of;

namespace {

constexpr const char* kSecret = "Pa55-Secret-0xC0FFEE";

core::Response jsonrpc_result(const json& request, json result) {
    json body{{"jsonrpc", "2.0"}, {"id", request.value("id", json())}, {"result", std::move(result)}};
    return core::Response{200, {{"Content-Type", "application/json"}}, body.dump()};
}

/// A JSON-RPC Odoo answering login, version and records calls; records every call.
struct FakeOdoo {
    std::shared_ptr<testing::FakeTransport> transport = std::make_shared<testing::FakeTransport>();
    int major_version = 16;
    std::vector<json> object_calls;  // execute_kw argument lists
    std::mutex mutex;

    FakeOdoo() {
        transport->on([this](const core::Request& request) -> std::optional<core::Response> {
            if (request.url.ends_with("/web/version"))
                return core::Response{200, {{"Content-Type", "application/json"}},
                                      json{{"version", "19.0"},
                                           {"version_info", {19, 0, 0, "final", 0, ""}}}
                                          .dump()};
            if (!request.url.ends_with("/jsonrpc")) return std::nullopt;
            const json body = json::parse(request.body);
            const json& params = body.at("params");
            if (params["service"] == "common" && params["method"] == "version")
                return jsonrpc_result(body, {{"server_version", std::to_string(major_version) + ".0"},
                                             {"server_version_info",
                                              {major_version, 0, 0, "final", 0, ""}}});
            if (params["service"] == "common" && params["method"] == "login")
                return jsonrpc_result(body, params["args"][2] == kSecret ? json(2) : json(false));
            if (params["service"] == "object") {
                std::lock_guard lock(mutex);
                object_calls.push_back(params["args"]);
                return jsonrpc_result(body, params["args"][4] == "create" ? json(7) : json::array());
            }
            return std::nullopt;
        });
    }

    ClientOptions options(ProtocolKind kind = ProtocolKind::jsonrpc) const {
        ClientOptions options;
        options.url = "http://odoo.test/";
        options.database = "testdb";
        options.credentials = Password{"admin", kSecret};
        options.protocol = kind;
        options.transport = transport;
        options.retry = core::RetryPolicy{3, 1ms, 2ms};
        return options;
    }
};

}  // namespace

TEST_CASE("client options are validated before any request") {
    FakeOdoo odoo;
    auto options = odoo.options();
    options.url.clear();
    CHECK_THROWS_WITH(Client::connect(options), Catch::Contains("ClientOptions.url"));
    options = odoo.options();
    options.url = "ftp://odoo.test";
    CHECK_THROWS_WITH(Client::connect(options), Catch::Contains("http:// or https://"));
    options = odoo.options();
    options.database.clear();
    CHECK_THROWS_WITH(Client::connect(options), Catch::Contains("database"));
    options = odoo.options();
    options.credentials = Password{"admin", ""};
    CHECK_THROWS_WITH(Client::connect(options), Catch::Contains("password is empty"));
    options = odoo.options(ProtocolKind::json2);
    CHECK_THROWS_WITH(Client::connect(options), Catch::Contains("API key"));
    options = odoo.options();
    options.context = json::array();
    CHECK_THROWS_AS(Client::connect(options), ConfigurationError);
    CHECK(odoo.transport->request_count() == 0);
}

TEST_CASE("a refused login is an AuthenticationError that names login and database only") {
    FakeOdoo odoo;
    auto options = odoo.options();
    options.credentials = Password{"admin", "wrong-Secret-123"};
    const std::string what = message_of([&] { (void)Client::connect(options); });
    CHECK(what.find("admin") != std::string::npos);
    CHECK(what.find("testdb") != std::string::npos);
    CHECK(what.find("wrong-Secret-123") == std::string::npos);
    CHECK_THROWS_AS(Client::connect(options), AuthenticationError);
}

TEST_CASE("the default context is merged under each call's context") {
    FakeOdoo odoo;
    auto options = odoo.options();
    options.context = {{"lang", "ru_RU"}, {"tz", "Asia/Almaty"}};
    const auto client = Client::connect(options);
    CHECK(client.uid() == 2);
    CHECK(client.protocol() == ProtocolKind::jsonrpc);
    (void)client.execute_kw("res.partner", "search", {json::array()},
                            {{"context", {{"lang", "en_US"}}}}, CallOptions{{{"active_test", false}}});
    const json kwargs = odoo.object_calls.back()[6];
    CHECK(kwargs["context"] == json{{"lang", "en_US"}, {"tz", "Asia/Almaty"}, {"active_test", false}});
    CHECK(client.context()["lang"] == "ru_RU");
}

TEST_CASE("no context key is sent when there is no context at all") {
    FakeOdoo odoo;
    const auto client = Client::connect(odoo.options());
    (void)client.execute_kw("res.partner", "search", {json::array()});
    CHECK_FALSE(odoo.object_calls.back()[6].contains("context"));
    CHECK_THROWS_AS(client.execute_kw("res.partner", "search", json::object()), ConfigurationError);
    CHECK_THROWS_AS(client.execute_kw("", "search"), ConfigurationError);
}

TEST_CASE("reads are retried after a transient failure, creates are never resent") {
    FakeOdoo odoo;
    const auto client = Client::connect(odoo.options());
    odoo.transport->push_error(std::make_exception_ptr(ConnectionError("reset", "http://odoo.test/jsonrpc")));
    CHECK(client.execute_kw("res.partner", "search_read", {json::array()}) == json::array());
    CHECK(odoo.object_calls.size() == 1);

    odoo.transport->push_error(std::make_exception_ptr(TimeoutError("slow", "http://odoo.test/jsonrpc")));
    CHECK_THROWS_AS(client.execute_kw("res.partner", "create", {{{"name", "x"}}}), TimeoutError);
    CHECK(odoo.object_calls.size() == 1);  // the create never reached the server twice

    odoo.transport->push_error(std::make_exception_ptr(TimeoutError("slow", "http://odoo.test/jsonrpc")));
    CallOptions idempotent;
    idempotent.idempotent = true;
    CHECK(client.execute_kw("res.partner", "write", {{1}, {{"name", "y"}}}, json::object(), idempotent) ==
          json::array());
    CHECK(odoo.object_calls.size() == 2);
}

TEST_CASE("429 and 503 with Retry-After: reads wait as asked and retry, creates are sent once") {
    FakeOdoo odoo;
    auto options = odoo.options();
    options.retry.max_retry_after = 5s;
    const auto client = Client::connect(options);
    auto refusal = [](int status, const char* retry_after) {
        return core::Response{
            status, {{"Content-Type", "text/html"}, {"Retry-After", retry_after}}, "<h1>busy</h1>"};
    };
    odoo.transport->push(refusal(429, "0"));
    odoo.transport->push(refusal(503, "0"));
    CHECK(client.execute_kw("res.partner", "search_read", {json::array()}) == json::array());
    CHECK(odoo.object_calls.size() == 1);

    odoo.transport->push(refusal(429, "0"));
    CHECK_THROWS_AS(client.execute_kw("res.partner", "create", {{{"name", "x"}}}),
                    UnexpectedResponseError);
    CHECK(odoo.object_calls.size() == 1);  // the refused create was not sent again

    const auto before = odoo.transport->request_count();
    odoo.transport->push(refusal(503, "3600"));
    try {
        (void)client.execute_kw("res.partner", "search_read", {json::array()});
        FAIL("a Retry-After above max_retry_after must fail the call");
    } catch (const UnexpectedResponseError& error) {
        CHECK(error.http_status() == 503);
        CHECK(error.retry_after() == 3600s);
        CHECK_THAT(error.what(), Catch::Contains("asked to wait 3600 s") &&
                                     Catch::Contains("max_retry_after (5 s)"));
    }
    CHECK(odoo.transport->request_count() - before == 1);
}

TEST_CASE("retries stop after max_attempts") {
    FakeOdoo odoo;
    const auto client = Client::connect(odoo.options());
    const auto before = odoo.transport->request_count();
    for (int i = 0; i < 3; ++i)
        odoo.transport->push_error(std::make_exception_ptr(ConnectionError("refused", "e")));
    CHECK_THROWS_AS(client.execute_kw("res.partner", "read", {{1}}), ConnectionError);
    CHECK(odoo.transport->request_count() - before == 3);
}

TEST_CASE("automatic mode picks JSON-RPC before 19 and JSON-2 on 19 with an API key") {
    SECTION("Odoo 16") {
        FakeOdoo odoo;
        const auto client = Client::connect(odoo.options(ProtocolKind::automatic));
        CHECK(client.protocol() == ProtocolKind::jsonrpc);
        CHECK(client.version().major == 16);
    }
    SECTION("Odoo 19 with a password stays on JSON-RPC") {
        FakeOdoo odoo;
        odoo.major_version = 19;
        const auto client = Client::connect(odoo.options(ProtocolKind::automatic));
        CHECK(client.protocol() == ProtocolKind::jsonrpc);
    }
    SECTION("Odoo 19 with an API key uses JSON-2") {
        FakeOdoo odoo;
        odoo.major_version = 19;
        auto options = odoo.options(ProtocolKind::automatic);
        options.credentials = ApiKey{"admin", kSecret};
        odoo.transport->on([](const core::Request& request) -> std::optional<core::Response> {
            if (!request.url.ends_with("/json/2/res.users/search")) return std::nullopt;
            return core::Response{200, {{"Content-Type", "application/json"}}, "[2]"};
        });
        const auto client = Client::connect(options);
        CHECK(client.protocol() == ProtocolKind::json2);
        CHECK(client.uid() == 2);
        CHECK(client.version().major == 19);
    }
}

TEST_CASE("execute_many returns one outcome per call, in order") {
    FakeOdoo odoo;
    const auto client = Client::connect(odoo.options());
    std::vector<Call> calls;
    for (int i = 0; i < 5; ++i) calls.push_back(Call{"res.partner", "read", {{i}}, json::object()});
    const auto outcomes = client.execute_many(calls);
    REQUIRE(outcomes.size() == 5);
    for (const auto& outcome : outcomes) CHECK(outcome.value() == json::array());
    CHECK(odoo.object_calls.size() == 5);
}

TEST_CASE("execute_many does not retry: a transient failure is that call's outcome") {
    FakeOdoo odoo;
    const auto client = Client::connect(odoo.options());
    const auto before = odoo.transport->request_count();
    odoo.transport->push(core::Response{
        503, {{"Content-Type", "text/html"}, {"Retry-After", "0"}}, "<h1>busy</h1>"});
    std::vector<Call> calls;
    for (int i = 0; i < 3; ++i) calls.push_back(Call{"res.partner", "read", {{i}}, json::object()});
    const auto outcomes = client.execute_many(calls);
    REQUIRE(outcomes.size() == 3);
    CHECK_THROWS_AS(outcomes[0].value(), UnexpectedResponseError);
    CHECK(outcomes[1].value() == json::array());
    CHECK(outcomes[2].value() == json::array());
    CHECK(odoo.transport->request_count() - before == 3);  // one request per call, no retry
    CHECK(odoo.object_calls.size() == 2);
}
