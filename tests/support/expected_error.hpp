#pragma once
// What a recorded call must give (its result or one exact exception class), and the checks
// every protocol's error for a recorded Odoo error answer must pass. Shared by the capture
// tests of XML-RPC, JSON-RPC and JSON-2.

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <catch2/catch.hpp>

#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>

namespace odoobridge::test {

/// What a recorded call must give: its result, or exactly one exception class.
enum class Expect {
    value,           ///< a result, no exception
    authentication,  ///< odoo::AuthenticationError
    access,          ///< odoo::AccessError
    missing,         ///< odoo::MissingError
    validation,      ///< odoo::ValidationError
    user,            ///< odoo::UserError
    server,          ///< odoo::ServerError itself (no subclass)
    unexpected,      ///< UnexpectedResponseError (an answer that is not Odoo's)
};

/// The exact exception class `expect` names (`void` for `Expect::value`).
inline std::type_index type_of(Expect expect) {
    switch (expect) {
        case Expect::value:
            return typeid(void);
        case Expect::authentication:
            return typeid(odoo::AuthenticationError);
        case Expect::access:
            return typeid(odoo::AccessError);
        case Expect::missing:
            return typeid(odoo::MissingError);
        case Expect::validation:
            return typeid(odoo::ValidationError);
        case Expect::user:
            return typeid(odoo::UserError);
        case Expect::unexpected:
            return typeid(UnexpectedResponseError);
        case Expect::server:
            break;
    }
    return typeid(odoo::ServerError);
}

/// The what() of whatever `action` throws, or "" when it throws nothing.
inline std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& error) {
        return error.what();
    }
    return {};
}

/// Runs `action`, which must throw an exception of exactly type `expected` (not a
/// subclass); returns its what().
inline std::string exact_error(std::type_index expected, const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& error) {
        INFO("thrown: " << typeid(error).name() << ": " << error.what());
        CHECK(std::type_index(typeid(error)) == expected);
        return error.what();
    }
    FAIL("no exception was thrown, expected " << expected.name());
    return {};
}

/// What an odoo::ServerError raised for a recorded error answer must carry.
struct ExpectedServerError {
    Expect expect;                  ///< its exact class
    std::string_view server_class;  ///< the Odoo exception class the server named
    std::string model;              ///< the call's model ("" for service calls)
    std::string method;             ///< the call's method
    std::string protocol;           ///< "xmlrpc", "jsonrpc", ...
    std::string endpoint;           ///< the URL it was sent to
    int http_status;                ///< the answer's status
};

/// Checks `error`'s class, server class, call, protocol, endpoint and status against
/// `expected`, and that what() names the call.
inline void check_server_error(const odoo::ServerError& error,
                               const ExpectedServerError& expected) {
    const std::string what = error.what();
    INFO(what);
    CHECK(std::type_index(typeid(error)) == type_of(expected.expect));
    CHECK(error.server_class() == expected.server_class);
    CHECK(error.model() == expected.model);
    CHECK(error.method() == expected.method);
    CHECK(error.details().protocol == expected.protocol);
    CHECK(error.details().endpoint == expected.endpoint);
    CHECK(error.endpoint() == expected.endpoint);
    CHECK(error.details().http_status == expected.http_status);
    const std::string called =
        expected.model.empty() ? expected.method : expected.model + "." + expected.method;
    CHECK(what.find(called) != std::string::npos);
}

}  // namespace odoobridge::test
