#pragma once
// Internal (not installed): the XML-RPC codec of record (DESIGN rule 3). Turns JSON values
// into XML-RPC `methodCall` documents (xmlrpc_writer.cpp) and `methodResponse` documents back
// into JSON values or faults (xmlrpc_reader.cpp, on xmlrpc_lexer.hpp), by hand, straight
// between json and the bytes: no XML library, no intermediate tree. xmlrpc-c, which did this
// before with over ten times the instructions (562 k against 41 k per read call), is now the
// tests' independent oracle (tests/unit/xmlrpc/xmlrpc_oracle.hpp). Public headers never
// include this file.
//
// Thread safety: every function may be called concurrently; none keeps state.

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

/// The `methodCall` document for `method(params...)`, written into one string reserved up
/// front.
///
/// JSON → XML-RPC: null → `<nil/>`, bool → `<boolean>`, integers within 32 bits → `<int>`,
/// larger ones → `<i8>`, double → `<double>`, string → `<string>`, array → `<array>`,
/// object → `<struct>` (members sorted by key). Doubles are written in plain decimal (XML-RPC
/// has no exponent form) with the shortest digits that read back exactly; in strings '&',
/// '<' and '>' become entities and a CR is sent as `&#x0d;` so that the server's XML parser
/// keeps it.
/// \throws ConfigurationError naming `call_name` and the offending value's path (e.g.
///         "args[1].name") when a value cannot travel over XML-RPC: invalid UTF-8, control
///         characters XML 1.0 cannot carry, non-finite doubles, integers beyond 64 bits,
///         binary or discarded JSON values.
[[nodiscard]] std::string write_call(std::string_view method, std::span<const NamedParam> params,
                                     std::string_view call_name);

/// Decodes a `methodResponse` document.
///
/// XML-RPC → JSON: int/i4/i8 (and Apache's ex:i8) → integer, boolean → bool, double →
/// double (read exactly, std::from_chars), string and a `<value>` without a type element →
/// string, nil/ex:nil → null, dateTime.iso8601 → "YYYY-MM-DD HH:MM:SS" (Odoo's datetime
/// format, seconds resolution), base64 → its canonical base64 text (Odoo's binaries are
/// base64 text anyway), array → array, struct → object (a repeated member name: the last
/// wins). `<value/>` is the empty string. Text may use the five XML entities, character
/// references, CDATA sections and comments; its raw line ends (CR LF, CR) read as LF, as XML
/// parsers normalise them, while a reference `&#13;` stays CR.
/// \throws MalformedResponseError naming `endpoint`, `http_status`, what is wrong and its
///         byte offset, with a short excerpt of the body's start, when `body` is not a
///         well-formed `methodResponse`: invalid or truncated XML, mismatched or unknown
///         elements, a DOCTYPE, an encoding other than UTF-8 or invalid UTF-8 (refused, never
///         guessed or replaced), characters XML 1.0 forbids, numbers that are malformed or
///         beyond their type's range (32 bits for int/i4, 64 for i8), whitespace around a
///         scalar's text, values nested deeper than 512 levels, a fault without an integer
///         faultCode and a string faultString.
[[nodiscard]] Reply read_response(std::string_view body, const std::string& endpoint,
                                  int http_status);

}  // namespace odoobridge::odoo::detail::xmlrpc
