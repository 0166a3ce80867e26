#pragma once
// Helpers for the Bitrix24 unit tests: a client over a FakeTransport and canned answers in
// the portal's envelopes.

#include <chrono>
#include <memory>
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <string>

namespace odoobridge::test {

inline constexpr const char* kWebhookCode = "w3bh00kS3cretC0de";
inline const std::string kWebhookUrl =
    std::string("https://realty.bitrix24.kz/rest/7/") + kWebhookCode + "/";

/// Client options over `transport`: a fast throttle and 1 ms retry delays, so unit tests
/// only wait where they mean to.
inline bitrix24::ClientOptions fast_options(std::shared_ptr<core::Transport> transport) {
    bitrix24::ClientOptions options;
    options.credentials = bitrix24::Webhook{kWebhookUrl};
    options.rate_limit = {1000, 100000.0};
    options.retry.initial_delay = std::chrono::milliseconds{1};
    options.retry.max_delay = std::chrono::milliseconds{2};
    options.transport = std::move(transport);
    return options;
}

/// A success envelope around `result` (plus `extra` members such as total/next).
inline core::Response ok(const json& result, json extra = json::object(), json time = nullptr) {
    json body = {{"result", result}};
    for (const auto& [key, value] : extra.items()) body[key] = value;
    body["time"] =
        time.is_null()
            ? json{{"start", 1.0}, {"finish", 1.01}, {"duration", 0.01}, {"processing", 0.005}}
            : time;
    return core::Response{200, {{"Content-Type", "application/json; charset=utf-8"}}, body.dump()};
}

/// An error envelope with HTTP `status`.
inline core::Response error(int status, const std::string& code, const std::string& description) {
    return core::Response{status,
                          {{"Content-Type", "application/json; charset=utf-8"}},
                          json{{"error", code}, {"error_description", description}}.dump()};
}

/// The JSON body of a recorded request.
inline json body_of(const core::Request& request) { return json::parse(request.body); }

}  // namespace odoobridge::test
