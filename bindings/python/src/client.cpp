// odoobridge.odoo.Client: odoo::Client with keyword options, Python values and a context
// manager.

#include <chrono>
#include <cmath>
#include <memory>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/model.hpp>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "interrupt.hpp"
#include "python_model.hpp"

namespace odoobridge::python {

namespace {

/// A Python Client: the session plus what it was created with (for repr, never a secret).
struct PyClient {
    std::shared_ptr<Session> session;
    std::string url;  // redacted
    std::string db;
    std::string username;
};

std::chrono::milliseconds seconds_option(double seconds, const char* name) {
    if (!std::isfinite(seconds) || seconds <= 0)
        throw ConfigurationError(std::string(name) + "=" + std::to_string(seconds) +
                                 " is not a positive number of seconds");
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

odoo::Credentials credentials_of(const std::string& username,
                                 const std::optional<std::string>& password,
                                 const std::optional<std::string>& api_key) {
    if (password && api_key)
        throw ConfigurationError("Client() got both password= and api_key=; give one of them");
    if (!password && !api_key)
        throw ConfigurationError(
            "Client() needs password= or api_key= (the json2 protocol "
            "takes only an API key)");
    if (api_key) return odoo::ApiKey{username, *api_key};
    return odoo::Password{username, *password};
}

PyClient connect(const std::string& url, const std::string& db, const std::string& username,
                 const std::optional<std::string>& password,
                 const std::optional<std::string>& api_key, const std::string& protocol,
                 py::handle context, double timeout, double connect_timeout, bool verify_tls,
                 const std::optional<std::string>& ca_file, const std::optional<std::string>& proxy,
                 int max_connections, std::size_t max_response_bytes, int retries) {
    odoo::ClientOptions options;
    options.url = url;
    options.database = db;
    options.credentials = credentials_of(username, password, api_key);
    options.protocol = odoo::parse_protocol_kind(protocol);
    if (db.empty() && options.protocol != odoo::ProtocolKind::json2)
        throw ConfigurationError("Client() needs db= (the database name) for the " + protocol +
                                 " protocol");
    options.context = object_or_empty(context, "context");
    core::TransportOptions& transport = options.transport_options;
    transport.total_timeout = seconds_option(timeout, "timeout");
    transport.connect_timeout = seconds_option(connect_timeout, "connect_timeout");
    transport.verify_tls = verify_tls;
    transport.ca_file = ca_file.value_or("");
    transport.proxy = proxy.value_or("");
    transport.max_connections = max_connections;
    transport.max_response_bytes = max_response_bytes;
    transport.cancel = interrupt_check();
    options.retry.max_attempts = retries;
    odoo::Client client = without_gil([&] { return odoo::Client::connect(std::move(options)); });
    return PyClient{std::make_shared<Session>(std::move(client), "odoobridge.odoo.Client"),
                    core::redact_url(url), db, username};
}

py::object execute_kw(const PyClient& self, const std::string& model, const std::string& method,
                      py::handle args, py::handle kwargs, py::handle context, bool idempotent) {
    json args_json = array_or_empty(args, "args");
    json kwargs_json = object_or_empty(kwargs, "kwargs");
    odoo::CallOptions options{object_or_empty(context, "context"), idempotent};
    const odoo::Client client = self.session->client();
    const json result = without_gil([&] {
        return client.execute_kw(model, method, std::move(args_json), std::move(kwargs_json),
                                 options);
    });
    return from_json(result);
}

/// One call of execute_many: (model, method[, args[, kwargs]]) or a dict with those keys.
odoo::Call call_of(py::handle item, std::size_t index) {
    const std::string where = "calls[" + std::to_string(index) + "]";
    py::object model, method, args = py::none(), kwargs = py::none();
    if (PyDict_Check(item.ptr())) {
        const py::dict call = py::reinterpret_borrow<py::dict>(item);
        if (!call.contains("model") || !call.contains("method"))
            throw py::type_error(where + " needs the keys 'model' and 'method'");
        model = call["model"];
        method = call["method"];
        if (call.contains("args")) args = call["args"];
        if (call.contains("kwargs")) kwargs = call["kwargs"];
    } else if (PyTuple_Check(item.ptr()) || PyList_Check(item.ptr())) {
        const py::sequence call = py::reinterpret_borrow<py::sequence>(item);
        if (call.size() < 2 || call.size() > 4)
            throw py::type_error(where + " must be (model, method[, args[, kwargs]])");
        model = call[0];
        method = call[1];
        if (call.size() > 2) args = call[2];
        if (call.size() > 3) kwargs = call[3];
    } else {
        throw py::type_error(where +
                             " must be a tuple (model, method[, args[, kwargs]]) or a "
                             "dict, not " +
                             std::string(Py_TYPE(item.ptr())->tp_name));
    }
    return odoo::Call{model.cast<std::string>(), method.cast<std::string>(),
                      array_or_empty(args, (where + " args").c_str()),
                      object_or_empty(kwargs, (where + " kwargs").c_str())};
}

py::list execute_many(const PyClient& self, py::iterable calls, bool return_exceptions) {
    std::vector<odoo::Call> batch;
    for (py::handle item : calls) batch.push_back(call_of(item, batch.size()));
    const odoo::Client client = self.session->client();
    auto outcomes = without_gil([&] { return client.execute_many(std::move(batch)); });
    py::list results;
    for (const auto& outcome : outcomes) {
        if (outcome.ok()) {
            results.append(from_json(outcome.value()));
            continue;
        }
        if (!return_exceptions) std::rethrow_exception(outcome.error());
        py::object error = exception_object(outcome.error());
        if (!error) std::rethrow_exception(outcome.error());
        results.append(std::move(error));
    }
    return results;
}

std::string repr(const PyClient& self) {
    std::string text = "<odoobridge.odoo.Client url='" + self.url + "' db='" + self.db +
                       "' username='" + self.username + "'";
    if (self.session->closed()) return text + " closed>";
    const odoo::Client client = self.session->client();
    return text + " protocol='" + std::string(odoo::to_string(client.protocol())) +
           "' uid=" + std::to_string(client.uid()) + ">";
}

}  // namespace

std::shared_ptr<Session> session_of(py::handle client) {
    if (!py::isinstance<PyClient>(client))
        throw py::type_error("expected an odoobridge.odoo.Client, not " +
                             std::string(Py_TYPE(client.ptr())->tp_name));
    return client.cast<const PyClient&>().session;
}

void register_client(py::module_& module) {
    py::class_<odoo::ServerVersion>(module, "ServerVersion", "The server's version.")
        .def_readonly("version", &odoo::ServerVersion::version, "'16.0', '19.0', 'saas~17.4' ...")
        .def_readonly("major", &odoo::ServerVersion::major)
        .def_readonly("minor", &odoo::ServerVersion::minor)
        .def_property_readonly(
            "raw", [](const odoo::ServerVersion& v) { return from_json(v.raw); },
            "The answer as the server sent it.")
        .def("__repr__",
             [](const odoo::ServerVersion& v) {
                 return "ServerVersion(version='" + v.version +
                        "', major=" + std::to_string(v.major) +
                        ", minor=" + std::to_string(v.minor) + ")";
             })
        .attr("__module__") = "odoobridge.odoo";

    py::class_<PyClient> client(module, "Client",
                                R"(An authenticated connection to one Odoo database.

Client(url=..., db=..., username=..., password=... or api_key=..., protocol="auto") logs in
at once (over "xmlrpc", "jsonrpc", "session", "json2", or "auto": JSON-2 on Odoo 19 with an
API key, else JSON-RPC). Blocking calls release the GIL, so threads may share one client;
Ctrl-C interrupts a call in the main thread. Use it as a context manager, or close() it.)");
    client
        .def(py::init(&connect), py::kw_only(), py::arg("url"), py::arg("db") = "",
             py::arg("username"), py::arg("password") = py::none(), py::arg("api_key") = py::none(),
             py::arg("protocol") = "auto", py::arg("context") = py::none(),
             py::arg("timeout") = 120.0, py::arg("connect_timeout") = 10.0,
             py::arg("verify_tls") = true, py::arg("ca_file") = py::none(),
             py::arg("proxy") = py::none(), py::arg("max_connections") = 8,
             py::arg("max_response_bytes") = std::size_t{256} << 20, py::arg("retries") = 3,
             "Connects and logs in. Raises ConfigurationError, AuthenticationError, "
             "TransportError or ProtocolError.")
        .def(
            "version",
            [](const PyClient& self) {
                const odoo::Client c = self.session->client();
                return without_gil([&] { return c.version(); });
            },
            "The server's version (cached after the first call).")
        .def_property_readonly(
            "uid", [](const PyClient& self) { return self.session->client().uid(); },
            "The logged-in user's id.")
        .def_property_readonly(
            "protocol",
            [](const PyClient& self) {
                return std::string(odoo::to_string(self.session->client().protocol()));
            },
            "The protocol in use: 'xmlrpc', 'jsonrpc', 'session' or 'json2'.")
        .def_property_readonly(
            "context",
            [](const PyClient& self) { return from_json(self.session->client().context()); },
            "The default context sent with every call.")
        .def_readonly("url", &PyClient::url, "The server URL (credentials removed).")
        .def_readonly("db", &PyClient::db)
        .def_readonly("username", &PyClient::username)
        .def_property_readonly("closed",
                               [](const PyClient& self) { return self.session->closed(); })
        .def(
            "list_databases",
            [](const PyClient& self) {
                const odoo::Client c = self.session->client();
                return without_gil([&] { return c.list_databases(); });
            },
            "The databases the server lists.")
        .def("execute_kw", &execute_kw, py::arg("model"), py::arg("method"),
             py::arg("args") = py::none(), py::arg("kwargs") = py::none(), py::kw_only(),
             py::arg("context") = py::none(), py::arg("idempotent") = false,
             "model.method(*args, **kwargs) on the server; returns its result. Reads are "
             "retried on transient failures; other methods only when idempotent=True.")
        .def("execute_many", &execute_many, py::arg("calls"), py::kw_only(),
             py::arg("return_exceptions") = false,
             "Runs independent calls concurrently; one result per call, in order. A failed "
             "call raises its error (after all ran), or with return_exceptions=True its "
             "exception object takes its place. Never retried.")
        .def(
            "model",
            [](py::object self, py::handle model) {
                const auto& session = self.cast<const PyClient&>().session;
                if (PyUnicode_Check(model.ptr()))
                    return make_model(self, session, model.cast<std::string>());
                return make_typed_model(model, self, session);
            },
            py::arg("model"),
            "The model 'crm.lead' with records as dicts, or the typed model of a record "
            "class of odoobridge.models (client.model(EstateProperty)).")
        .def(
            "close", [](const PyClient& self) { self.session->close(); },
            "Releases the connection; later calls raise ValueError.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](const PyClient& self, py::handle, py::handle, py::handle) {
                self.session->close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__", &repr);
    client.attr("__module__") = "odoobridge.odoo";
}

}  // namespace odoobridge::python
