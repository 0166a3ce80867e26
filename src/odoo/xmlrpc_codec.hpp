#pragma once
// Internal (not installed): the XML-RPC codec of record (DESIGN rule 3), built on xmlrpc-c.
// Turns JSON values into XML-RPC `methodCall` documents and `methodResponse` documents back
// into JSON values or faults. Public headers never include this file or xmlrpc-c.
//
// Thread safety: every function may be called concurrently. xmlrpc-c's one-time global set-up
// (xmlrpc_init and the parser's size limit) runs once, under std::call_once, before the first
// document is written or read.

#include <odoobridge/core/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace odoobridge::odoo::detail::xmlrpc {

/// One positional parameter of a call, with the name used for it in error messages
/// ("database", "args", "kwargs" ...). The name, never the value, appears in messages, so a
/// password parameter can be reported without revealing it.
struct NamedParam {
    std::string_view name;
    const json& value;
};

/// An XML-RPC `<fault>` answer.
struct Fault {
    int code = 0;
    std::string message;  ///< faultString, as sent
};

/// A decoded `methodResponse`: the result value, or the fault.
using Reply = std::variant<json, Fault>;

/// The `methodCall` document for `method(params...)`.
///
/// JSON → XML-RPC: null → `<nil/>`, bool → `<boolean>`, integers within 32 bits → `<int>`,
/// larger ones → `<i8>`, double → `<double>`, string → `<string>`, array → `<array>`,
/// object → `<struct>`. Doubles are written with the shortest digits that read back exactly;
/// a CR in a string is sent as `&#x0d;` so that the server's XML parser keeps it.
/// \throws ConfigurationError naming `call_name` and the offending value's path (e.g.
///         "args[1].name") when a value cannot travel over XML-RPC: invalid UTF-8, control
///         characters XML 1.0 cannot carry, non-finite doubles, integers beyond 64 bits,
///         binary or discarded JSON values.
[[nodiscard]] std::string write_call(std::string_view method, std::span<const NamedParam> params,
                                     std::string_view call_name);

/// Decodes a `methodResponse` document.
///
/// XML-RPC → JSON: int/i4/i8 → integer, boolean → bool, double → double, string → string,
/// nil → null, dateTime.iso8601 → "YYYY-MM-DD HH:MM:SS" (Odoo's datetime format, seconds
/// resolution), base64 → its base64 text (Odoo's binaries are base64 text anyway),
/// array → array, struct → object. Doubles are read exactly (xmlrpc-c's own reading, a few
/// ULPs off, is corrected from the document's text). Line ends in strings read as LF, as XML
/// parsers normalise them.
/// \throws MalformedResponseError naming `endpoint` and `http_status`, with xmlrpc-c's reason
///         and an excerpt of the body, when `body` is not a well-formed `methodResponse`
///         (invalid or truncated XML, another root element, a fault without an integer
///         faultCode ...).
[[nodiscard]] Reply read_response(const std::string& body, const std::string& endpoint,
                                  int http_status);

}  // namespace odoobridge::odoo::detail::xmlrpc
