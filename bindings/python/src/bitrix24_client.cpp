// odoobridge.bitrix24.Client: bitrix24::Client with keyword options (webhook or OAuth),
// Python values, the generic calls (call, call_answer, batch, list) and a context manager.
// The typed methods are added by bitrix24_methods.cpp.

#include <chrono>
#include <cmath>
#include <memory>
#include <odoobridge/core/logging.hpp>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "bitrix24.hpp"
#include "bitrix24_keywords.hpp"
#include "convert.hpp"
#include "interrupt.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// A Python callable kept by the C++ client; released with the GIL held, whichever thread
/// drops the last copy of the client.
struct PythonCallable {
    explicit PythonCallable(py::object callable) : function(std::move(callable)) {}
    PythonCallable(const PythonCallable&) = delete;
    PythonCallable& operator=(const PythonCallable&) = delete;
    ~PythonCallable() {
        if (Py_IsInitialized() == 0) {
            (void)function.release();  // the interpreter is gone: nothing left to free
            return;
        }
        py::gil_scoped_acquire gil;
        function = py::object();
    }
    py::object function;
};

/// The on_tokens hook: called with the GIL held on the thread that refreshed; an exception
/// it raises propagates out of the call that triggered the refresh.
std::function<void(const b24::OAuthTokens&)> tokens_hook(py::object callable) {
    if (callable.is_none()) return {};
    if (PyCallable_Check(callable.ptr()) == 0)
        throw py::type_error(
            "Client(on_tokens=...) must be callable (it receives the new "
            "OAuthTokens after each refresh), not " +
            type_name(callable));
    auto holder = std::make_shared<PythonCallable>(std::move(callable));
    return [holder](const b24::OAuthTokens& tokens) {
        py::gil_scoped_acquire gil;
        // A copy: the callback may keep the object after the C++ tokens are gone.
        holder->function(py::cast(tokens, py::return_value_policy::copy));
    };
}

b24::Credentials credentials_of(Keywords& keywords) {
    const auto webhook_url = keywords.text("webhook_url");
    auto portal = keywords.text("portal");
    auto access_token = keywords.text("access_token");
    auto refresh_token = keywords.text("refresh_token");
    auto client_id = keywords.text("client_id");
    auto client_secret = keywords.text("client_secret");
    auto oauth_url = keywords.text("oauth_url");
    py::object on_tokens = keywords.object("on_tokens");
    const bool oauth = portal || access_token || refresh_token || client_id || client_secret ||
                       oauth_url || !on_tokens.is_none();
    if (webhook_url && oauth)
        throw ConfigurationError(
            "Client() got webhook_url= and OAuth settings (portal=, access_token= ...); give "
            "either an incoming webhook URL or an OAuth application's settings");
    if (webhook_url) return b24::Webhook{*webhook_url};
    if (!oauth)
        throw ConfigurationError(
            "Client() needs webhook_url= (https://{portal}/rest/{user_id}/{code}/) or an OAuth "
            "application: portal=, access_token=, refresh_token=, client_id=, client_secret=");
    b24::OAuthApp app;
    app.portal_url = portal.value_or("");
    app.access_token = access_token.value_or("");
    app.refresh_token = refresh_token.value_or("");
    app.client_id = client_id.value_or("");
    app.client_secret = client_secret.value_or("");
    if (oauth_url) app.oauth_url = *oauth_url;
    app.on_tokens_refreshed = tokens_hook(std::move(on_tokens));
    return app;
}

PyClient connect(const py::args& args, const py::kwargs& kwargs) {
    if (!args.empty())  // never echo them: a positional argument may be the webhook URL
        throw py::type_error(
            "Client() takes keyword arguments only (webhook_url=... or "
            "portal=..., access_token=...), got " +
            std::to_string(args.size()) + " positional");
    Keywords keywords(kwargs);
    b24::ClientOptions options;
    options.credentials = credentials_of(keywords);
    options.rate_limit.burst = keywords.integer("burst", options.rate_limit.burst);
    options.rate_limit.per_second = keywords.number("per_second", options.rate_limit.per_second);
    options.operating_budget = keywords.duration("operating_budget", 480.0);
    options.retry.max_attempts = keywords.integer("retries", options.retry.max_attempts);
    options.retry.initial_delay = keywords.duration("retry_delay", 0.5, true);
    options.retry.max_delay = keywords.duration("max_retry_delay", 30.0, true);
    core::TransportOptions& transport = options.transport_options;
    transport.total_timeout = keywords.duration("timeout", 120.0);
    transport.connect_timeout = keywords.duration("connect_timeout", 10.0);
    transport.verify_tls = keywords.flag("verify_tls", true);
    transport.ca_file = keywords.text("ca_file").value_or("");
    transport.proxy = keywords.text("proxy").value_or("");
    transport.max_connections = keywords.integer("max_connections", transport.max_connections);
    transport.max_response_bytes =
        keywords.size("max_response_bytes", transport.max_response_bytes);
    transport.cancel = interrupt_check();
    keywords.finish();
    const std::string auth =
        std::holds_alternative<b24::Webhook>(options.credentials) ? "webhook" : "oauth";
    b24::Client client(std::move(options));  // sends nothing
    std::string endpoint = client.endpoint();
    return PyClient{std::make_shared<Connection>(std::move(client), "odoobridge.bitrix24.Client"),
                    std::move(endpoint), auth};
}

py::object call(const PyClient& self, const std::string& method, py::handle params,
                bool idempotent) {
    json arguments = params_of(params, "params");
    const b24::Client client = self.connection->client();
    const json result = without_gil(
        [&] { return client.call(method, std::move(arguments), b24::CallOptions{idempotent}); });
    return from_json(result);
}

b24::Answer call_answer(const PyClient& self, const std::string& method, py::handle params,
                        bool idempotent) {
    json arguments = params_of(params, "params");
    const b24::Client client = self.connection->client();
    return without_gil([&] {
        return client.call_answer(method, std::move(arguments), b24::CallOptions{idempotent});
    });
}

/// One command: (method[, params]) or a method name alone; `where` names it in errors.
b24::BatchCommand command_of(std::string key, py::handle spec, const std::string& where) {
    if (PyUnicode_Check(spec.ptr())) return {std::move(key), utf8(spec), json::object()};
    if (!PyTuple_Check(spec.ptr()) && !PyList_Check(spec.ptr()))
        throw py::type_error(where + " must be a method name or (method, params), not " +
                             type_name(spec));
    const py::sequence parts = py::reinterpret_borrow<py::sequence>(spec);
    if (parts.size() < 1 || parts.size() > 2 || !PyUnicode_Check(parts[0].ptr()))
        throw py::type_error(where + " must be (method, params) with a str method");
    json params =
        parts.size() > 1 ? params_of(parts[1], (where + " params").c_str()) : json::object();
    return {std::move(key), utf8(parts[0]), std::move(params)};
}

/// The commands of a dict {key: (method, params)} or a list of (key, method[, params]).
std::vector<b24::BatchCommand> commands_of(py::handle commands) {
    std::vector<b24::BatchCommand> out;
    if (PyDict_Check(commands.ptr())) {
        for (auto [key, spec] : py::reinterpret_borrow<py::dict>(commands)) {
            if (!PyUnicode_Check(key.ptr()))
                throw py::type_error("batch command keys must be str, not " + type_name(key));
            const std::string name = utf8(key);
            out.push_back(command_of(name, spec, "commands['" + name + "']"));
        }
        return out;
    }
    if (!PyList_Check(commands.ptr()) && !PyTuple_Check(commands.ptr()))
        throw py::type_error(
            "commands must be a dict {key: (method, params)} or a list of (key, method, params), "
            "not " +
            type_name(commands));
    for (py::handle item : commands) {
        const std::string where = "commands[" + std::to_string(out.size()) + "]";
        if ((!PyTuple_Check(item.ptr()) && !PyList_Check(item.ptr())) || py::len(item) < 2 ||
            py::len(item) > 3 || !PyUnicode_Check(item[py::int_(0)].ptr()))
            throw py::type_error(where + " must be (key, method[, params]) with a str key");
        const py::sequence parts = py::reinterpret_borrow<py::sequence>(item);
        const py::tuple rest =
            parts.size() > 2 ? py::make_tuple(parts[1], parts[2]) : py::make_tuple(parts[1]);
        out.push_back(command_of(utf8(parts[0]), rest, where));
    }
    return out;
}

b24::BatchResult batch(const PyClient& self, py::handle commands, bool halt, bool idempotent) {
    const std::vector<b24::BatchCommand> list = commands_of(commands);
    const b24::Client client = self.connection->client();
    return without_gil([&] { return client.batch(list, b24::BatchOptions{halt, idempotent}); });
}

py::object list(const PyClient& self, const std::string& method, py::handle params,
                const std::string& mode, std::string items_key, std::string filter_param,
                std::string id_filter, std::string row_id, py::handle id_order) {
    b24::ListSpec spec;
    spec.method = method;
    spec.params = params_of(params, "params");
    spec.items_key = std::move(items_key);
    spec.filter_param = std::move(filter_param);
    spec.id_filter = std::move(id_filter);
    spec.row_id = std::move(row_id);
    if (!id_order.is_none()) spec.id_order = params_of(id_order, "id_order");
    return make_list(self, std::move(spec), page_mode(mode),
                     [](const json& row) { return from_json(row); });
}

std::string repr(const PyClient& self) {
    std::string text =
        "<odoobridge.bitrix24.Client " + self.auth + " endpoint='" + self.endpoint + "'";
    if (self.connection->closed()) return text + " closed>";
    return text + " requests_sent=" + std::to_string(self.connection->client().requests_sent()) +
           ">";
}

}  // namespace

void register_client(py::module_& module) {
    py::class_<PyClient> client(module, "Client", R"(A connection to one Bitrix24 portal.

Client(webhook_url="https://{portal}/rest/{user_id}/{code}/") for an incoming webhook, or
Client(portal="https://{portal}", access_token=..., refresh_token=..., client_id=...,
client_secret=..., oauth_url=..., on_tokens=callable) for an OAuth application: on
expired_token the client refreshes once (shared by concurrent callers) and calls
on_tokens(OAuthTokens) with the GIL held; persist the new refresh token there.

Limits and transport (keywords): burst=50, per_second=2.0 (the portal's leaky bucket;
Enterprise 250 and 5), operating_budget=480.0 seconds per method per 10 minutes,
retries=5, retry_delay=0.5, max_retry_delay=30.0, timeout=120.0, connect_timeout=10.0,
verify_tls=True, ca_file=None, proxy=None, max_connections=8,
max_response_bytes=268435456. Nothing is sent until the first call.

Blocking calls release the GIL, so threads may share one client (one throttle for all);
Ctrl-C interrupts a call in the main thread. Use it as a context manager, or close() it.
The webhook code and the tokens never appear in repr(), str() or error messages.)");
    client
        .def(py::init(&connect),
             "Client(*, webhook_url=None, portal=None, access_token=None, refresh_token=None, "
             "client_id=None, client_secret=None, oauth_url=None, on_tokens=None, ...): see the "
             "class documentation. Raises odoobridge.ConfigurationError or TypeError.")
        .def("call", &call, py::arg("method"), py::arg("params") = py::none(), py::kw_only(),
             py::arg("idempotent") = false,
             "Calls `method` with `params` (a dict) and returns its `result`. Reads are retried "
             "after transient failures; other methods only when idempotent=True.")
        .def("call_answer", &call_answer, py::arg("method"), py::arg("params") = py::none(),
             py::kw_only(), py::arg("idempotent") = false,
             "Like call(), with the whole Answer: result, total, next and time.")
        .def("batch", &batch, py::arg("commands"), py::kw_only(), py::arg("halt") = false,
             py::arg("idempotent") = false,
             "Runs commands ({key: (method, params)} or [(key, method, params)]) through "
             "`batch`, 50 per request; \"$result[key][FIELD]\" strings reference earlier "
             "results. Returns a BatchResult holding each command's result or its own typed "
             "error. halt=True skips the commands after a failure.")
        .def("list", &list, py::arg("method"), py::arg("params") = py::none(), py::kw_only(),
             py::arg("mode") = "batched", py::arg("items_key") = "",
             py::arg("filter_param") = "filter", py::arg("id_filter") = ">ID",
             py::arg("row_id") = "ID", py::arg("id_order") = py::none(),
             "The rows of a list method as dicts, fetched lazily: mode \"batched\" (pages 50 per "
             "batch request), \"fast\" (ID order with a >ID filter, no count) or \"classic\" "
             "(start/next). items_key names where the rows are in `result` (\"tasks\", "
             "\"items\"); the other keywords describe the fast mode's filter.")
        .def_property_readonly(
            "endpoint",
            [](const PyClient& self) {
                // An OAuth client moves to the client_endpoint a refresh hands out.
                return self.connection->closed() ? self.endpoint
                                                 : self.connection->client().endpoint();
            },
            "The REST base URL, the webhook code masked.")
        .def_readonly("auth", &PyClient::auth, "\"webhook\" or \"oauth\".")
        .def_property_readonly(
            "tokens",
            [](const PyClient& self) -> py::object {
                if (self.auth != "oauth") return py::none();
                return py::cast(self.connection->client().tokens());
            },
            "The OAuth application's current tokens (None for a webhook).")
        .def_property_readonly(
            "requests_sent",
            [](const PyClient& self) { return self.connection->client().requests_sent(); },
            "HTTP requests sent so far, retries and token refreshes included.")
        .def_property_readonly("closed",
                               [](const PyClient& self) { return self.connection->closed(); })
        .def(
            "close", [](const PyClient& self) { self.connection->close(); },
            "Releases the connection; later calls raise ValueError.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](const PyClient& self, py::handle, py::handle, py::handle) {
                self.connection->close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__", &repr);
    register_typed_methods(client);
    client.attr("__module__") = kPublicModule;
}

}  // namespace odoobridge::python::bitrix24
