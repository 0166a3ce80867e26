// odoobridge.rosdomofon.Client: rosdomofon::Client with keyword options, Python values, a
// context manager, and MessageIterator over an abonent's messages (one page per request).

#include <memory>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "convert.hpp"
#include "generator_state.hpp"
#include "interrupt.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

/// The connection of one Python Client, shared with its iterators.
using ClientHandle = ClosableClient<rosdomofon::Client>;

struct PyClient {
    std::shared_ptr<ClientHandle> handle;
    std::string url;  // redacted
    std::string username;
};

/// All messages of one abonent; pages are fetched with the GIL released as iteration
/// reaches them. Single pass; one thread at a time (another gets ValueError).
class MessageIterator {
public:
    MessageIterator(std::shared_ptr<ClientHandle> handle, rosdomofon::MessagePager pager)
        : handle_(std::move(handle)), pager_(std::move(pager)) {}

    py::object next() {
        state_.fetch([&] { (void)handle_->client(); },  // a closed client's iterator stops too
                     [&] { step_forward(pager_, position_); });
        if (*position_ == std::default_sentinel) state_.stop();
        return py::cast(**position_);
    }

private:
    std::shared_ptr<ClientHandle> handle_;
    rosdomofon::MessagePager pager_;
    std::optional<rosdomofon::MessagePager::iterator> position_;
    GeneratorState state_{"iterator"};
};

PyClient make_client(const std::string& url, const std::string& username,
                     const std::string& password, double timeout, double connect_timeout,
                     bool verify_tls, const std::optional<std::string>& ca_file,
                     const std::optional<std::string>& proxy, int max_connections, int retries,
                     double token_renew_margin) {
    rosdomofon::ClientOptions options;
    options.url = url;
    options.username = username;
    options.password = password;
    core::TransportOptions& transport = options.transport_options;
    transport.total_timeout = seconds_option(timeout, "timeout");
    transport.connect_timeout = seconds_option(connect_timeout, "connect_timeout");
    transport.verify_tls = verify_tls;
    transport.ca_file = ca_file.value_or("");
    transport.proxy = proxy.value_or("");
    transport.max_connections = max_connections;
    transport.cancel = interrupt_check();
    options.retry.max_attempts = retries;
    options.token_renew_margin = std::chrono::duration_cast<std::chrono::seconds>(
        seconds_option(token_renew_margin, "token_renew_margin", true));
    auto client = without_gil([&] { return rosdomofon::Client(std::move(options)); });
    return PyClient{
        std::make_shared<ClientHandle>(std::move(client), "odoobridge.rosdomofon.Client"),
        core::redact_url(url), username};
}

/// Recipients from one recipient or an iterable of them: a Recipient, an int (an abonent
/// id), or a Phone or str (a phone).
std::vector<rosdomofon::Recipient> recipients_of(py::handle to) {
    const auto one = [](py::handle item, const std::string& where) {
        PyObject* object = item.ptr();
        if (py::isinstance<rosdomofon::Recipient>(item)) return item.cast<rosdomofon::Recipient>();
        if (PyLong_Check(object) && !PyBool_Check(object))
            return rosdomofon::Recipient::abonent(item.cast<std::int64_t>());
        if (PyUnicode_Check(object) || py::isinstance<rosdomofon::Phone>(item))
            return rosdomofon::Recipient::phone_number(phone_of(item, where.c_str()));
        throw py::type_error(where +
                             " takes an abonent id (int), a phone (Phone or str) or a "
                             "Recipient, not " +
                             py::repr(item).cast<std::string>());
    };
    PyObject* object = to.ptr();
    if (PyList_Check(object) || PyTuple_Check(object) || PySet_Check(object)) {
        std::vector<rosdomofon::Recipient> recipients;
        for (py::handle item : to)
            recipients.push_back(one(item, "to[" + std::to_string(recipients.size()) + "]"));
        return recipients;
    }
    return {one(to, "to")};
}

/// An id the server takes as text ("26959"), from an int or a str.
std::string id_text(py::handle value, const char* what) {
    if (PyUnicode_Check(value.ptr())) return utf8(value);
    if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr()))
        return py::str(value).cast<std::string>();
    throw py::type_error(std::string(what) + " takes an int or a str, not " +
                         py::repr(value).cast<std::string>());
}

rosdomofon::MessageQuery query_of(const std::optional<std::string>& channel, int page_size) {
    return rosdomofon::MessageQuery{channel.value_or(""), page_size};
}

/// A client method taking `Args` that calls `f(client, args...)` with the GIL released.
template <class... Args, class F>
auto blocking(F f) {
    return [f](const PyClient& self, Args... args) {
        const rosdomofon::Client client = self.handle->client();
        return without_gil([&] { return f(client, args...); });
    };
}

}  // namespace

void register_client(py::module_& module) {
    using rosdomofon::Client;
    py::class_<MessageIterator>(module, "MessageIterator",
                                R"(All messages of one abonent, one page per request.

Pages are fetched (with the GIL released) only as iteration reaches them; iteration stops
after the page the server marks last. Iterate it once, from one thread at a time.)")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", &MessageIterator::next)
        .attr("__module__") = kModule;

    py::class_<PyClient> cls(module, "Client", R"(A connection to the RosDomofon REST API.

Client(username=..., password=...) sends nothing until the first call, which fetches a token
(password grant); the token is renewed before it expires and once more on a 401. Blocking
calls release the GIL; one client may be shared by threads; Ctrl-C interrupts a call in the
main thread. Use it as a context manager, or close() it.)");
    cls.def(py::init(&make_client), py::kw_only(), py::arg("url") = "https://rdba.rosdomofon.com",
            py::arg("username"), py::arg("password"), py::arg("timeout") = 120.0,
            py::arg("connect_timeout") = 10.0, py::arg("verify_tls") = true,
            py::arg("ca_file") = py::none(), py::arg("proxy") = py::none(),
            py::arg("max_connections") = 8, py::arg("retries") = 3,
            py::arg("token_renew_margin") = 30.0,
            "Checks the options (ConfigurationError); no request is sent yet.")
        .def("authenticate", blocking([](const Client& c) { c.authenticate(); }),
             "Fetches a new token now. Raises AuthenticationError when the login is refused.")
        .def("accounts", blocking([](const Client& c) { return c.accounts(); }),
             "All accounts of the company.")
        .def(
            "account_by_phone",
            [](const PyClient& self, py::handle phone) {
                const rosdomofon::Phone wanted = phone_of(phone, "phone");
                const Client client = self.handle->client();
                return without_gil([&] { return client.account_by_phone(wanted); });
            },
            py::arg("phone"), "The account whose owner has this phone, or None.")
        .def(
            "create_account",
            [](const PyClient& self, const std::string& number, py::handle phone) {
                const rosdomofon::Phone owner = phone_of(phone, "phone");
                const Client client = self.handle->client();
                return without_gil([&] { return client.create_account(number, owner); });
            },
            py::arg("number"), py::arg("phone"), "Creates an account; never retried.")
        .def(
            "create_flat",
            [](const PyClient& self, py::handle entrance_id, py::handle flat_number,
               std::optional<std::int64_t> abonent_id, bool is_virtual) {
                rosdomofon::NewFlat flat{abonent_id, id_text(entrance_id, "entrance_id"),
                                         id_text(flat_number, "flat_number"), is_virtual};
                const Client client = self.handle->client();
                return without_gil([&] { return client.create_flat(flat); });
            },
            py::arg("entrance_id"), py::arg("flat_number"), py::kw_only(),
            py::arg("abonent_id") = py::none(), py::arg("virtual") = false,
            "Creates a flat at an entrance; never retried.")
        .def("entrance_services", blocking<std::int64_t>([](const Client& c, std::int64_t id) {
                 return c.entrance_services(id);
             }),
             py::arg("entrance_id"), "The services offered at an entrance.")
        .def("connect_service",
             blocking<std::int64_t, std::int64_t, std::optional<std::int64_t>>(
                 [](const Client& c, std::int64_t service, std::int64_t flat,
                    std::optional<std::int64_t> account) {
                     return c.connect_service(service, flat, account);
                 }),
             py::arg("service_id"), py::arg("flat_id"), py::arg("account_id") = py::none(),
             "Connects a service to a flat; returns the new connection's id. Never retried.")
        .def("account_connections", blocking<std::int64_t>([](const Client& c, std::int64_t id) {
                 return c.account_connections(id);
             }),
             py::arg("account_id"), "The service connections of an account.")
        .def("service_connections", blocking<std::int64_t>([](const Client& c, std::int64_t id) {
                 return c.service_connections(id);
             }),
             py::arg("service_id"), "The connections of a service.")
        .def(
            "block_account",
            [](const PyClient& self, py::handle account) {
                const std::string key = id_text(account, "account");
                const Client client = self.handle->client();
                without_gil([&] { client.block_account(key); });
            },
            py::arg("account"), "Blocks an account, named by its number (or id).")
        .def(
            "unblock_account",
            [](const PyClient& self, py::handle account) {
                const std::string key = id_text(account, "account");
                const Client client = self.handle->client();
                without_gil([&] { client.unblock_account(key); });
            },
            py::arg("account"), "Unblocks an account, named by its number (or id).")
        .def("block_connection", blocking<std::int64_t>([](const Client& c, std::int64_t id) {
                 c.block_connection(id);
             }),
             py::arg("connection_id"), "Blocks one service connection.")
        .def("unblock_connection", blocking<std::int64_t>([](const Client& c, std::int64_t id) {
                 c.unblock_connection(id);
             }),
             py::arg("connection_id"), "Unblocks one service connection.")
        .def(
            "send_message",
            [](const PyClient& self, py::handle to, const std::string& text,
               const std::string& channel) {
                const std::vector<rosdomofon::Recipient> recipients = recipients_of(to);
                const Client client = self.handle->client();
                without_gil([&] { client.send_message(recipients, text, channel); });
            },
            py::arg("to"), py::arg("text"), py::arg("channel") = "support",
            "Sends a push message to abonents: `to` is an abonent id (int), a phone (Phone or "
            "str), a Recipient, or a list of these. Never retried.")
        .def(
            "abonent_messages_page",
            [](const PyClient& self, std::int64_t abonent_id, std::int64_t page,
               const std::optional<std::string>& channel, int page_size) {
                const auto query = query_of(channel, page_size);
                const Client client = self.handle->client();
                return without_gil(
                    [&] { return client.abonent_messages_page(abonent_id, page, query); });
            },
            py::arg("abonent_id"), py::arg("page") = 0, py::kw_only(),
            py::arg("channel") = py::none(), py::arg("page_size") = 50,
            "One page (0-based) of an abonent's messages.")
        .def(
            "abonent_messages",
            [](const PyClient& self, std::int64_t abonent_id,
               const std::optional<std::string>& channel, int page_size) {
                const Client client = self.handle->client();
                return MessageIterator(
                    self.handle, client.abonent_messages(abonent_id, query_of(channel, page_size)));
            },
            py::arg("abonent_id"), py::kw_only(), py::arg("channel") = py::none(),
            py::arg("page_size") = 50,
            "Every message of an abonent, fetched page by page as the iterator is used.")
        .def_readonly("url", &PyClient::url, "The base URL (credentials removed).")
        .def_readonly("username", &PyClient::username)
        .def_property_readonly("closed", [](const PyClient& self) { return self.handle->closed(); })
        .def(
            "close", [](const PyClient& self) { self.handle->close(); },
            "Releases the connection; later calls raise ValueError.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](const PyClient& self, py::handle, py::handle, py::handle) {
                self.handle->close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__", [](const PyClient& self) {
            return "<odoobridge.rosdomofon.Client url='" + self.url + "' username='" +
                   self.username + "'" + (self.handle->closed() ? " closed>" : ">");
        });
    cls.attr("__module__") = kModule;
}

}  // namespace odoobridge::python::rd
