// CurlTransport against the loopback fault server: the success paths, header handling,
// compression, HTTP status as data, methods and redirects.

#include <odoobridge/version.hpp>

#include "transport_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

TEST_CASE("GET returns status, headers and body; request headers pass through", "[transport]") {
    core::CurlTransport transport;
    auto request = get(url("/ok?page=2"));
    request.headers = {{"X-Test", "abc"}, {"Accept", "application/json"}};

    const auto response = transport.send(request);

    CHECK(response.status == 200);
    CHECK(response.media_type() == "application/json");
    REQUIRE(response.header("content-length"));
    CHECK(*response.header("Content-Length") == std::to_string(response.body.size()));
    const auto echo = json_of(response);
    CHECK(echo["method"] == "GET");
    CHECK(echo["path"] == "/ok");
    CHECK(echo["query"] == "page=2");
    CHECK(echo["headers"]["x-test"] == "abc");
    CHECK(echo["headers"]["accept"] == "application/json");
    const std::string agent = echo["headers"]["user-agent"];
    CHECK(agent.starts_with(std::string("odoobridge/") + odoobridge::version + " libcurl/"));
    CHECK_FALSE(echo["headers"].contains("expect"));
}

TEST_CASE("the user agent can be replaced through the options", "[transport]") {
    core::TransportOptions options;
    options.user_agent = "estate-sync/2.1";
    core::CurlTransport transport(options);
    CHECK(json_of(transport.send(get(url("/ok"))))["headers"]["user-agent"] == "estate-sync/2.1");
}

TEST_CASE("POST sends its body at once, without waiting for 100 Continue", "[transport]") {
    core::CurlTransport transport;
    const std::string small = R"({"jsonrpc":"2.0","method":"call","params":{}})";
    const auto echo = json_of(transport.send(post(url("/ok"), small)));
    CHECK(echo["method"] == "POST");
    CHECK(echo["body"] == small);
    CHECK(echo["headers"]["content-type"] == "application/json");
    CHECK(echo["headers"]["content-length"] == std::to_string(small.size()));

    // libcurl would send "Expect: 100-continue" for a body this size and wait up to 1 s.
    const std::string large(2 << 20, 'b');
    nlohmann::json large_echo;
    const auto ms = time_ms([&] { large_echo = json_of(transport.send(post(url("/ok"), large))); });
    CHECK(large_echo["body_length"] == large.size());
    CHECK_FALSE(large_echo["headers"].contains("expect"));
    CHECK(ms < 900);
}

TEST_CASE("PUT, PATCH, DELETE and HEAD reach the server as such", "[transport]") {
    core::CurlTransport transport;
    auto put = post(url("/ok"), "put-body");
    put.method = "PUT";
    auto echo = json_of(transport.send(put));
    CHECK(echo["method"] == "PUT");
    CHECK(echo["body"] == "put-body");

    auto patch = post(url("/ok"), "{}");
    patch.method = "PATCH";
    CHECK(json_of(transport.send(patch))["method"] == "PATCH");

    auto del = get(url("/ok"));
    del.method = "DELETE";
    echo = json_of(transport.send(del));
    CHECK(echo["method"] == "DELETE");
    CHECK(echo["body_length"] == 0);

    auto head = get(url("/big?bytes=5000"));
    head.method = "HEAD";
    const auto response = transport.send(head);
    CHECK(response.status == 200);
    CHECK(response.body.empty());
    CHECK(response.header("Content-Length") == "5000");
}

TEST_CASE("gzip bodies are decoded when compression is on", "[transport]") {
    SECTION("compression on: Accept-Encoding sent, body decoded") {
        core::CurlTransport transport;
        const auto response = transport.send(get(url("/gzip?items=500")));
        CHECK(response.header("Content-Encoding") == "gzip");
        const auto body = json_of(response);
        CHECK(body["compressed"] == true);
        REQUIRE(body["items"].size() == 500);
        CHECK(body["items"][499] == 499);
        const std::string accepted =
            json_of(transport.send(get(url("/ok"))))["headers"]["accept-encoding"];
        CHECK(accepted.find("gzip") != std::string::npos);
    }
    SECTION("compression off: no Accept-Encoding, identity body") {
        core::TransportOptions options;
        options.compression = false;
        core::CurlTransport transport(options);
        const auto response = transport.send(get(url("/gzip?items=3")));
        CHECK_FALSE(response.header("Content-Encoding"));
        CHECK(json_of(response)["items"].size() == 3);
        CHECK_FALSE(
            json_of(transport.send(get(url("/ok"))))["headers"].contains("accept-encoding"));
    }
}

TEST_CASE("HTTP error statuses and HTML pages are data, not exceptions", "[transport]") {
    core::CurlTransport transport;
    const auto bad_gateway = transport.send(post(url("/html502"), "{}"));
    CHECK(bad_gateway.status == 502);
    CHECK(bad_gateway.media_type() == "text/html");
    CHECK(bad_gateway.body.find("502 Bad Gateway") != std::string::npos);

    const auto html = transport.send(get(url("/html200")));
    CHECK(html.status == 200);
    CHECK(html.media_type() == "text/html");
    CHECK(html.header("content-type") == "text/html; charset=utf-8");

    for (int status : {400, 401, 404, 500, 503}) {
        const auto response = transport.send(get(url("/status?code=" + std::to_string(status))));
        CHECK(response.status == status);
        CHECK(json_of(response)["status"] == status);
    }
}

TEST_CASE("response headers: repeated ones kept in order, interim responses dropped",
          "[transport]") {
    core::CurlTransport transport;
    const auto response = transport.send(get(url("/set-cookie")));
    std::vector<std::string> multi;
    for (const auto& [name, value] : response.headers)
        if (name == "X-Multi") multi.push_back(value);
    CHECK(multi == std::vector<std::string>{"first", "second"});
    CHECK(response.header("set-cookie")->starts_with("session_id="));

    const auto final_only = transport.send(get(url("/interim")));
    CHECK(final_only.status == 200);
    CHECK(final_only.header("X-Final") == "yes");
    CHECK_FALSE(final_only.header("X-Interim"));
    CHECK(json_of(final_only)["final"] == true);
}

TEST_CASE("redirects to the same origin are followed", "[transport]") {
    core::CurlTransport transport;

    SECTION("302 to a relative location") {
        const auto response = transport.send(get(url("/redirect-same")));
        CHECK(response.status == 200);
        CHECK_FALSE(response.header("Location"));  // headers of the final answer only
        const auto echo = json_of(response);
        CHECK(echo["path"] == "/ok");
        CHECK(echo["query"] == "from=redirect");
    }
    SECTION("307 keeps the method and body") {
        const auto echo =
            json_of(transport.send(post(url("/redirect?status=307&location=/ok"), "kept")));
        CHECK(echo["method"] == "POST");
        CHECK(echo["body"] == "kept");
    }
    SECTION("303 continues as GET without the body") {
        const auto echo =
            json_of(transport.send(post(url("/redirect?status=303&location=/ok"), "dropped")));
        CHECK(echo["method"] == "GET");
        CHECK(echo["body_length"] == 0);
        CHECK_FALSE(echo["headers"].contains("content-type"));
    }
    SECTION("an absolute location on the same origin") {
        const auto location = url("/ok?absolute=1");
        const auto echo =
            json_of(transport.send(get(url("/redirect?status=301&location=" + location))));
        CHECK(echo["query"] == "absolute=1");
    }
    SECTION("not followed at all when disabled: the 3xx is data") {
        core::TransportOptions options;
        options.follow_same_host_redirects = false;
        core::CurlTransport no_follow(options);
        const auto response = no_follow.send(get(url("/redirect-same")));
        CHECK(response.status == 302);
        CHECK(response.header("Location") == "/ok?from=redirect");
    }
}

TEST_CASE("make_default_transport gives a working CurlTransport", "[transport]") {
    auto transport = core::make_default_transport();
    REQUIRE(dynamic_cast<core::CurlTransport*>(transport.get()) != nullptr);
    CHECK(transport->send(get(url("/ok"))).status == 200);
    CHECK(static_cast<core::CurlTransport&>(*transport).options().verify_tls);
}
