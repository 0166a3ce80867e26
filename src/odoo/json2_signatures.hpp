#pragma once
// How Odoo 19's JSON-2 API names a method's arguments (not installed).
//
// `execute_kw` takes positional arguments, the way XML-RPC and JSON-RPC send them; JSON-2
// takes a JSON object of named arguments only. Turning one into the other needs each
// method's parameter names, in order, and whether it is an `@api.model` method (no record
// ids) or a record method (the first positional argument is the ids). Common ORM methods
// come from a built-in table; any other method from the server's own description,
// `GET /doc-bearer/<model>.json` (`methods.<name>.parameters` in declaration order, `api`
// containing "model" for `@api.model` methods).

#include <functional>
#include <map>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::odoo::detail {

/// How one method takes its arguments over JSON-2.
struct MethodSignature {
    /// True for `@api.model` methods (called without ids); false for record methods, whose
    /// first positional argument is the list of record ids, sent as `ids`.
    bool model_method = false;
    /// The names of the parameters that may be given positionally, in declaration order
    /// (keyword-only and `**kwargs` parameters are not listed).
    std::vector<std::string> positional;

    friend bool operator==(const MethodSignature&, const MethodSignature&) = default;
};

/// The signatures of one model's public methods, by method name.
using ModelSignatures = std::map<std::string, MethodSignature, std::less<>>;

/// The Odoo 19 signature of a common ORM method (search, search_read, read, write, create,
/// unlink, search_count, name_search, name_create, fields_get, read_group, ...), or null
/// for any other method. Thread-safe (immutable table).
[[nodiscard]] const MethodSignature* builtin_signature(std::string_view method) noexcept;

/// The method signatures in a `/doc-bearer/<model>.json` answer body. The body is parsed
/// keeping the order of each `parameters` object, which is the declaration order.
/// \throws MalformedResponseError naming `endpoint` when the body is not JSON or has no
///         `methods` object.
[[nodiscard]] ModelSignatures parse_doc_bearer(std::string_view body, const std::string& endpoint,
                                               int http_status);

/// "domain, limit" for search_count; "ids, vals" for write (record methods list `ids`).
[[nodiscard]] std::string describe_parameters(const MethodSignature& signature);

/// The JSON-2 request body of `call`: its positional arguments named after `signature`
/// (`ids` first for a record method), then its keyword arguments (`context` included) as
/// they are, members in name order (the text `json::dump()` gives for that object, written
/// without copying the arguments). `signature` may be null only when `call.args` is empty.
/// \throws ConfigurationError when there are more positional arguments than the method
///         has positional parameters, when an argument is given both positionally and
///         as a keyword, or when a string is not valid UTF-8; nothing has been sent then.
[[nodiscard]] std::string named_arguments(const Call& call, const MethodSignature* signature);

}  // namespace odoobridge::odoo::detail
