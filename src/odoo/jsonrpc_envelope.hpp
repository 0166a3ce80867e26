#pragma once
// The JSON-RPC 2.0 envelope Odoo speaks on /jsonrpc and on the web-session routes
// (/web/session/authenticate, /web/dataset/call_kw/...). Shared by the JSON-RPC and session
// protocols (not installed). The mapping from answers to values and exceptions is the
// table at the top of jsonrpc_envelope.cpp.

#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::odoo::detail {

/// `{"jsonrpc":"2.0","method":"call","id":N,"params":<params>}` with N from one process-wide
/// atomic counter (unique per request, safe to call from any thread).
/// \throws ConfigurationError when a string in `params` is not valid UTF-8; the message
///         names `what` (e.g. "res.partner.write") but never quotes the params.
[[nodiscard]] std::string jsonrpc_request_body(const json& params, std::string_view what);

/// A POST of `jsonrpc_request_body(params, what)` to `url` with JSON content headers.
/// \throws ConfigurationError as `jsonrpc_request_body`.
[[nodiscard]] core::Request jsonrpc_request(std::string url, const json& params,
                                            std::string_view what);

/// The `result` of a JSON-RPC answer, or the exception its `error` maps to.
/// `details` names the call (model, method, protocol, redacted endpoint); its http_status
/// is taken from `response`.
/// \throws UnexpectedResponseError for anything but HTTP 200 application/json (HTML error
///         pages, proxies' 502, Odoo's 400 "Invalid JSON data"); MalformedResponseError for
///         invalid or truncated JSON and for JSON that is not a JSON-RPC answer; the
///         odoo::ServerError subclass of the server's exception for an `error` answer.
[[nodiscard]] json decode_jsonrpc_answer(const core::Response& response, ErrorDetails details);

/// Checks that `call.args` is a JSON array and `call.kwargs` an object (or null).
/// \throws ConfigurationError naming the call and what to change.
void check_call_shape(const Call& call);

/// The database names of a `db.list` / `/web/database/list` result.
/// \throws MalformedResponseError naming `endpoint` when `result` is not a list of strings.
[[nodiscard]] std::vector<std::string> database_names(const json& result,
                                                      const std::string& endpoint);

/// The positive uid in `value` (a JSON integer), or 0 when `value` is `false` or null (the
/// server refused the login).
/// \throws MalformedResponseError naming `endpoint` for any other value.
[[nodiscard]] int uid_from(const json& value, const std::string& endpoint);

}  // namespace odoobridge::odoo::detail
