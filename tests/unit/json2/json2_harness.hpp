#pragma once
// Shared setup of the JSON-2 unit tests: a JSON-2 protocol over a FakeTransport, and checks
// that a request is exactly the one recorded in an Odoo 19 capture.

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "capture.hpp"
#include "expected_error.hpp"

namespace odoobridge::test::json2 {

/// A distinctive key: no error message or log line may ever contain it.
inline const std::string api_key = "KEY-0123456789abcdef";
inline const std::string base_url = "https://erp.example.kz";
inline const std::string database = "o19db";

/// A JSON-2 protocol for `login`/`key` on `db`, talking to a fake transport.
struct Harness {
    std::shared_ptr<testing::FakeTransport> transport = std::make_shared<testing::FakeTransport>();
    std::unique_ptr<odoo::Protocol> protocol;

    explicit Harness(std::string db = database, std::string key = api_key,
                     std::string login = "admin", core::LoggerPtr logger = nullptr) {
        protocol =
            odoo::make_protocol(odoo::ProtocolKind::json2,
                                odoo::Connection{base_url, std::move(db),
                                                 odoo::ApiKey{std::move(login), std::move(key)},
                                                 transport, std::move(logger)});
    }

    /// `model.method(*args, **kwargs)` as a user of execute_kw writes it.
    json call(std::string model, std::string method, json args = json::array(),
              json kwargs = json::object()) {
        return protocol->execute_kw(
            odoo::Call{std::move(model), std::move(method), std::move(args), std::move(kwargs)});
    }
};

/// The response body of a capture, re-serialized with its keys in recorded order
/// (load_capture sorts them, which loses the parameter order of /doc-bearer answers).
inline std::string ordered_response_body(const std::string& relative) {
    const auto file = nlohmann::ordered_json::parse(read_text_file(wire_dir() + "/" + relative));
    return file.at("response").at("body").dump();
}

/// The capture's answer with its body in recorded key order.
inline core::Response ordered_response(const std::string& relative) {
    core::Response response = load_capture(relative).response();
    response.body = ordered_response_body(relative);
    return response;
}

/// `value` with the captures' key placeholders replaced by `key`.
inline std::string with_key(std::string value, const std::string& key) {
    for (const std::string placeholder : {"<ADMIN_API_KEY>", "<RESTRICTED_API_KEY>"})
        if (auto at = value.find(placeholder); at != std::string::npos)
            value.replace(at, placeholder.size(), key);
    return value;
}

/// Checks that `request` is the capture's request: method, URL, every header (and no
/// other), and the body as a JSON value.
inline void check_request(const core::Request& request, const Capture& capture,
                          const std::string& key = api_key) {
    INFO("capture: " << capture.note);
    CHECK(request.method == capture.request_method);
    CHECK(request.url == base_url + capture.request_path);
    CHECK(request.headers.size() == capture.request_headers.size());
    for (const auto& [name, value] : capture.request_headers.items()) {
        INFO("header " << name);
        const auto sent = core::find_header(request.headers, name);
        REQUIRE(sent.has_value());
        CHECK(std::string(*sent) == with_key(value.get<std::string>(), key));
    }
    if (capture.request_body.empty())
        CHECK(request.body.empty());
    else
        CHECK(json::parse(request.body) == json::parse(capture.request_body));
}

/// Runs `action`, expecting an exception of exactly type `E` (not a subclass); returns
/// its what().
template <class E, class Action>
std::string exact_error(Action&& action) {
    return test::exact_error(typeid(E), std::function<void()>(std::forward<Action>(action)));
}

}  // namespace odoobridge::test::json2
