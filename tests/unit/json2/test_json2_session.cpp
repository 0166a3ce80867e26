// The JSON-2 protocol outside execute_kw: construction, version, database list, uid
// resolution, logging and batches.

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <array>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "json2_harness.hpp"

namespace {

using namespace odoobridge;
using namespace odoobridge::test;
using namespace odoobridge::test::json2;

core::Response json_answer(const std::string& body, int status = 200) {
    return core::Response{status, {{"Content-Type", "application/json; charset=utf-8"}}, body};
}

TEST_CASE("JSON-2 accepts API keys only, and not empty ones", "[json2]") {
    auto transport = std::make_shared<testing::FakeTransport>();
    const std::string password_message = exact_error<ConfigurationError>([&] {
        (void)odoo::make_protocol(
            odoo::ProtocolKind::json2,
            odoo::Connection{base_url, database, odoo::Password{"admin", "secret-pw"}, transport,
                             nullptr});
    });
    CHECK(password_message.find("API key") != std::string::npos);
    CHECK(password_message.find("secret-pw") == std::string::npos);
    const std::string empty_message = exact_error<ConfigurationError>([&] {
        (void)odoo::make_protocol(
            odoo::ProtocolKind::json2,
            odoo::Connection{base_url, database, odoo::ApiKey{"admin", ""}, transport, nullptr});
    });
    CHECK(empty_message.find("'admin'") != std::string::npos);
    CHECK(empty_message.find("empty") != std::string::npos);
    Harness h;
    CHECK(h.protocol->kind() == odoo::ProtocolKind::json2);
    CHECK(h.protocol->uid() == 0);
    CHECK(transport->request_count() == 0);
}

TEST_CASE("JSON-2 version comes from GET /web/version (capture 01)", "[json2][capture]") {
    const Capture capture = load_capture("odoo19/01_web_version.json");
    Harness h("", api_key, "admin");
    h.transport->push(capture.response());
    const odoo::ServerVersion version = h.protocol->version();
    CHECK(version.major == 19);
    CHECK(version.minor == 0);
    CHECK(version.version == "19.0");
    CHECK(version.raw == json::parse(capture.response_body));
    REQUIRE(h.transport->request_count() == 1);
    check_request(h.transport->requests().front(), capture);

    SECTION("a server without /web/version") {
        h.transport->push(
            core::Response{404, {{"Content-Type", "text/html"}}, "<h1>Not Found</h1>"});
        const std::string message =
            exact_error<UnexpectedResponseError>([&] { (void)h.protocol->version(); });
        CHECK(message.find(base_url + "/web/version") != std::string::npos);
        CHECK(message.find("HTTP 404") != std::string::npos);
    }
}

TEST_CASE("JSON-2 lists databases over the JSON-RPC route /web/database/list", "[json2]") {
    Harness h;
    h.transport->push(json_answer(R"({"jsonrpc":"2.0","id":1,"result":["o19db","staging"]})"));
    CHECK(h.protocol->list_databases() == std::vector<std::string>{"o19db", "staging"});
    const core::Request request = h.transport->requests().front();
    CHECK(request.method == "POST");
    CHECK(request.url == base_url + "/web/database/list");
    const json body = json::parse(request.body);
    CHECK(body["jsonrpc"] == "2.0");
    CHECK(body["method"] == "call");
    CHECK(body["params"] == json::object());

    SECTION("listing disabled on the server") {
        h.transport->push(json_answer(
            R"({"jsonrpc":"2.0","id":2,"error":{"code":200,"message":"Odoo Server Error",
                "data":{"name":"odoo.exceptions.AccessDenied","message":"Access Denied"}}})"));
        const std::string message =
            exact_error<odoo::AuthenticationError>([&] { (void)h.protocol->list_databases(); });
        CHECK(message.find("Access Denied") != std::string::npos);
    }
}

TEST_CASE("JSON-2 authenticate resolves the uid with res.users.search", "[json2]") {
    Harness h(database, api_key, "agent@example.kz");
    const Capture search_shape = load_capture("odoo19/05_json2_search.json");
    SECTION("found") {
        h.transport->push(json_answer("[7]"));
        CHECK(h.protocol->authenticate() == 7);
        CHECK(h.protocol->uid() == 7);
        const core::Request request = h.transport->requests().front();
        CHECK(request.method == "POST");
        CHECK(request.url == base_url + "/json/2/res.users/search");
        CHECK(json::parse(request.body) ==
              json::parse(R"({"domain":[["login","=","agent@example.kz"]],"limit":1})"));
        CHECK(core::find_header(request.headers, "Authorization") == "bearer " + api_key);
        CHECK(core::find_header(request.headers, "X-Odoo-Database") == database);
        CHECK(core::find_header(request.headers, "Content-Type") == "application/json");
    }
    SECTION("no user with that login") {
        h.transport->push(json_answer("[]"));
        const std::string message =
            exact_error<odoo::AuthenticationError>([&] { (void)h.protocol->authenticate(); });
        CHECK(message.find("agent@example.kz") != std::string::npos);
        CHECK(message.find("o19db") != std::string::npos);
        CHECK(message.find(api_key) == std::string::npos);
        CHECK(h.protocol->uid() == 0);
    }
    SECTION("the key is refused (401, capture 26)") {
        h.transport->push(load_capture("odoo19/26_json2_error_bad_key.json").response());
        const std::string message =
            exact_error<odoo::AuthenticationError>([&] { (void)h.protocol->authenticate(); });
        CHECK(message.find("refused the API key of login 'agent@example.kz'") != std::string::npos);
        CHECK(message.find("res.users.search") != std::string::npos);
        CHECK(message.find(api_key) == std::string::npos);
        CHECK(h.protocol->uid() == 0);
    }
    SECTION("an answer that is not a list of ids") {
        h.transport->push(json_answer(R"({"id": 7})"));
        CHECK(exact_error<MalformedResponseError>([&] {
                  (void)h.protocol->authenticate();
              }).find("list of ids") != std::string::npos);
    }
}

TEST_CASE("JSON-2 logs model, method and timings but never the key", "[json2]") {
    std::ostringstream log;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
    auto logger = std::make_shared<spdlog::logger>("json2-test", sink);
    logger->set_level(spdlog::level::trace);
    Harness h(database, api_key, "admin", logger);
    h.transport->on([](const core::Request& request) -> std::optional<core::Response> {
        if (request.url.find("/doc-bearer/") != std::string::npos)
            return ordered_response("odoo19/40_doc_bearer_res_partner.json");
        return json_answer("[5]");
    });
    (void)h.protocol->authenticate();
    (void)h.call("res.partner", "address_get", json::parse("[[9]]"));
    logger->flush();
    const std::string text = log.str();
    INFO(text);
    CHECK(text.find("res.partner.address_get") != std::string::npos);
    CHECK(text.find("res.users.search") != std::string::npos);
    CHECK(text.find(" ms") != std::string::npos);
    CHECK(text.find(api_key) == std::string::npos);
}

TEST_CASE("JSON-2 execute_all decodes each answer on its own", "[json2]") {
    Harness h;
    h.transport->push(load_capture("odoo19/03_json2_search_count.json").response());
    h.transport->push(load_capture("odoo19/31_json2_error_access.json").response());
    const std::array<odoo::Call, 2> calls{
        odoo::Call{"res.partner", "search_count", json::parse(R"([[["is_company","=",true]]])")},
        odoo::Call{"res.users", "write", json::parse(R"([[2],{"name":"hacked"}])")}};
    auto outcomes = h.protocol->execute_all(calls);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].value() == 11);
    CHECK_THROWS_AS(outcomes[1].value(), odoo::AccessError);
}

}  // namespace
