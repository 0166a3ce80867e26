#pragma once
// Helpers shared by the XML-RPC protocol tests. Requests are read back with xmlrpc-c's own
// parser (xmlrpc_c::xml::parseCall), independently of the code under test.

#include "capture.hpp"

#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <odoobridge/testing/fake_transport.hpp>

#include <catch2/catch.hpp>
#include <xmlrpc-c/base.hpp>
#include <xmlrpc-c/xml.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace odoobridge::test::xmlrpc {

/// The password of the decoding tests; it must never show up in an error message.
inline const std::string secret = "Xq9-S3cret-pw";
inline const std::string base_url = "http://odoo.test";

/// A protocol of kind xmlrpc talking to a fresh FakeTransport.
struct Fixture {
    std::shared_ptr<testing::FakeTransport> transport = std::make_shared<testing::FakeTransport>();
    std::unique_ptr<odoo::Protocol> protocol;

    explicit Fixture(std::string database = "testdb", std::string password = secret,
                     std::string login = "admin") {
        protocol = odoo::make_protocol(
            odoo::ProtocolKind::xmlrpc,
            odoo::Connection{base_url, std::move(database),
                             odoo::Password{std::move(login), std::move(password)}, transport,
                             nullptr});
    }
};

/// An XML-RPC answer with Odoo's headers.
inline core::Response xml_response(std::string body, int status = 200) {
    return core::Response{status, {{"Content-Type", "text/xml; charset=utf-8"}}, std::move(body)};
}

/// The `methodResponse` document carrying `result`, written by xmlrpc-c.
inline std::string response_document(const xmlrpc_c::value& result) {
    std::string document;
    xmlrpc_c::xml::generateResponse(xmlrpc_c::rpcOutcome(result), &document);
    return document;
}

/// The `methodResponse` document of a fault, written by xmlrpc-c.
inline std::string fault_document(int code, const std::string& message) {
    std::string document;
    xmlrpc_c::xml::generateResponse(
        xmlrpc_c::rpcOutcome(xmlrpc_c::fault(message, static_cast<xmlrpc_c::fault::code_t>(code))),
        &document);
    return document;
}

/// common.login's answer: the uid.
inline core::Response login_response(int uid) {
    return xml_response(response_document(xmlrpc_c::value_int(uid)));
}

/// A standing FakeTransport handler: /xmlrpc/2/common answers `login`, /xmlrpc/2/object
/// answers `object`.
inline testing::FakeTransport::Handler route(core::Response login, core::Response object) {
    return [login = std::move(login), object = std::move(object)](
               const core::Request& request) -> std::optional<core::Response> {
        if (request.url == base_url + "/xmlrpc/2/common") return login;
        if (request.url == base_url + "/xmlrpc/2/object") return object;
        return std::nullopt;
    };
}

/// A parsed `methodCall`.
struct ParsedCall {
    std::string method;
    xmlrpc_c::paramList params;
};

/// Parses a `methodCall`. The Odoo 19 captures show API keys as a bare `<ADMIN_API_KEY>`
/// placeholder, which is not XML; it is escaped first so it reads as that string.
inline ParsedCall parse_call(std::string document) {
    constexpr std::string_view placeholder = "<ADMIN_API_KEY>";
    for (auto at = document.find(placeholder); at != std::string::npos;
         at = document.find(placeholder, at))
        document.replace(at, placeholder.size(), "&lt;ADMIN_API_KEY&gt;");
    ParsedCall call;
    xmlrpc_c::xml::parseCall(document, &call.method, &call.params);
    return call;
}

/// An XML-RPC value as JSON, for building calls from recorded requests (test-side, so the
/// requests the code under test writes are checked against an independent reading).
/// Deliberately independent of the codec under test (src/odoo/xmlrpc_*.cpp): it is read by
/// xmlrpc-c, like the oracle of xmlrpc_oracle.hpp.
inline json to_json(const xmlrpc_c::value& value) {
    switch (value.type()) {
        case xmlrpc_c::value::TYPE_INT:
            return xmlrpc_c::value_int(value).cvalue();
        case xmlrpc_c::value::TYPE_I8:
            return static_cast<std::int64_t>(xmlrpc_c::value_i8(value).cvalue());
        case xmlrpc_c::value::TYPE_BOOLEAN:
            return xmlrpc_c::value_boolean(value).cvalue();
        case xmlrpc_c::value::TYPE_DOUBLE:
            return xmlrpc_c::value_double(value).cvalue();
        case xmlrpc_c::value::TYPE_STRING:
            return xmlrpc_c::value_string(value).cvalue();
        case xmlrpc_c::value::TYPE_NIL:
            return nullptr;
        case xmlrpc_c::value::TYPE_ARRAY: {
            json items = json::array();
            for (const auto& item : xmlrpc_c::value_array(value).vectorValueValue())
                items.push_back(to_json(item));
            return items;
        }
        case xmlrpc_c::value::TYPE_STRUCT: {
            json members = json::object();
            for (const auto& [key, item] : xmlrpc_c::value_struct(value).cvalue())
                members[key] = to_json(item);
            return members;
        }
        default:
            FAIL("unexpected XML-RPC type " << static_cast<int>(value.type()));
    }
    return nullptr;
}

/// Empty when `a` and `b` are the same XML-RPC value (same types, same data), else where
/// they first differ.
inline std::string difference(const xmlrpc_c::value& a, const xmlrpc_c::value& b,
                              const std::string& path = "") {
    if (a.type() != b.type())
        return path + ": type " + std::to_string(a.type()) + " vs " + std::to_string(b.type());
    switch (a.type()) {
        case xmlrpc_c::value::TYPE_ARRAY: {
            const auto x = xmlrpc_c::value_array(a).vectorValueValue();
            const auto y = xmlrpc_c::value_array(b).vectorValueValue();
            if (x.size() != y.size()) return path + ": array sizes differ";
            for (std::size_t i = 0; i < x.size(); ++i)
                if (auto d = difference(x[i], y[i], path + "[" + std::to_string(i) + "]");
                    !d.empty())
                    return d;
            return {};
        }
        case xmlrpc_c::value::TYPE_STRUCT: {
            const auto x = xmlrpc_c::value_struct(a).cvalue();
            const auto y = xmlrpc_c::value_struct(b).cvalue();
            if (x.size() != y.size()) return path + ": struct sizes differ";
            for (const auto& [key, item] : x) {
                const auto other = y.find(key);
                if (other == y.end()) return path + ": member " + key + " missing";
                if (auto d = difference(item, other->second, path + "." + key); !d.empty())
                    return d;
            }
            return {};
        }
        default: {
            // Scalars: compare their JSON forms, which keep the exact value of each type.
            const json x = to_json(a);
            const json y = to_json(b);
            return x == y ? std::string{} : path + ": " + x.dump() + " vs " + y.dump();
        }
    }
}

/// The kind of a JSON value, integers of either signedness being one kind.
inline std::string kind_of(const json& value) {
    return value.is_number_integer() ? "integer" : value.type_name();
}

/// Empty when `a` and `b` are equal with the same kinds everywhere (1 and 1.0 differ),
/// else where they first differ. With `values == false` only the kinds and shapes count.
inline std::string json_difference(const json& a, const json& b, bool values = true,
                                   const std::string& path = "$") {
    if (kind_of(a) != kind_of(b)) return path + ": " + kind_of(a) + " vs " + kind_of(b);
    if (a.is_array()) {
        if (a.size() != b.size()) return path + ": array sizes differ";
        for (std::size_t i = 0; i < a.size(); ++i)
            if (auto d = json_difference(a[i], b[i], values, path + "[" + std::to_string(i) + "]");
                !d.empty())
                return d;
        return {};
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return path + ": object sizes differ";
        for (const auto& [key, item] : a.items()) {
            if (!b.contains(key)) return path + ": key " + key + " missing";
            if (auto d = json_difference(item, b.at(key), values, path + "." + key); !d.empty())
                return d;
        }
        return {};
    }
    if (values && a != b) return path + ": " + a.dump() + " vs " + b.dump();
    return {};
}

/// A JSON-RPC capture's answer envelope.
inline json jsonrpc_answer(const std::string& relative) {
    const Capture capture = load_capture(relative);
    return json::parse(capture.response_body);
}

}  // namespace odoobridge::test::xmlrpc
