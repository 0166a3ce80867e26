// The web-session protocol against the odoo16/session captures: login, the session cookie,
// call_kw, and renewing an expired session once (also when several calls find it expired
// at the same time).

#include "capture.hpp"
#include "jsonrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace odoobridge;
using namespace odoobridge::test;

const Capture& authenticate_capture() {
    static const Capture capture = load_capture("odoo16/session/authenticate.json");
    return capture;
}
const Capture& search_read_capture() {
    static const Capture capture = load_capture("odoo16/session/call_kw_search_read.json");
    return capture;
}
const Capture& no_session_capture() {
    static const Capture capture = load_capture("odoo16/session/call_kw_no_session.json");
    return capture;
}

/// The capture's login answer, setting `session_id=<value>` (the capture's is redacted).
core::Response login_answer(const std::string& session_id) {
    core::Response response = authenticate_capture().response();
    for (auto& [name, value] : response.headers)
        if (name == "Set-Cookie")
            value = "session_id=" + session_id +
                    "; Expires=Sun, 29 Nov 2026 10:32:55 GMT; Max-Age=604800; HttpOnly; Path=/";
    return response;
}

/// The login answer with `set_cookies` as its Set-Cookie headers.
core::Response login_answer_with(const std::vector<std::string>& set_cookies) {
    core::Response response = authenticate_capture().response();
    std::erase_if(response.headers,
                  [](const auto& header) { return header.first == "Set-Cookie"; });
    for (const auto& value : set_cookies) response.headers.emplace_back("Set-Cookie", value);
    return response;
}

/// The call of the call_kw captures: res.partner.search_read with fields, limit, context.
odoo::Call captured_call() {
    const json params = json::parse(search_read_capture().request_body)["params"];
    return odoo::Call{params["model"].get<std::string>(), params["method"].get<std::string>(),
                      params["args"], params["kwargs"]};
}

std::string cookie_of(const core::Request& request) {
    const auto cookie = core::find_header(request.headers, "Cookie");
    return cookie ? std::string(*cookie) : std::string();
}

/// Blocks callers until `count` have arrived (or 10 s passed, so a bug cannot hang the test).
class Gate {
public:
    explicit Gate(int count) : remaining_(count) {}
    void arrive_and_wait() {
        std::unique_lock lock(mutex_);
        if (--remaining_ <= 0) all_arrived_.notify_all();
        all_arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return remaining_ <= 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable all_arrived_;
    int remaining_;
};

}  // namespace

TEST_CASE("session: authenticate sends the capture's request and reads uid and cookie",
          "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(authenticate_capture().response());
    CHECK(fixture.protocol->authenticate() == 2);
    CHECK(fixture.protocol->uid() == 2);

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(path_of(requests[0].url) == authenticate_capture().request_path);
    json expected = body_without_id(authenticate_capture().request_body);
    expected["params"]["password"] = test::secret;
    CHECK(body_without_id(requests[0].body) == expected);
    CHECK_FALSE(core::find_header(requests[0].headers, "Cookie"));
}

TEST_CASE("session: a refused login raises AuthenticationError naming login and database",
          "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(
        load_capture("odoo16/session/authenticate_bad_password.json").response());
    try {
        fixture.protocol->authenticate();
        FAIL("no exception");
    } catch (const odoo::AuthenticationError& error) {
        const std::string what = error.what();
        INFO(what);
        CHECK(what.find("'admin'") != std::string::npos);
        CHECK(what.find("'testdb'") != std::string::npos);
        CHECK(error.server_class() == "odoo.exceptions.AccessDenied");
        CHECK(error.details().protocol == "session");
        CHECK(error.details().endpoint == test::base_url + "/web/session/authenticate");
        require_no_secret(error);
    }
    CHECK(fixture.protocol->uid() == 0);

    SECTION("also when an older server answers uid false") {
        core::Response response = authenticate_capture().response();
        json body = json::parse(response.body);
        body["result"]["uid"] = false;
        response.body = body.dump();
        fixture.transport->push(response);
        CHECK_THROWS_AS(fixture.protocol->authenticate(), odoo::AuthenticationError);
    }
}

TEST_CASE("session: call_kw sends the capture's request with the session cookie",
          "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(authenticate_capture().response());
    fixture.transport->push(search_read_capture().response());

    // The first call logs in by itself.
    CHECK(fixture.protocol->execute_kw(captured_call()) ==
          result_of(search_read_capture().response_body));

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(path_of(requests[0].url) == "/web/session/authenticate");
    CHECK(path_of(requests[1].url) == search_read_capture().request_path);
    CHECK(body_without_id(requests[1].body) == body_without_id(search_read_capture().request_body));
    CHECK(cookie_of(requests[1]) == "session_id=<redacted>");
    CHECK(core::find_header(requests[1].headers, "Content-Type") == "application/json");
}

TEST_CASE("session: empty kwargs are sent as an empty object", "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(login_answer("abc"));
    fixture.transport->push(test::result_response(4));
    const odoo::Call call{"res.partner", "search_count", json::array({json::array()}), nullptr};
    CHECK(fixture.protocol->execute_kw(call) == 4);
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(path_of(requests[1].url) == "/web/dataset/call_kw/res.partner/search_count");
    CHECK(body_without_id(requests[1].body)["params"] ==
          json{{"model", "res.partner"},
               {"method", "search_count"},
               {"args", json::array({json::array()})},
               {"kwargs", json::object()}});
}

TEST_CASE("session: the session_id cookie is read from any of several Set-Cookie headers",
          "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    std::string expected;
    SECTION("separate headers, session_id among others") {
        fixture.transport->push(login_answer_with(
            {"frontend_lang=en_US; Path=/",
             "session_id=9f1c2d3e4b5a; Expires=Sun, 29 Nov 2026 10:32:55 GMT; HttpOnly; Path=/",
             "tz=Asia/Almaty; Path=/"}));
        expected = "session_id=9f1c2d3e4b5a";
    }
    SECTION("headers folded into one comma-separated line") {
        fixture.transport->push(login_answer_with(
            {"frontend_lang=en_US; Expires=Sun, 29 Nov 2026 10:32:55 GMT; Path=/, "
             "session_id=77aa88bb; Expires=Sun, 29 Nov 2026 10:32:55 GMT; HttpOnly; Path=/"}));
        expected = "session_id=77aa88bb";
    }
    SECTION("the last session_id wins, and quotes are removed") {
        fixture.transport->push(
            login_answer_with({"session_id=; Max-Age=0; Path=/", "session_id=\"0ld\"; Path=/",
                               "set-cookie-ignored=1", "session_id=\"n3w\"; Path=/"}));
        expected = "session_id=n3w";
    }
    fixture.transport->push(search_read_capture().response());
    (void)fixture.protocol->execute_kw(captured_call());
    CHECK(cookie_of(fixture.transport->requests().at(1)) == expected);
}

TEST_CASE("session: a login without a session_id cookie is an UnexpectedResponseError",
          "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(login_answer_with({"frontend_lang=en_US; Path=/"}));
    try {
        fixture.protocol->authenticate();
        FAIL("no exception");
    } catch (const UnexpectedResponseError& error) {
        CHECK(std::string(error.what()).find("session_id") != std::string::npos);
        require_no_secret(error);
    }
}

TEST_CASE("session: an expired session is renewed once and the call retried", "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(login_answer("first-sid-111"));
    fixture.transport->push(no_session_capture().response());
    fixture.transport->push(login_answer("second-sid-222"));
    fixture.transport->push(search_read_capture().response());

    CHECK(fixture.protocol->execute_kw(captured_call()) ==
          result_of(search_read_capture().response_body));

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 4);
    CHECK(path_of(requests[0].url) == "/web/session/authenticate");
    CHECK(cookie_of(requests[1]) == "session_id=first-sid-111");
    CHECK(path_of(requests[2].url) == "/web/session/authenticate");
    CHECK(body_without_id(requests[2].body) == body_without_id(requests[0].body));
    CHECK(cookie_of(requests[3]) == "session_id=second-sid-222");
    CHECK(body_without_id(requests[3].body) == body_without_id(no_session_capture().request_body));
}

TEST_CASE("session: two expiries in a row raise SessionExpiredError", "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(login_answer("first-sid-111"));
    fixture.transport->push(no_session_capture().response());
    fixture.transport->push(login_answer("second-sid-222"));
    fixture.transport->push(no_session_capture().response());
    try {
        (void)fixture.protocol->execute_kw(captured_call());
        FAIL("no exception");
    } catch (const odoo::SessionExpiredError& error) {
        const std::string what = error.what();
        INFO(what);
        CHECK(error.server_class() == "odoo.http.SessionExpiredException");
        CHECK(error.model() == "res.partner");
        CHECK(error.method() == "search_read");
        CHECK(what.find("res.partner.search_read") != std::string::npos);
        CHECK(error.details().endpoint ==
              test::base_url + "/web/dataset/call_kw/res.partner/search_read");
        require_no_secret(error, "second-sid-222");
        CHECK(what.find("first-sid-111") == std::string::npos);
    }
    CHECK(fixture.transport->request_count() == 4);
}

TEST_CASE("session: calls that find the session expired together share one re-login",
          "[session][threads]") {
    constexpr int threads_count = 8;
    Fixture fixture(odoo::ProtocolKind::session);
    std::atomic<int> logins{0};
    Gate all_sent_with_old_cookie(threads_count);
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (test::goes_to(request, "/web/session/authenticate"))
            return login_answer("sid-" + std::to_string(++logins));
        if (cookie_of(request) == "session_id=sid-1") {
            all_sent_with_old_cookie.arrive_and_wait();
            return no_session_capture().response();
        }
        return search_read_capture().response();
    });
    fixture.protocol->authenticate();

    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < threads_count; ++i)
        threads.emplace_back([&] {
            try {
                if (fixture.protocol->execute_kw(captured_call()) ==
                    result_of(search_read_capture().response_body))
                    ++succeeded;
            } catch (const std::exception&) {
                // counted as not succeeded; asserting here would not be thread-safe
            }
        });
    for (auto& thread : threads) thread.join();

    CHECK(succeeded == threads_count);
    CHECK(logins == 2);  // the first login and one renewal
}

TEST_CASE("session: execute_all renews an expired session once for all calls", "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    std::atomic<int> logins{0};
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (test::goes_to(request, "/web/session/authenticate"))
            return login_answer("sid-" + std::to_string(++logins));
        if (cookie_of(request) == "session_id=sid-1") return no_session_capture().response();
        return search_read_capture().response();
    });
    const std::vector<odoo::Call> calls{captured_call(), captured_call(), captured_call()};
    const auto outcomes = fixture.protocol->execute_all(calls);
    REQUIRE(outcomes.size() == 3);
    for (const auto& outcome : outcomes)
        CHECK(outcome.value() == result_of(search_read_capture().response_body));
    CHECK(logins == 2);
}

TEST_CASE("session: 8 concurrent first calls log in exactly once", "[session][threads]") {
    Fixture fixture(odoo::ProtocolKind::session);
    std::atomic<int> logins{0};
    std::atomic<int> calls_without_cookie{0};
    std::atomic<int> succeeded{0};
    fixture.transport->on([&](const core::Request& request) -> std::optional<core::Response> {
        if (test::goes_to(request, "/web/session/authenticate")) {
            ++logins;
            std::this_thread::sleep_for(std::chrono::milliseconds(30));  // widen the race
            return login_answer("only-sid");
        }
        if (cookie_of(request) != "session_id=only-sid") ++calls_without_cookie;
        return search_read_capture().response();
    });
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            try {
                (void)fixture.protocol->execute_kw(captured_call());
                ++succeeded;
            } catch (const std::exception&) {
                // counted as not succeeded; asserting here would not be thread-safe
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(succeeded == 8);
    CHECK(logins == 1);
    CHECK(calls_without_cookie == 0);
    CHECK(fixture.transport->request_count() == 9);
}

TEST_CASE("session: version and database list use the web routes without a session",
          "[session][wire]") {
    Fixture fixture(odoo::ProtocolKind::session);
    const Capture version_capture = load_capture("odoo16/jsonrpc/common_version.json");
    fixture.transport->push(version_capture.response());
    const odoo::ServerVersion version = fixture.protocol->version();
    CHECK(version.major == 16);
    CHECK(version.version == "16.0");
    CHECK(version.raw == result_of(version_capture.response_body));

    fixture.transport->push(load_capture("odoo16/jsonrpc/db_list.json").response());
    CHECK(fixture.protocol->list_databases() == std::vector<std::string>{"testdb"});

    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(path_of(requests[0].url) == "/web/webclient/version_info");
    CHECK(path_of(requests[1].url) == "/web/database/list");
    for (const auto& request : requests) {
        CHECK(body_without_id(request.body)["params"] == json::object());
        CHECK_FALSE(core::find_header(request.headers, "Cookie"));
    }
}

TEST_CASE("session: answers that are not JSON-RPC raise protocol errors", "[session]") {
    Fixture fixture(odoo::ProtocolKind::session);
    fixture.transport->push(login_answer("abc"));
    (void)fixture.protocol->authenticate();

    SECTION("a proxy's HTML 502 page") {
        fixture.transport->push(test::html_response(502));
        try {
            (void)fixture.protocol->execute_kw(captured_call());
            FAIL("no exception");
        } catch (const UnexpectedResponseError& error) {
            CHECK(error.http_status() == 502);
            CHECK(error.endpoint() == test::base_url + search_read_capture().request_path);
            require_no_secret(error, "abc");
        }
    }
    SECTION("Odoo's 400 'Invalid JSON data'") {
        fixture.transport->push(
            load_capture("odoo16/jsonrpc/error_malformed_json.json").response());
        CHECK_THROWS_AS(fixture.protocol->execute_kw(captured_call()), UnexpectedResponseError);
    }
    SECTION("a truncated answer") {
        core::Response response = search_read_capture().response();
        response.body.resize(response.body.size() / 2);
        fixture.transport->push(response);
        CHECK_THROWS_AS(fixture.protocol->execute_kw(captured_call()), MalformedResponseError);
    }
    SECTION("model and method are escaped in the URL path") {
        fixture.transport->push(test::result_response(true));
        const odoo::Call odd{"x_custom/model", "do it", json::array(), json::object()};
        (void)fixture.protocol->execute_kw(odd);
        CHECK(path_of(fixture.transport->requests().back().url) ==
              "/web/dataset/call_kw/x_custom%2Fmodel/do%20it");
    }
}
