// Odoo 19's JSON-2 API: POST /json/2/<model>/<method> with a bearer API key and a JSON
// object of named arguments (tests/data/wire/odoo19 shows every case).
//
//   answer                                          outcome
//   ----------------------------------------------  -------------------------------------------
//   200 application/json R                          R, the bare result (false, [] stay as sent)
//   401 JSON {name: werkzeug...Unauthorized, ...}   AuthenticationError: the API key was refused
//   403 JSON (AccessError, private method)          AccessError
//   404 JSON NotFound (unknown model or method)     odoo::ServerError; MissingError by name
//   422 JSON UnprocessableEntity (bad arguments)    odoo::ServerError naming the argument and the
//                                                   method's parameters; UserError,
//                                                   ValidationError by name
//   400 / 500 JSON (BadRequest, ValueError, ...)    the class `name` maps to (throw_server_error)
//   404 text/html (unknown X-Odoo-Database, or a    UnexpectedResponseError asking to check the
//       server older than 19)                       database name and the server version
//   other non-JSON answers (415 page, proxy 502)    UnexpectedResponseError
//   invalid or truncated JSON                       MalformedResponseError

#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json2_signatures.hpp"
#include "jsonrpc_envelope.hpp"
#include "protocol_support.hpp"

namespace odoobridge::odoo::detail {

namespace {

constexpr std::string_view expected_answer = "a JSON answer of Odoo's JSON-2 API";

bool is_name_char(char c, bool allow_dot) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (allow_dot && c == '.');
}

bool is_valid_name(std::string_view name, bool allow_dot) {
    if (name.empty()) return false;
    for (const char c : name)
        if (!is_name_char(c, allow_dot)) return false;
    return true;
}

/// Model and method become URL path segments: refuse anything that is not an Odoo name.
void check_names(const Call& call) {
    if (!is_valid_name(call.model, true))
        throw ConfigurationError("'" + call.model +
                                 "' is not an Odoo model name (letters, digits, '_' and '.', e.g. "
                                 "res.partner); JSON-2 puts it in the URL path, so fix the name");
    if (!is_valid_name(call.method, false))
        throw ConfigurationError("'" + call.method + "' (called on " + call.model +
                                 ") is not an Odoo method name (letters, digits and '_', e.g. "
                                 "search_read); JSON-2 puts it in the URL path, so fix the name");
}

/// The 404 page Odoo serves when no database matches, or a server without JSON-2.
[[noreturn]] void throw_not_found_page(const core::Response& response, const std::string& endpoint,
                                       const std::string& database) {
    const std::string database_hint =
        database.empty()
            ? "No X-Odoo-Database header was sent: set the database name in the connection "
              "options"
            : "Check the database name '" + database +
                  "' (sent as the X-Odoo-Database header): it must be a database this server "
                  "serves and its dbfilter accepts";
    throw UnexpectedResponseError(
        endpoint + " answered HTTP 404 with a web page instead of " + std::string(expected_answer) +
            ": '" + core::body_excerpt(response.body) + "'. " + database_hint +
            ", and check that the server runs Odoo 19 or later, the first version with JSON-2.",
        endpoint, response.status);
}

class Json2Protocol final : public Protocol {
public:
    explicit Json2Protocol(Connection connection)
        : Protocol(std::move(connection)),
          redacted_base_(core::redact_url(endpoint_url(""))),
          auth_headers_(auth_headers(this->connection())) {
        const auto* key = std::get_if<ApiKey>(&this->connection().credentials);
        if (key == nullptr)
            throw ConfigurationError(
                "the JSON-2 protocol authenticates with an API key only: pass "
                "odoo::ApiKey{login, key} or choose another protocol");
        if (key->key.empty())
            throw ConfigurationError(
                "the API key for login '" + key->login +
                "' is empty: create one in Odoo under Preferences > Account Security > API Keys "
                "and pass it in odoo::ApiKey");
    }

    [[nodiscard]] ProtocolKind kind() const noexcept override { return ProtocolKind::json2; }

    [[nodiscard]] ServerVersion version() override {
        core::Request request;
        request.method = "GET";
        request.url = endpoint_url("/web/version");
        const std::string endpoint = core::redact_url(request.url);
        const core::Response response = connection().transport->send(request);
        if (response.status != 200 || !has_media_type(response, {"application/json"}))
            throw_unexpected_response(response, endpoint, "the JSON answer of /web/version");
        return parse_server_version(core::parse_json_body(response.body, endpoint, response.status),
                                    endpoint);
    }

    [[nodiscard]] std::vector<std::string> list_databases() override {
        // A JSON-RPC route even on Odoo 19.
        const std::string url = endpoint_url("/web/database/list");
        const std::string endpoint = core::redact_url(url);
        const core::Response response =
            connection().transport->send(jsonrpc_request(url, json::object(), "database.list"));
        return database_names(
            decode_jsonrpc_answer(response, Call{"", "database.list"}, kind(), endpoint), endpoint);
    }

    /// JSON-2 has no login call: the key authenticates every request. The uid is the user
    /// whose login is the connection's, found with res.users.search.
    int authenticate() override {
        const Connection& c = connection();
        Call lookup{
            "res.users", "search", json::array(),
            json{{"domain", json::array({json::array({"login", "=", login_of(c.credentials)})})},
                 {"limit", 1}}};
        const json found = execute_kw(lookup);
        const std::string endpoint = call_endpoint(lookup);
        if (!found.is_array())
            throw MalformedResponseError("res.users.search at " + endpoint +
                                             " did not answer a list of ids: '" +
                                             core::body_excerpt(found.dump()) + "'",
                                         endpoint, 200);
        const int user = found.empty() ? 0 : uid_from(found.front(), endpoint);
        if (user == 0) throw_login_refused(c, kind(), endpoint, 200);
        set_uid(user);
        c.logger->debug("odoo login '{}' on database '{}' over json2: uid {}",
                        login_of(c.credentials), c.database, user);
        return user;
    }

protected:
    [[nodiscard]] core::Request encode_call(const Call& call) override {
        check_call_shape(call);
        check_names(call);
        // The common ORM methods' signatures are used where they are, others fetched once.
        const MethodSignature* signature = nullptr;
        std::optional<MethodSignature> described;
        if (!call.args.empty()) {
            signature = builtin_signature(call.method);
            if (signature == nullptr) signature = &described.emplace(signature_of(call));
        }

        core::Request request;
        request.method = "POST";
        request.url = endpoint_url(call_path(call));
        request.headers.reserve(auth_headers_.size() + 1);
        request.headers = auth_headers_;
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = named_arguments(call, signature);
        return request;
    }

    [[nodiscard]] json decode_call(const Call& call, const core::Response& response) override {
        if (response.status == 200 && has_media_type(response, {"application/json"}))
            return single_create_as_id(
                call, core::parse_json_body(response.body, call_endpoint(call), response.status));
        throw_error_answer(call, response, call_endpoint(call));
    }

    void decode_records(const Call& call, const core::Response& response,
                        RecordsReceiver& receiver) override {
        const std::string endpoint = call_endpoint(call);
        if (response.status != 200 || !has_media_type(response, {"application/json"}))
            throw_error_answer(call, response, endpoint);
        receiver.from_list_text(response.body, {call.model, endpoint, response.status});
    }

private:
    using SignaturesPtr = std::shared_ptr<const ModelSignatures>;

    /// `create` given one dict answers one id on XML-RPC and JSON-RPC but a one-element
    /// list on JSON-2 (a record set); unwrap it so every protocol gives the same result.
    static json single_create_as_id(const Call& call, json result) {
        if (call.method != "create" || !result.is_array() || result.size() != 1) return result;
        const json* vals = nullptr;
        if (!call.args.empty())
            vals = &call.args[0];
        else if (auto it = call.kwargs.find("vals_list"); it != call.kwargs.end())
            vals = &*it;
        return vals != nullptr && vals->is_object() ? std::move(result[0]) : result;
    }

    static std::string call_path(const Call& call) {
        return "/json/2/" + call.model + "/" + call.method;
    }

    /// The redacted URL of `call` for messages (model and method are plain names).
    [[nodiscard]] std::string call_endpoint(const Call& call) const {
        return redacted_base_ + call_path(call);
    }

    /// Authorization and, when a database is set, X-Odoo-Database.
    [[nodiscard]] static core::Headers auth_headers(const Connection& c) {
        core::Headers headers{{"Authorization", "bearer " + secret_of(c.credentials)}};
        if (!c.database.empty()) headers.emplace_back("X-Odoo-Database", c.database);
        return headers;
    }

    /// The signature of `call.method`: the built-in table, else the model's doc-bearer.
    /// A method the server does not describe (private, or unknown) called with the record
    /// ids alone is sent as a record method, so the server's own AccessError or "unknown
    /// method" answer reaches the caller exactly as on the other protocols.
    /// \throws ConfigurationError when the server does not describe the method and more
    ///         than the ids are given positionally (they could not be named).
    MethodSignature signature_of(const Call& call) {
        if (const MethodSignature* builtin = builtin_signature(call.method)) return *builtin;
        const SignaturesPtr signatures = model_signatures(call);
        if (auto it = signatures->find(call.method); it != signatures->end()) return it->second;
        if (call.args.size() == 1) return MethodSignature{};
        throw ConfigurationError(
            "cannot name the positional arguments of " + call.model + "." + call.method +
            " for JSON-2: GET /doc-bearer/" + call.model + ".json does not list a public method '" +
            call.method +
            "'. Check the method name (methods starting with '_' cannot be called remotely) or "
            "pass the arguments as keyword arguments, the record ids as 'ids'");
    }

    /// The signature of `call.method` if known without I/O (for error messages).
    [[nodiscard]] std::optional<MethodSignature> known_signature(const Call& call) {
        if (const MethodSignature* builtin = builtin_signature(call.method)) return *builtin;
        std::shared_future<SignaturesPtr> pending;
        {
            std::lock_guard lock(mutex_);
            const auto it = signatures_.find(call.model);
            if (it == signatures_.end()) return std::nullopt;
            pending = it->second;
        }
        if (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return std::nullopt;
        try {
            const SignaturesPtr signatures = pending.get();
            if (auto it = signatures->find(call.method); it != signatures->end()) return it->second;
        } catch (...) {
            // The description could not be fetched; the message goes without the hint.
        }
        return std::nullopt;
    }

    /// The model's method signatures, fetched once and shared. Concurrent first calls for
    /// the same model wait for one request; a failed fetch is not cached.
    SignaturesPtr model_signatures(const Call& call) {
        std::promise<SignaturesPtr> promise;
        std::shared_future<SignaturesPtr> pending;
        bool fetch = false;
        {
            std::lock_guard lock(mutex_);
            auto it = signatures_.find(call.model);
            if (it == signatures_.end()) {
                pending = promise.get_future().share();
                signatures_.emplace(call.model, pending);
                fetch = true;
            } else {
                pending = it->second;
            }
        }
        if (!fetch) return pending.get();
        try {
            promise.set_value(fetch_signatures(call));
        } catch (...) {
            {
                std::lock_guard lock(mutex_);
                signatures_.erase(call.model);
            }
            promise.set_exception(std::current_exception());
            throw;
        }
        return pending.get();
    }

    /// GET /doc-bearer/<model>.json.
    SignaturesPtr fetch_signatures(const Call& call) {
        const auto started = std::chrono::steady_clock::now();
        core::Request request;
        request.method = "GET";
        request.url = endpoint_url("/doc-bearer/" + call.model + ".json");
        request.headers = auth_headers_;
        const std::string endpoint = core::redact_url(request.url);
        const core::Response response = connection().transport->send(request);
        if (response.status != 200 || !has_media_type(response, {"application/json"}))
            throw_error_answer(call, response, endpoint);
        auto signatures = std::make_shared<const ModelSignatures>(
            parse_doc_bearer(response.body, endpoint, response.status));
        connection().logger->debug(
            "odoo json2: {} method signatures of {} from /doc-bearer in {} ms", signatures->size(),
            call.model,
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started)
                .count());
        return signatures;
    }

    /// Throws the exception for a JSON-2 answer that is not a success.
    [[noreturn]] void throw_error_answer(const Call& call, const core::Response& response,
                                         const std::string& endpoint) {
        if (!has_media_type(response, {"application/json"})) {
            if (response.status == 404 && has_media_type(response, {"text/html"}))
                throw_not_found_page(response, endpoint, connection().database);
            throw_unexpected_response(response, endpoint, expected_answer);
        }
        const json body = core::parse_json_body(response.body, endpoint, response.status);
        const auto name = body.is_object() ? body.find("name") : body.end();
        if (response.status == 200 || name == body.end() || !name->is_string())
            throw_unexpected_response(response, endpoint, expected_answer);

        ErrorDetails details = details_for(call, kind(), endpoint, response.status);
        fill_from_error_object(body, details);
        if (response.status == 401) {
            const Connection& c = connection();
            details.server_message =
                "Odoo refused the API key of login '" + login_of(c.credentials) + "' " +
                (c.database.empty() ? std::string("on the server's default database")
                                    : "on database '" + c.database + "'") +
                " (server: " + details.server_message +
                "). Check that the key is current (not revoked or expired, see Preferences > "
                "Account Security > API Keys) and belongs to a user of this database";
            throw AuthenticationError(std::move(details));
        }
        if (response.status == 403) throw AccessError(std::move(details));
        if (details.server_class == "werkzeug.exceptions.UnprocessableEntity") {
            details.server_message += ". JSON-2 takes named arguments only";
            if (const auto signature = known_signature(call))
                details.server_message += "; " + call.model + "." + call.method + " takes (" +
                                          describe_parameters(*signature) + ")";
            details.server_message +=
                "; the server lists every method's parameters at GET /doc-bearer/" + call.model +
                ".json";
        }
        throw_server_error(std::move(details));
    }

    const std::string redacted_base_;   // the base URL as messages show it
    const core::Headers auth_headers_;  // secret: never logged (the transport redacts it)
    std::mutex mutex_;
    std::map<std::string, std::shared_future<SignaturesPtr>, std::less<>> signatures_;
};

}  // namespace

std::unique_ptr<Protocol> make_json2_protocol(Connection connection) {
    return std::make_unique<Json2Protocol>(std::move(connection));
}

}  // namespace odoobridge::odoo::detail
