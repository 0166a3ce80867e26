#include <algorithm>
#include <array>
#include <mutex>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/client.hpp>
#include <optional>
#include <thread>
#include <utility>

#include "protocol_support.hpp"
#include "web_session.hpp"

namespace odoobridge::odoo {

namespace {

/// Methods that only read: always safe to send again after a transient failure.
bool is_read_only_method(std::string_view method) {
    static constexpr std::array<std::string_view, 16> read_only{
        "search",     "search_read",         "read",         "search_count",
        "fields_get", "name_search",         "read_group",   "formatted_read_group",
        "exists",     "check_access_rights", "check_access", "default_get",
        "name_get",   "web_search_read",     "web_read",     "search_fetch"};
    return std::ranges::find(read_only, method) != read_only.end();
}

/// Frees the arguments of a finished call with core::release_json, which costs less than
/// their destructors, when the call returns or throws.
class ReleaseArguments {
public:
    explicit ReleaseArguments(Call& call) : call_(call) {}
    ReleaseArguments(const ReleaseArguments&) = delete;
    ReleaseArguments& operator=(const ReleaseArguments&) = delete;
    ~ReleaseArguments() {
        core::release_json(call_.args);
        core::release_json(call_.kwargs);
    }

private:
    Call& call_;
};

bool starts_with_http(std::string_view url) {
    return url.starts_with("http://") || url.starts_with("https://");
}

}  // namespace

void ClientOptions::validate() const {
    if (url.empty())
        throw ConfigurationError(
            "Odoo URL is empty: set ClientOptions.url (e.g. "
            "\"https://erp.example.com\")");
    if (!starts_with_http(url))
        throw ConfigurationError("Odoo URL '" + core::redact_url(url) +
                                 "' must start with http:// or https://");
    if (database.empty() && protocol != ProtocolKind::json2)
        throw ConfigurationError("Odoo database name is empty: set ClientOptions.database");
    if (login_of(credentials).empty())
        throw ConfigurationError("Odoo login is empty: set the login in ClientOptions.credentials");
    if (secret_of(credentials).empty())
        throw ConfigurationError(std::holds_alternative<ApiKey>(credentials)
                                     ? "Odoo API key is empty: set ApiKey.key"
                                     : "Odoo password is empty: set Password.password");
    if (protocol == ProtocolKind::json2 && !std::holds_alternative<ApiKey>(credentials))
        throw ConfigurationError(
            "the JSON-2 protocol needs an API key: use odoo::ApiKey{login, "
            "key} or another protocol");
    if (!context.is_object())
        throw ConfigurationError("ClientOptions.context must be a JSON object, got " +
                                 std::string(context.type_name()));
    transport_options.validate();
    retry.validate();
}

struct Client::State {
    ClientOptions options;
    core::LoggerPtr logger;
    std::unique_ptr<Protocol> protocol;
    mutable std::mutex version_mutex;
    mutable std::optional<ServerVersion> version;
    std::mutex web_mutex;                   // guards web_session
    std::unique_ptr<Protocol> web_session;  // for web_get when `protocol` is no session

    [[nodiscard]] json with_context(json kwargs, const json& call_context) const {
        if (!kwargs.is_object())
            throw ConfigurationError("execute_kw kwargs must be a JSON object, got " +
                                     std::string(kwargs.type_name()));
        if (!call_context.is_object())
            throw ConfigurationError("CallOptions.context must be a JSON object, got " +
                                     std::string(call_context.type_name()));
        const auto kwargs_context = kwargs.find("context");
        if (kwargs_context == kwargs.end() && options.context.empty() && call_context.empty())
            return kwargs;  // nothing to merge (the usual case): no copy of the client's context
        json merged = options.context;
        if (kwargs_context != kwargs.end()) {
            if (!kwargs_context->is_object())
                throw ConfigurationError("kwargs[\"context\"] must be a JSON object, got " +
                                         std::string(kwargs_context->type_name()));
            merged.update(*kwargs_context);
        }
        merged.update(call_context);
        if (!merged.empty()) kwargs["context"] = std::move(merged);
        return kwargs;
    }

    /// The call `execute_kw` sends, with the client's and the call's context merged in.
    /// \throws ConfigurationError for an empty name or arguments that are not a list.
    [[nodiscard]] Call make_call(std::string_view model, std::string_view method, json args,
                                 json kwargs, const CallOptions& call_options) const {
        if (model.empty() || method.empty())
            throw ConfigurationError("execute_kw needs a model and a method name (got '" +
                                     std::string(model) + "', '" + std::string(method) + "')");
        if (!args.is_array())
            throw ConfigurationError(
                "execute_kw args must be a JSON array of positional arguments, got " +
                std::string(args.type_name()));
        return Call{std::string(model), std::string(method), std::move(args),
                    with_context(std::move(kwargs), call_options.context)};
    }

    /// `send()`, retried by the policy when `call` is safe to repeat (a read-only method, or
    /// one the caller marked idempotent); anything else is sent once.
    template <class Send>
    auto run(const Call& call, const CallOptions& call_options, Send&& send) const {
        if (!call_options.idempotent && !is_read_only_method(call.method))
            return send();  // never sent twice behind the caller's back
        const detail::CallName name(call);
        return core::with_retries(options.retry, logger, name.view(), send);
    }
};

Client::Client(std::shared_ptr<State> state) : state_(std::move(state)) {}

Client Client::connect(ClientOptions options) {
    options.validate();
    auto state = std::make_shared<State>();
    state->logger = core::logger_or_silent(options.logger);
    auto transport = options.transport
                         ? options.transport
                         : core::make_default_transport(options.transport_options, state->logger);
    Connection connection{options.url, options.database, options.credentials, transport,
                          state->logger};
    ProtocolKind kind = options.protocol;
    if (kind == ProtocolKind::automatic) {
        // Ask over JSON-RPC, which every Odoo from 8 to 19 answers; JSON-2 needs >= 19
        // and an API key.
        auto probe = make_protocol(ProtocolKind::jsonrpc, connection);
        ServerVersion version = core::with_retries(
            options.retry, state->logger, "odoo version probe", [&] { return probe->version(); });
        const bool json2 =
            version.major >= 19 && std::holds_alternative<ApiKey>(options.credentials);
        kind = json2 ? ProtocolKind::json2 : ProtocolKind::jsonrpc;
        state->version = std::move(version);
        state->logger->info("odoo server {} at {}: using {}", state->version->version,
                            core::redact_url(options.url), to_string(kind));
        if (!json2) state->protocol = std::move(probe);
    }
    if (!state->protocol) state->protocol = make_protocol(kind, std::move(connection));
    options.transport = transport;
    state->options = std::move(options);
    core::with_retries(state->options.retry, state->logger, "odoo login",
                       [&] { return state->protocol->authenticate(); });
    return Client(std::move(state));
}

ServerVersion Client::version() const {
    {
        std::lock_guard lock(state_->version_mutex);
        if (state_->version) return *state_->version;
    }
    ServerVersion fetched =
        core::with_retries(state_->options.retry, state_->logger, "odoo version",
                           [&] { return state_->protocol->version(); });
    std::lock_guard lock(state_->version_mutex);
    state_->version = fetched;
    return fetched;
}

int Client::uid() const noexcept { return state_->protocol->uid(); }

ProtocolKind Client::protocol() const noexcept { return state_->protocol->kind(); }

const json& Client::context() const noexcept { return state_->options.context; }

std::vector<std::string> Client::list_databases() const {
    return core::with_retries(state_->options.retry, state_->logger, "odoo database list",
                              [&] { return state_->protocol->list_databases(); });
}

json Client::execute_kw(std::string_view model, std::string_view method, json args, json kwargs,
                        const CallOptions& options) const {
    Call call = state_->make_call(model, method, std::move(args), std::move(kwargs), options);
    const ReleaseArguments release{call};
    return state_->run(call, options, [&] { return state_->protocol->execute_kw(call); });
}

void Client::execute_records(std::string_view model, std::string_view method, json args,
                             json kwargs, RecordsReceiver& receiver,
                             const CallOptions& options) const {
    Call call = state_->make_call(model, method, std::move(args), std::move(kwargs), options);
    const ReleaseArguments release{call};
    state_->run(call, options, [&] {
        state_->protocol->execute_records(call, receiver);
        return true;
    });
}

std::vector<core::Outcome<json>> Client::execute_many(std::vector<Call> calls) const {
    for (auto& call : calls) {
        if (!call.args.is_array())
            throw ConfigurationError("execute_many: args of " + call.model + "." + call.method +
                                     " must be a JSON array");
        call.kwargs = state_->with_context(std::move(call.kwargs), json::object());
    }
    return state_->protocol->execute_all(calls);
}

core::Response Client::web_get(std::string_view path, std::string_view expected_media_type) const {
    if (!path.starts_with('/'))
        throw ConfigurationError(
            "web_get needs a path starting with '/' (e.g. "
            "\"/report/pdf/account.report_invoice/7\"), got '" +
            std::string(path) + "'");
    State& state = *state_;
    if (state.options.database.empty())
        throw ConfigurationError(
            "web routes need a web session, which needs the database "
            "name: set ClientOptions.database");
    Protocol* session = state.protocol.get();
    if (session->kind() != ProtocolKind::session) {
        std::lock_guard lock(state.web_mutex);
        if (!state.web_session)
            state.web_session = make_protocol(
                ProtocolKind::session,
                Connection{state.options.url, state.options.database, state.options.credentials,
                           state.options.transport, state.logger});
        session = state.web_session.get();
    }
    return detail::session_web_get(*session, path, expected_media_type);
}

}  // namespace odoobridge::odoo
