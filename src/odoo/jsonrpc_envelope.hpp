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

/// Appends `{"jsonrpc":"2.0","method":"call","id":N,"params":` to `body`, N from one
/// process-wide atomic counter (unique per request, safe to call from any thread). The
/// caller appends the params object's text, then `end_jsonrpc_body`.
void begin_jsonrpc_body(std::string& body);

/// Closes the envelope `begin_jsonrpc_body` opened.
inline void end_jsonrpc_body(std::string& body) { body += '}'; }

/// A POST of `body` (a JSON-RPC request) to `url` with JSON content headers.
[[nodiscard]] core::Request jsonrpc_post(std::string url, std::string body);

/// A POST to `url` of the JSON-RPC request with `params`.
/// \throws ConfigurationError when a string in `params` is not valid UTF-8; the message
///         names `what` (e.g. "res.partner.write") but never quotes the params.
[[nodiscard]] core::Request jsonrpc_request(std::string url, const json& params,
                                            std::string_view what);

/// Throws the ConfigurationError for arguments of `model`.`method` holding a string that
/// is not valid UTF-8 (what `core::append_json` reported with json::type_error).
[[noreturn]] void throw_not_utf8(std::string_view model, std::string_view method);

/// The `result` of a JSON-RPC answer, or the exception its `error` maps to. Errors name
/// `call` (model and method; a service call gives its name as the method), `kind` and the
/// redacted `endpoint`, with the response's HTTP status. Only `result` and `error` are
/// converted from the body's text (simdjson, core::parse_json_members).
/// \throws UnexpectedResponseError for anything but HTTP 200 application/json (HTML error
///         pages, proxies' 502, Odoo's 400 "Invalid JSON data"); MalformedResponseError for
///         invalid or truncated JSON and for JSON that is not a JSON-RPC answer; the
///         odoo::ServerError subclass of the server's exception for an `error` answer.
[[nodiscard]] json decode_jsonrpc_answer(const core::Response& response, const Call& call,
                                         ProtocolKind kind, const std::string& endpoint);

/// `decode_jsonrpc_answer` for a call whose result is a list of records: the same checks and
/// error mapping, but the `result` is decoded by `receiver` straight from the body's text.
/// \throws as `decode_jsonrpc_answer`, and DecodeError from the receiver.
void decode_jsonrpc_records(const core::Response& response, const Call& call, ProtocolKind kind,
                            const std::string& endpoint, RecordsReceiver& receiver);

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
