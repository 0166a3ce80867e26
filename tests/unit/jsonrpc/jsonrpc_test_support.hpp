#pragma once
// Helpers shared by the JSON-RPC and web-session protocol tests.

#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <odoobridge/testing/fake_transport.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace odoobridge::test {

/// The password every test client uses; it must never show up in an error message. The
/// captures were recorded with "admin"/"demo", so expected request bodies get it swapped in.
inline const std::string secret = "S3cret-pw-XYZ";
inline const std::string base_url = "http://odoo.test";

/// A protocol of `kind` talking to a fresh FakeTransport.
struct Fixture {
    std::shared_ptr<testing::FakeTransport> transport = std::make_shared<testing::FakeTransport>();
    std::unique_ptr<odoo::Protocol> protocol;

    explicit Fixture(odoo::ProtocolKind kind, std::string database = "testdb",
                     std::string login = "admin", std::string url = base_url) {
        protocol = odoo::make_protocol(
            kind, odoo::Connection{std::move(url), std::move(database),
                                   odoo::Password{std::move(login), secret}, transport, nullptr});
    }
};

/// A JSON answer as Odoo sends it.
inline core::Response json_response(const json& body, int status = 200) {
    return core::Response{
        status, {{"Content-Type", "application/json; charset=utf-8"}}, body.dump()};
}

/// `{"jsonrpc": "2.0", "id": 1, "result": result}` as Odoo sends it.
inline core::Response result_response(const json& result) {
    return json_response(json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", result}});
}

/// A proxy's HTML error page.
inline core::Response html_response(int status) {
    return core::Response{
        status,
        {{"Content-Type", "text/html"}},
        "<html><head><title>" + std::to_string(status) +
            " Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"};
}

/// The body of `request` as JSON with the envelope's `id` removed (ids differ per run).
inline json body_without_id(std::string_view body) {
    json parsed = json::parse(body);
    parsed.erase("id");
    return parsed;
}

/// The path of an absolute URL below `base_url`.
inline std::string path_of(const std::string& url) {
    REQUIRE(url.starts_with(base_url));
    return url.substr(base_url.size());
}

/// True when `request` goes to `path` below `base_url`. Asserts nothing, so fake-transport
/// handlers running on worker threads may use it (Catch2 assertions are not thread-safe).
inline bool goes_to(const core::Request& request, std::string_view path) {
    return request.url.size() == base_url.size() + path.size() &&
           request.url.starts_with(base_url) && request.url.ends_with(path);
}

/// The `result` member of a capture's answer.
inline json result_of(const std::string& response_body) {
    return json::parse(response_body).at("result");
}

/// Checks what every error must satisfy: no password (and no other listed secret) in it.
inline void require_no_secret(const std::exception& error, std::string_view other_secret = {}) {
    const std::string text = error.what();
    INFO(text);
    CHECK(text.find(secret) == std::string::npos);
    if (!other_secret.empty()) CHECK(text.find(other_secret) == std::string::npos);
}

}  // namespace odoobridge::test
