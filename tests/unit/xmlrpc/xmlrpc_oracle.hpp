#pragma once
// The XML-RPC tests' independent oracle: xmlrpc-c (the codec of record before the project's
// own reader and writer replaced it on the hot path) reading `methodResponse` (and `methodCall`)
// documents into JSON with the conversions the codec keeps (dateTime.iso8601 → "YYYY-MM-DD
// HH:MM:SS", base64 → canonical base64 text, nil → null, doubles exact). The differential tests
// check that the codec reads every document as this oracle does.
//
// Thread safety: may be called concurrently (xmlrpc-c's set-up runs once, under call_once).

#include <odoobridge/core/json.hpp>
#include <string>
#include <variant>

namespace odoobridge::test::xmlrpc::oracle {

/// A `<fault>` as xmlrpc-c reads it.
struct Fault {
    int code = 0;
    std::string message;

    bool operator==(const Fault&) const = default;
};

using Reply = std::variant<json, Fault>;

/// A `methodCall` as xmlrpc-c reads it: the method and the params as a JSON array.
struct Call {
    std::string method;
    json params;
};

/// `body`, a `methodCall`, read by xmlrpc-c with the same conversions as answers.
/// \throws std::runtime_error with xmlrpc-c's reason when xmlrpc-c refuses the document.
[[nodiscard]] Call read_call(const std::string& body);

/// `body` read by xmlrpc-c. \throws std::runtime_error with xmlrpc-c's reason when xmlrpc-c
/// refuses the document. Never give it an <i8> beyond 64 bits: xmlrpc-c 1.33 crashes on one.
[[nodiscard]] Reply read_response(const std::string& body);

}  // namespace odoobridge::test::xmlrpc::oracle
