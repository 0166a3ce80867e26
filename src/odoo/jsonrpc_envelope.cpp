// JSON-RPC 2.0 envelope of Odoo's /jsonrpc and web-session routes.
//
// How an answer maps to a value or an exception (tests/data/wire/odoo16/jsonrpc and
// odoo16/session show every row; Odoo answers server errors with HTTP 200):
//
//   answer                                                  outcome
//   ------------------------------------------------------  -----------------------------------
//   200 application/json {"result": R}                      R (false, null, [] stay as sent)
//   200 application/json {"error": {"data": {"name": C,     throw_server_error with class C,
//        "message": M, "debug": T}, ...}}                   message M, traceback T (debug only):
//                                                           AccessDenied -> AuthenticationError,
//                                                           AccessError, UserError,
//                                                           ValidationError, MissingError,
//                                                           anything else (builtins.ValueError,
//                                                           psycopg2.OperationalError...) ->
//                                                           odoo::ServerError
//   200 {"error": {"code": 100, ...}}                       SessionExpiredError (class
//                                                           odoo.http.SessionExpiredException,
//                                                           also when error.data is missing)
//   200 {"error": {"code": c, "message": M}} without data   odoo::ServerError with message M
//   400 text/html "Invalid JSON data"                       UnexpectedResponseError: Odoo could
//                                                           not parse the request body
//   any other status or content type (HTML page, 502...)    UnexpectedResponseError
//   invalid or truncated JSON                               MalformedResponseError
//   not an object, neither result nor error, bad error      MalformedResponseError

#include "jsonrpc_envelope.hpp"

#include <array>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <limits>
#include <odoobridge/core/errors.hpp>
#include <optional>
#include <utility>

#include "protocol_support.hpp"

namespace odoobridge::odoo::detail {

namespace {

/// JSON-RPC error code Odoo uses for an expired or missing web session.
constexpr int session_expired_code = 100;
constexpr std::string_view session_expired_class = "odoo.http.SessionExpiredException";

std::atomic<std::uint64_t> next_request_id{1};

bool is_invalid_json_refusal(const core::Response& response) {
    if (response.status != 400) return false;
    std::string_view body = response.body;
    while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r'))
        body.remove_prefix(1);
    return body.starts_with("Invalid JSON data");
}

[[noreturn]] void throw_not_an_answer(const core::Response& response, const std::string& endpoint,
                                      std::string_view problem) {
    throw MalformedResponseError(
        "the JSON from " + endpoint + " is not a JSON-RPC answer: " + std::string(problem) +
            "; the body starts with '" + core::body_excerpt(response.body) +
            "'. Check that the URL points at an Odoo server and not at another JSON service.",
        endpoint, response.status);
}

[[noreturn]] void throw_error_member(const core::Response& response, const json& error,
                                     ErrorDetails details) {
    if (!error.is_object())
        throw_not_an_answer(response, details.endpoint, "'error' is not an object");
    if (auto data = error.find("data"); data != error.end()) fill_from_error_object(*data, details);
    const auto code = error.find("code");
    const bool expired = code != error.end() && code->is_number_integer() &&
                         code->get<int>() == session_expired_code;
    if (details.server_class.empty() && expired) details.server_class = session_expired_class;
    if (details.server_message.empty()) {
        if (auto message = error.find("message"); message != error.end() && message->is_string())
            details.server_message = message->get<std::string>();
    }
    throw_server_error(std::move(details));
}

}  // namespace

void begin_jsonrpc_body(std::string& body) {
    const std::uint64_t id = next_request_id.fetch_add(1, std::memory_order_relaxed);
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), id).ptr;
    body += R"({"jsonrpc":"2.0","method":"call","id":)";
    body.append(digits.data(), end);
    body += R"(,"params":)";
}

core::Request jsonrpc_post(std::string url, std::string body) {
    core::Request request;
    request.method = "POST";
    request.url = std::move(url);
    request.headers.reserve(3);  // room for the session's cookie
    request.headers.emplace_back("Content-Type", "application/json");
    request.headers.emplace_back("Accept", "application/json");
    request.body = std::move(body);
    return request;
}

core::Request jsonrpc_request(std::string url, const json& params, std::string_view what) {
    std::string body;
    begin_jsonrpc_body(body);
    try {
        core::append_json(body, params);
    } catch (const json::type_error&) {
        throw_not_utf8(what, {});
    }
    end_jsonrpc_body(body);
    return jsonrpc_post(std::move(url), std::move(body));
}

void throw_not_utf8(std::string_view model, std::string_view method) {
    std::string name(model);
    if (!method.empty()) name.append(".").append(method);
    throw ConfigurationError("the arguments of " + name +
                             " contain a string that is not valid UTF-8; Odoo accepts UTF-8 "
                             "text only: convert the text (e.g. from Windows-1251) before "
                             "calling");
}

namespace {

/// Throws for anything but an HTTP 200 application/json answer.
void check_jsonrpc_status(const core::Response& response, const std::string& endpoint) {
    if (is_invalid_json_refusal(response))
        throw UnexpectedResponseError(
            endpoint +
                " answered HTTP 400 'Invalid JSON data': Odoo could not parse the request "
                "body. odoobridge sends well-formed JSON, so something between the client "
                "and Odoo changed or cut the body; check proxies and request size limits.",
            endpoint, response.status);
    if (response.status != 200 || !has_media_type(response, {"application/json"}))
        throw_unexpected_response(response, endpoint,
                                  "a JSON-RPC answer (HTTP 200, application/json)");
}

}  // namespace

json decode_jsonrpc_answer(const core::Response& response, const Call& call, ProtocolKind kind,
                           const std::string& endpoint) {
    check_jsonrpc_status(response, endpoint);
    static constexpr std::array<std::string_view, 2> members{"error", "result"};
    std::array<std::optional<json>, 2> values;
    if (!core::parse_json_members(response.body, members, values, endpoint, response.status))
        throw_not_an_answer(response, endpoint, "it is not an object");
    auto& [error, result] = values;
    if (error && !error->is_null())
        throw_error_member(response, *error, details_for(call, kind, endpoint, response.status));
    if (result) return std::move(*result);
    throw_not_an_answer(response, endpoint, "it has neither 'result' nor 'error'");
}

void decode_jsonrpc_records(const core::Response& response, const Call& call, ProtocolKind kind,
                            const std::string& endpoint, RecordsReceiver& receiver) {
    check_jsonrpc_status(response, endpoint);
    const std::optional<json> error =
        receiver.from_jsonrpc_text(response.body, {call.model, endpoint, response.status});
    if (error && !error->is_null())
        throw_error_member(response, *error, details_for(call, kind, endpoint, response.status));
}

void check_call_shape(const Call& call) {
    if (!call.model.empty() && !call.method.empty() && call.args.is_array() &&
        (call.kwargs.is_object() || call.kwargs.is_null()))
        return;  // the usual case, without building the name the messages below need
    const std::string name = call.model + "." + call.method;
    if (call.model.empty() || call.method.empty())
        throw ConfigurationError("an Odoo call needs a model and a method (got '" + name +
                                 "'), e.g. model \"res.partner\", method \"search_read\"");
    if (!call.args.is_array())
        throw ConfigurationError("the positional arguments of " + name +
                                 " must be a JSON array (got " + call.args.type_name() +
                                 "); wrap them in json::array() and put keyword arguments in "
                                 "kwargs");
    if (!call.kwargs.is_object() && !call.kwargs.is_null())
        throw ConfigurationError("the keyword arguments of " + name +
                                 " must be a JSON object (got " + call.kwargs.type_name() +
                                 "), e.g. {\"limit\": 10}");
}

std::vector<std::string> database_names(const json& result, const std::string& endpoint) {
    std::vector<std::string> names;
    if (result.is_array()) {
        names.reserve(result.size());
        for (const auto& name : result) {
            if (!name.is_string()) break;
            names.push_back(name.get<std::string>());
        }
        if (names.size() == result.size()) return names;
    }
    throw MalformedResponseError("the database list from " + endpoint +
                                     " is not a list of names: '" +
                                     core::body_excerpt(result.dump()) + "'",
                                 endpoint);
}

int uid_from(const json& value, const std::string& endpoint) {
    if (value.is_null() || (value.is_boolean() && !value.get<bool>())) return 0;
    if (value.is_number_integer() && value.get<std::int64_t>() > 0 &&
        value.get<std::int64_t>() <= std::numeric_limits<int>::max())
        return value.get<int>();
    throw MalformedResponseError("the login answer from " + endpoint +
                                     " is not a user id or false: '" +
                                     core::body_excerpt(value.dump()) + "'",
                                 endpoint);
}

}  // namespace odoobridge::odoo::detail
