// JSON-RPC protocol: every call is `POST <url>/jsonrpc` with params
// {"service": "common"|"object"|"db", "method": ..., "args": [...]}; ORM calls go through
// object.execute_kw [db, uid, secret, model, method, args(, kwargs)].

#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>
#include <utility>
#include <vector>

#include "jsonrpc_envelope.hpp"
#include "protocol_support.hpp"

namespace odoobridge::odoo::detail {

namespace {

class JsonRpcProtocol final : public Protocol {
public:
    explicit JsonRpcProtocol(Connection connection)
        : Protocol(std::move(connection)),
          url_(endpoint_url("/jsonrpc")),
          endpoint_(core::redact_url(url_)) {}

    [[nodiscard]] ProtocolKind kind() const noexcept override { return ProtocolKind::jsonrpc; }

    [[nodiscard]] ServerVersion version() override {
        return parse_server_version(service_call("common", "version", json::array()), endpoint_);
    }

    [[nodiscard]] std::vector<std::string> list_databases() override {
        return database_names(service_call("db", "list", json::array()), endpoint_);
    }

    int authenticate() override {
        std::lock_guard lock(login_mutex_);
        return login_locked();
    }

protected:
    /// The envelope's text is written straight into the body: the arguments are serialised
    /// where they are, never copied into a tree first.
    [[nodiscard]] core::Request encode_call(const Call& call) override {
        check_call_shape(call);
        const int user = ensure_authenticated();
        const Connection& c = connection();
        std::string body;
        body.reserve(512);
        begin_jsonrpc_body(body);
        try {
            body += R"({"args":[)";
            core::append_json_string(body, c.database);
            body += ',';
            body += std::to_string(user);
            body += ',';
            core::append_json_string(body, secret_of(c.credentials));
            body += ',';
            core::append_json_string(body, call.model);
            body += ',';
            core::append_json_string(body, call.method);
            body += ',';
            core::append_json(body, call.args);
            // execute_kw's kwargs are optional; an empty dict is left out, as Odoo's own
            // clients do.
            if (call.kwargs.is_object() && !call.kwargs.empty()) {
                body += ',';
                core::append_json(body, call.kwargs);
            }
        } catch (const json::type_error&) {
            throw_not_utf8(call.model, call.method);
        }
        body += R"(],"method":"execute_kw","service":"object"})";
        end_jsonrpc_body(body);
        return jsonrpc_post(url_, std::move(body));
    }

    [[nodiscard]] json decode_call(const Call& call, const core::Response& response) override {
        return decode_jsonrpc_answer(response, call, kind(), endpoint_);
    }

    void decode_records(const Call& call, const core::Response& response,
                        RecordsReceiver& receiver) override {
        decode_jsonrpc_records(response, call, kind(), endpoint_, receiver);
    }

private:
    static json service_params(std::string_view service, std::string_view method, json args) {
        return json{{"service", service}, {"method", method}, {"args", std::move(args)}};
    }

    /// Sends `service.method(*args)` and returns its result.
    json service_call(const std::string& service, const std::string& method, json args) {
        const std::string name = service + "." + method;
        const core::Response response = connection().transport->send(
            jsonrpc_request(url_, service_params(service, method, std::move(args)), name));
        return decode_jsonrpc_answer(response, Call{"", name}, kind(), endpoint_);
    }

    /// The uid, logging in first when no login has succeeded yet. Concurrent first calls
    /// wait for one login instead of each sending their own.
    int ensure_authenticated() {
        if (const int current = uid(); current != 0) return current;
        std::lock_guard lock(login_mutex_);
        if (const int current = uid(); current != 0) return current;
        return login_locked();
    }

    /// common.login(db, login, secret); the caller holds `login_mutex_`.
    int login_locked() {
        const Connection& c = connection();
        const std::string& login = login_of(c.credentials);
        const core::Response response = connection().transport->send(jsonrpc_request(
            url_,
            service_params("common", "login",
                           json::array({c.database, login, secret_of(c.credentials)})),
            "common.login"));
        const json result =
            decode_jsonrpc_answer(response, Call{"", "common.login"}, kind(), endpoint_);
        const int user = uid_from(result, endpoint_);
        if (user == 0) throw_login_refused(c, kind(), endpoint_, response.status);
        set_uid(user);
        c.logger->debug("odoo login '{}' on database '{}' over jsonrpc: uid {}", login, c.database,
                        user);
        return user;
    }

    const std::string url_;       // full URL of /jsonrpc (may carry user info; never shown)
    const std::string endpoint_;  // redacted, for messages and logs
    std::mutex login_mutex_;
};

}  // namespace

std::unique_ptr<Protocol> make_jsonrpc_protocol(Connection connection) {
    return std::make_unique<JsonRpcProtocol>(std::move(connection));
}

}  // namespace odoobridge::odoo::detail
