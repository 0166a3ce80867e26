// Secrets given to CurlTransport (credential headers, URL query strings, URL user info,
// cookies set by the server) never reach an exception message or a log line, even at
// trace level, while the logs still describe each request.

#include <vector>

#include "transport_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

const std::vector<std::string> kSecrets{
    "bearer-token-1111",          "query-key-2222",      "cookie-3333",
    "vendor-token-4444",          "userinfo-pass-5555",  "api-key-6666",
    "server-session-secret-8086", "redirect-secret-5150"};

/// A request carrying every kind of secret a caller may hand the transport.
core::Request secret_request(const std::string& path) {
    core::Request request;
    request.method = "POST";
    request.url = faults_server().url() + path + (path.find('?') == std::string::npos ? "?" : "&") +
                  "api_key=query-key-2222";
    request.headers = {{"Authorization", "Bearer bearer-token-1111"},
                       {"Cookie", "session_id=cookie-3333"},
                       {"X-Api-Key", "api-key-6666"},
                       {"X-Vendor-Token", "vendor-token-4444"},
                       {"Content-Type", "application/json"}};
    request.secret_headers = {"x-vendor-token"};
    request.body = R"({"params":{"password":"body-is-never-logged"}})";
    return request;
}

}  // namespace

TEST_CASE("secrets never appear in exception messages or logs", "[transport][secrets]") {
    LogCapture capture;
    core::TransportOptions options;
    options.max_response_bytes = 10'000;
    options.total_timeout = std::chrono::milliseconds(500);
    core::CurlTransport transport(options, capture.logger());

    // Successful calls, one of which makes the server set a session cookie.
    const auto ok = transport.send(secret_request("/ok"));
    REQUIRE(ok.status == 200);
    REQUIRE(json_of(ok)["headers"]["authorization"] == "Bearer bearer-token-1111");  // sent as is
    REQUIRE(transport.send(secret_request("/set-cookie")).status == 200);
    REQUIRE(transport.send(secret_request("/redirect-same")).status == 200);

    std::vector<std::string> messages;
    auto collect = [&](core::Request request) {
        try {
            (void)transport.send(request);
            FAIL("expected " << request.url.substr(0, request.url.find('?')) << " to fail");
        } catch (const Error& error) {
            messages.emplace_back(error.what());
        }
    };
    collect(secret_request("/truncated"));
    collect(secret_request("/close"));
    collect(secret_request("/reset"));
    collect(secret_request("/stall?seconds=3"));
    collect(secret_request("/big?bytes=50000"));
    collect(secret_request("/redirect-other"));
    auto with_userinfo = secret_request("/ok");
    with_userinfo.url =
        "http://agent:userinfo-pass-5555@nonexistent.invalid/web?api_key=query-key-2222";
    collect(with_userinfo);
    auto refused = secret_request("/ok");
    refused.url = "http://agent:userinfo-pass-5555@127.0.0.1:" + std::to_string(closed_port()) +
                  "/web?api_key=query-key-2222";
    collect(refused);

    std::vector<core::Request> batch{secret_request("/ok"), secret_request("/truncated"),
                                     secret_request("/redirect-other")};
    for (const auto& outcome : transport.send_all(batch)) {
        if (outcome.ok()) continue;
        try {
            std::rethrow_exception(outcome.error());
        } catch (const Error& error) {
            messages.emplace_back(error.what());
        }
    }
    REQUIRE(messages.size() == 10);

    const std::string log = capture.text();
    for (const auto& secret : kSecrets) {
        INFO("secret " << secret);
        CHECK(log.find(secret) == std::string::npos);
        for (const auto& message : messages) {
            INFO("message: " << message);
            CHECK(message.find(secret) == std::string::npos);
        }
    }
    CHECK(log.find("body-is-never-logged") == std::string::npos);
    CHECK(log.find("api_key") == std::string::npos);

    // The log is not empty: it describes each request with its redacted endpoint.
    INFO(log);
    CHECK(log.find("POST " + faults_server().url() + "/ok -> 200") != std::string::npos);
    CHECK(log.find("> Authorization: <redacted>") != std::string::npos);
    CHECK(log.find("> X-Vendor-Token: <redacted>") != std::string::npos);
    CHECK(log.find("< Set-Cookie: <redacted>") != std::string::npos);
    CHECK(log.find("> Content-Type: application/json") != std::string::npos);
    CHECK(log.find("failed after") != std::string::npos);
    CHECK(log.find("redirected (302)") != std::string::npos);
}

TEST_CASE("the default logger is silent and safe", "[transport][secrets]") {
    core::CurlTransport transport;  // no logger given: silent_logger()
    CHECK(transport.send(secret_request("/ok")).status == 200);
}
