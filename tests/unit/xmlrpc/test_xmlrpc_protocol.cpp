// The XML-RPC protocol's own behaviour: login (lazy, once, refused), requests, and answers
// that are not XML-RPC (proxy pages, truncated or invalid XML).

#include "capture.hpp"
#include "xmlrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace odoobridge;
using test::load_capture;
namespace x = test::xmlrpc;

const std::string object_url = x::base_url + "/xmlrpc/2/object";
const std::string common_url = x::base_url + "/xmlrpc/2/common";

core::Response partner_search_read_answer() {
    return load_capture("odoo16/xmlrpc/partner_search_read.json").response();
}

odoo::Call search_call() {
    return odoo::Call{"res.partner", "search_read", json::array({json::array()}),
                      json{{"fields", {"name"}}, {"limit", 5}}};
}

core::Response html_page(int status) {
    return core::Response{status,
                          {{"Content-Type", "text/html; charset=utf-8"}},
                          "<html><head><title>" + std::to_string(status) +
                              "</title></head><body><h1>Bad Gateway</h1></body></html>"};
}

/// Logs in (uid 2), sends search_call() and gets `answer`: the call must throw `E`, which
/// `check` then inspects.
template <class E, class Check>
void search_fails_with(const core::Response& answer, Check&& check) {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), answer));
    try {
        (void)fixture.protocol->execute_kw(search_call());
        FAIL("no exception");
    } catch (const E& e) {
        check(e);
    }
}

}  // namespace

TEST_CASE("the first call logs in with common.login, later calls reuse the uid", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(7), partner_search_read_answer()));
    REQUIRE(fixture.protocol->uid() == 0);

    (void)fixture.protocol->execute_kw(search_call());
    (void)fixture.protocol->execute_kw(search_call());

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].url == common_url);
    const x::ParsedCall login = x::parse_call(requests[0].body);
    CHECK(login.method == "login");
    REQUIRE(login.params.size() == 3);
    CHECK(login.params.getString(0) == "testdb");
    CHECK(login.params.getString(1) == "admin");
    CHECK(login.params.getString(2) == x::secret);
    CHECK(fixture.protocol->uid() == 7);

    for (std::size_t i : {1u, 2u}) {
        CHECK(requests[i].method == "POST");
        CHECK(requests[i].url == object_url);
        CHECK(core::find_header(requests[i].headers, "Content-Type").value_or("") == "text/xml");
        const x::ParsedCall call = x::parse_call(requests[i].body);
        CHECK(call.method == "execute_kw");
        REQUIRE(call.params.size() == 7);
        CHECK(call.params.getString(0) == "testdb");
        CHECK(call.params.getInt(1) == 7);
        CHECK(call.params.getString(2) == x::secret);
        CHECK(call.params.getString(3) == "res.partner");
        CHECK(call.params.getString(4) == "search_read");
        CHECK(x::to_json(call.params[5]) == json::array({json::array()}));
        CHECK(x::to_json(call.params[6]) == json{{"fields", {"name"}}, {"limit", 5}});
    }
}

TEST_CASE("an empty kwargs is not sent", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), partner_search_read_answer()));
    (void)fixture.protocol->execute_kw(odoo::Call{"res.partner", "search_read", json::array()});
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(x::parse_call(requests[1].body).params.size() == 6);
}

TEST_CASE("a trailing slash in the URL does not double the path", "[xmlrpc]") {
    auto transport = std::make_shared<testing::FakeTransport>();
    auto protocol = odoo::make_protocol(
        odoo::ProtocolKind::xmlrpc,
        odoo::Connection{x::base_url + "/", "testdb", odoo::Password{"admin", x::secret}, transport,
                         nullptr});
    CHECK(protocol->kind() == odoo::ProtocolKind::xmlrpc);
    transport->push(x::login_response(2));
    CHECK(protocol->authenticate() == 2);
    CHECK(transport->requests().at(0).url == common_url);
}

TEST_CASE("authenticate() logs in at once, and calls then skip the login", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), partner_search_read_answer()));
    CHECK(fixture.protocol->authenticate() == 2);
    (void)fixture.protocol->execute_kw(search_call());
    CHECK(fixture.transport->request_count() == 2);
}

TEST_CASE("`false` from login raises AuthenticationError naming login and database", "[xmlrpc]") {
    x::Fixture fixture("royaldb", x::secret, "agent@example.kz");
    fixture.transport->push(
        load_capture("odoo16/xmlrpc/common_login_bad_password.json").response());
    try {
        (void)fixture.protocol->authenticate();
        FAIL("no exception");
    } catch (const odoo::AuthenticationError& e) {
        const std::string what = e.what();
        INFO(what);
        CHECK(what.find("agent@example.kz") != std::string::npos);
        CHECK(what.find("royaldb") != std::string::npos);
        CHECK(what.find(x::secret) == std::string::npos);
        CHECK(e.endpoint() == common_url);
        CHECK(e.server_class() == "odoo.exceptions.AccessDenied");
    }
    CHECK(fixture.protocol->uid() == 0);
}

TEST_CASE("a refused lazy login fails the call, and the next call tries again", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->push(
        load_capture("odoo16/xmlrpc/common_login_bad_password.json").response());
    CHECK_THROWS_AS(fixture.protocol->execute_kw(search_call()), odoo::AuthenticationError);
    CHECK(fixture.transport->request_count() == 1);  // the call itself was not sent

    fixture.transport->on(x::route(x::login_response(2), partner_search_read_answer()));
    CHECK(fixture.protocol->execute_kw(search_call()).is_array());
    CHECK(fixture.protocol->uid() == 2);
}

TEST_CASE("login answers that are neither a uid nor false are malformed", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->push(x::xml_response(x::response_document(xmlrpc_c::value_string("2"))));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), MalformedResponseError);
    fixture.transport->push(x::login_response(0));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), MalformedResponseError);
    CHECK(fixture.protocol->uid() == 0);
}

TEST_CASE("eight concurrent first calls log in once", "[xmlrpc][threads]") {
    x::Fixture fixture;
    std::atomic<int> logins{0};
    const core::Response answer = partner_search_read_answer();
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (request.url == common_url) {
            ++logins;
            // Keep the login slow so that the other threads arrive while it runs.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            return x::login_response(2);
        }
        return answer;
    });
    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            if (fixture.protocol->execute_kw(search_call()).is_array()) ++succeeded;
        });
    for (auto& thread : threads) thread.join();
    CHECK(logins == 1);
    CHECK(succeeded == 8);
    CHECK(fixture.transport->request_count() == 9);
}

TEST_CASE("version() and list_databases() use the common and db services", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->push(load_capture("odoo16/xmlrpc/common_version.json").response());
    fixture.transport->push(load_capture("odoo16/xmlrpc/db_list.json").response());
    const odoo::ServerVersion version = fixture.protocol->version();
    CHECK(version.version == "16.0");
    CHECK(version.major == 16);
    CHECK(version.minor == 0);
    CHECK(fixture.protocol->list_databases() == std::vector<std::string>{"testdb"});
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].url == common_url);
    CHECK(requests[1].url == x::base_url + "/xmlrpc/2/db");
    CHECK(fixture.protocol->uid() == 0);  // no login needed
}

TEST_CASE("a db.list answer that is not a list of names is malformed", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->push(x::xml_response(x::response_document(xmlrpc_c::value_int(3))));
    CHECK_THROWS_AS(fixture.protocol->list_databases(), MalformedResponseError);
}

TEST_CASE("a proxy's HTML 502 page is an UnexpectedResponseError with the status", "[xmlrpc]") {
    search_fails_with<UnexpectedResponseError>(
        html_page(502), [](const UnexpectedResponseError& e) {
            const std::string what = e.what();
            INFO(what);
            CHECK(e.http_status() == 502);
            CHECK(e.endpoint() == object_url);
            CHECK(what.find("502") != std::string::npos);
            CHECK(what.find("text/html") != std::string::npos);
            CHECK(what.find("proxy") != std::string::npos);
            CHECK(what.find(x::secret) == std::string::npos);
        });
}

TEST_CASE("service calls reject non-XML-RPC answers too", "[xmlrpc]") {
    x::Fixture fixture;
    fixture.transport->push(html_page(404));
    try {
        (void)fixture.protocol->version();
        FAIL("no exception");
    } catch (const UnexpectedResponseError& e) {
        CHECK(e.http_status() == 404);
        CHECK(e.endpoint() == common_url);
    }
    // An XML-RPC body with the wrong status is not trusted either.
    fixture.transport->push(x::xml_response(x::response_document(xmlrpc_c::value_int(2)), 500));
    CHECK_THROWS_AS(fixture.protocol->authenticate(), UnexpectedResponseError);
    // Nor a 200 with another media type.
    fixture.transport->push(core::Response{
        200, {{"Content-Type", "application/json"}}, R"({"jsonrpc":"2.0","result":2})"});
    CHECK_THROWS_AS(fixture.protocol->authenticate(), UnexpectedResponseError);
}

TEST_CASE("a truncated XML-RPC answer is a MalformedResponseError", "[xmlrpc]") {
    core::Response half = partner_search_read_answer();
    half.body.resize(half.body.size() / 2);
    search_fails_with<MalformedResponseError>(half, [](const MalformedResponseError& e) {
        const std::string what = e.what();
        INFO(what);
        CHECK(e.http_status() == 200);
        CHECK(e.endpoint() == object_url);
        CHECK(what.find("truncated") != std::string::npos);
        CHECK(what.find(object_url) != std::string::npos);
        CHECK(what.find("<?xml") != std::string::npos);  // the excerpt
        CHECK(what.find(x::secret) == std::string::npos);
    });
}

TEST_CASE("a text/xml answer that is not XML-RPC is a MalformedResponseError", "[xmlrpc]") {
    for (const std::string& body :
         {std::string("Service temporarily unavailable"), std::string(),
          std::string("<?xml version=\"1.0\"?><html><body>maintenance</body></html>"),
          std::string("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
                      "<value><unknown>1</unknown></value>\n</param>\n</params>\n"
                      "</methodResponse>\n")}) {
        INFO(body);
        search_fails_with<MalformedResponseError>(
            x::xml_response(body), [](const MalformedResponseError& e) {
                const std::string what = e.what();
                INFO(what);
                CHECK(e.http_status() == 200);
                CHECK(e.endpoint() == object_url);
                CHECK(what.find("proxy") != std::string::npos);
                CHECK(what.find(x::secret) == std::string::npos);
            });
    }
}

TEST_CASE("fault codes outside Odoo's give a plain ServerError naming the code", "[xmlrpc]") {
    search_fails_with<odoo::ServerError>(
        x::xml_response(x::fault_document(42, "odd failure")), [](const odoo::ServerError& e) {
            CHECK(typeid(e) == typeid(odoo::ServerError));
            CHECK(e.server_class().empty());
            CHECK(e.server_message().find("42") != std::string::npos);
            CHECK(e.server_message().find("odd failure") != std::string::npos);
            CHECK(e.details().debug == "odd failure");
        });
}

TEST_CASE("a code 1 fault without a traceback keeps its text as the message", "[xmlrpc]") {
    search_fails_with<odoo::ServerError>(
        x::xml_response(x::fault_document(1, "  something broke\n")),
        [](const odoo::ServerError& e) {
            CHECK(typeid(e) == typeid(odoo::ServerError));
            CHECK(e.server_class().empty());
            CHECK(e.server_message() == "something broke");
        });
}

TEST_CASE("a traceback's exception message may span several lines", "[xmlrpc]") {
    const std::string traceback =
        "Traceback (most recent call last):\n"
        "  File \"/opt/odoo/odoo/models.py\", line 1, in f\n"
        "    raise ValueError('first\\nsecond')\n"
        "ValueError: first\nsecond\n";
    search_fails_with<odoo::ServerError>(x::xml_response(x::fault_document(1, traceback)),
                                         [](const odoo::ServerError& e) {
                                             CHECK(e.server_class() == "builtins.ValueError");
                                             CHECK(e.server_message() == "first\nsecond");
                                         });
}

TEST_CASE("answers above xmlrpc-c's default 512 KiB limit decode", "[xmlrpc]") {
    const std::string big(700 * 1024, 'x');
    x::Fixture fixture;
    fixture.transport->on(x::route(
        x::login_response(2), x::xml_response(x::response_document(xmlrpc_c::value_string(big)))));
    CHECK(fixture.protocol->execute_kw(search_call()) == big);
}

TEST_CASE("execute_all decodes each answer on its own", "[xmlrpc]") {
    x::Fixture fixture;
    int object_calls = 0;
    const core::Response good = partner_search_read_answer();
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (request.url == common_url) return x::login_response(2);
        return ++object_calls == 2 ? html_page(502) : good;
    });
    const std::vector<odoo::Call> calls{search_call(), search_call(), search_call()};
    auto outcomes = fixture.protocol->execute_all(calls);
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].value().is_array());
    CHECK_THROWS_AS(outcomes[1].value(), UnexpectedResponseError);
    CHECK(outcomes[2].value().is_array());
}
