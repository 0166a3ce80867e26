#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/testing/fake_transport.hpp>

#include <catch2/catch.hpp>

using namespace odoobridge;

TEST_CASE("headers are found case-insensitively and media type is normalised") {
    core::Response response{200, {{"content-TYPE", " Application/JSON ; charset=utf-8"}}, "{}"};
    CHECK(response.header("Content-Type").has_value());
    CHECK_FALSE(response.header("Content-Length").has_value());
    CHECK(response.media_type() == "application/json");
    CHECK(core::Response{}.media_type().empty());
}

TEST_CASE("Outcome holds a value or rethrows the error") {
    core::Outcome<int> good(5);
    CHECK(good.ok());
    CHECK(good.value() == 5);
    CHECK_FALSE(good.error());
    core::Outcome<int> bad(std::make_exception_ptr(TimeoutError("slow", "http://h/p")));
    CHECK_FALSE(bad.ok());
    CHECK_THROWS_AS(bad.value(), TimeoutError);
    CHECK_THROWS_AS(core::Outcome<int>(std::exception_ptr{}), std::invalid_argument);
}

TEST_CASE("default send_all runs requests in order and isolates failures") {
    testing::FakeTransport fake;
    fake.push(core::Response{200, {}, "one"});
    fake.push_error(std::make_exception_ptr(ConnectionError("refused", "http://h/2")));
    fake.push(core::Response{201, {}, "three"});
    std::vector<core::Request> requests(3, core::Request{"GET", "http://h/", {}, {}, {}});
    auto outcomes = fake.core::Transport::send_all(requests);
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].value().body == "one");
    CHECK_THROWS_AS(outcomes[1].value(), ConnectionError);
    CHECK(outcomes[2].value().status == 201);
}

TEST_CASE("parse_json_body distinguishes invalid from truncated JSON") {
    CHECK(core::parse_json_body(R"({"a":1})", "http://h/jsonrpc", 200)["a"] == 1);
    try {
        (void)core::parse_json_body(R"({"result": [1, 2)", "http://h/jsonrpc", 200);
        FAIL("expected MalformedResponseError");
    } catch (const MalformedResponseError& error) {
        CHECK(std::string(error.what()).find("truncated JSON") != std::string::npos);
        CHECK(error.endpoint() == "http://h/jsonrpc");
        CHECK(error.http_status() == 200);
    }
    try {
        (void)core::parse_json_body("<html>oops</html>", "http://h/jsonrpc", 200);
        FAIL("expected MalformedResponseError");
    } catch (const MalformedResponseError& error) {
        CHECK(std::string(error.what()).find("invalid JSON") != std::string::npos);
        CHECK(std::string(error.what()).find("<html>oops") != std::string::npos);
    }
}

TEST_CASE("body_excerpt cuts long bodies and blanks control characters") {
    CHECK(core::body_excerpt("a\nb", 10) == "a b");
    CHECK(core::body_excerpt(std::string(200, 'x'), 5) == "xxxxx…");
}
