// The RosDomofon exception classes of odoobridge.rosdomofon and the C++ → Python
// translation, one to one with include/odoobridge/rosdomofon/errors.hpp:
//
//     odoobridge.ServerError
//     └── ServerError                  operation, method, http_status, error, server_message
//         ├── AuthenticationError, AccessError, NotFoundError, ValidationError
//     odoobridge.ConfigurationError (and ValueError)
//     └── PhoneNumberError             input, reason
//     odoobridge.TransportError
//     └── KafkaError                   code, code_name, fatal
//     odoobridge.Error
//     └── HandlerFailedError           topic, partition, offset, cause
//
// Every instance also has `message` and `endpoint`, as all odoobridge errors do.

#include <array>
#include <cstddef>
#include <odoobridge/rosdomofon/errors.hpp>
#include <string>
#include <vector>

#include "errors.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

enum Class : std::size_t {
    kServer,
    kAuthentication,
    kAccess,
    kNotFound,
    kValidation,
    kPhone,
    kKafka,
    kHandlerFailed,
    kClassCount
};

struct ClassSpec {
    const char* name;
    Class base;               ///< kClassCount: a class of odoobridge._native
    const char* native_base;  ///< that class's name in odoobridge._native
    PyObject* extra_base;     ///< a further built-in base (ValueError) or null
    std::vector<const char*> text_attributes;
    std::vector<const char*> number_attributes;
    const char* doc;
};

const std::array<ClassSpec, kClassCount>& specs() {
    static const std::array<ClassSpec, kClassCount> table{{
        {"ServerError",
         kClassCount,
         "ServerError",
         nullptr,
         {"operation", "method", "error", "server_message"},
         {"http_status"},
         "RosDomofon refused a request (also raised as is for statuses without a subclass)."},
        {"AuthenticationError",
         kServer,
         nullptr,
         nullptr,
         {},
         {},
         "The username or password was refused, or a call still got 401 after a new token."},
        {"AccessError",
         kServer,
         nullptr,
         nullptr,
         {},
         {},
         "The account may not do this (HTTP 403)."},
        {"NotFoundError",
         kServer,
         nullptr,
         nullptr,
         {},
         {},
         "The account, flat, service, connection or abonent does not exist (HTTP 404)."},
        {"ValidationError",
         kServer,
         nullptr,
         nullptr,
         {},
         {},
         "The server rejected the values sent (HTTP 400, 409 or 422)."},
        {"PhoneNumberError",
         kClassCount,
         "ConfigurationError",
         PyExc_ValueError,
         {"input", "reason"},
         {},
         "A phone number that is not a RosDomofon phone (11 digits starting with 7); raised "
         "before any request. Also a ValueError."},
        {"KafkaError",
         kClassCount,
         "TransportError",
         nullptr,
         {"code_name"},
         {"code"},
         "librdkafka refused a setting, failed fatally, or a commit failed on stop."},
        {"HandlerFailedError",
         kClassCount,
         "Error",
         nullptr,
         {"topic"},
         {"partition", "offset"},
         "The consumer's handler raised on every try for one message; that message was not "
         "committed, so a restarted consumer of the group receives it again. `cause` (and "
         "__cause__) is the handler's last exception."},
    }};
    return table;
}

std::array<PyObject*, kClassCount> classes{};

py::object instance(Class index, const Error& error) {
    return error_instance(classes[index], error);
}

py::object server_error(Class index, const rosdomofon::ServerError& error) {
    py::object result = instance(index, error);
    const rosdomofon::ErrorDetails& details = error.details();
    result.attr("operation") = utf8_text(details.operation);
    result.attr("method") = utf8_text(details.method);
    result.attr("http_status") = details.http_status;
    result.attr("error") = utf8_text(details.error);
    result.attr("server_message") = utf8_text(details.server_message);
    return result;
}

py::dict defaults_of(const ClassSpec& spec) {
    py::dict defaults;
    if (spec.native_base != nullptr) {  // the classes deriving from _native's set these
        defaults["message"] = "";
        defaults["endpoint"] = "";
    }
    for (const char* name : spec.text_attributes) defaults[name] = "";
    for (const char* name : spec.number_attributes) defaults[name] = 0;
    if (&spec == &specs()[kKafka]) defaults["fatal"] = false;
    if (&spec == &specs()[kHandlerFailed]) defaults["cause"] = py::none();
    return defaults;
}

}  // namespace

py::object exception_object(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const rosdomofon::AuthenticationError& e) {
        return server_error(kAuthentication, e);
    } catch (const rosdomofon::AccessError& e) {
        return server_error(kAccess, e);
    } catch (const rosdomofon::NotFoundError& e) {
        return server_error(kNotFound, e);
    } catch (const rosdomofon::ValidationError& e) {
        return server_error(kValidation, e);
    } catch (const rosdomofon::ServerError& e) {
        return server_error(kServer, e);
    } catch (const rosdomofon::PhoneNumberError& e) {
        py::object result = instance(kPhone, e);
        result.attr("input") = utf8_text(e.input());
        result.attr("reason") = utf8_text(e.reason());
        return result;
    } catch (const rosdomofon::KafkaError& e) {
        py::object result = instance(kKafka, e);
        result.attr("code") = e.code();
        result.attr("code_name") = utf8_text(e.code_name());
        result.attr("fatal") = e.fatal();
        return result;
    } catch (const rosdomofon::HandlerFailedError& e) {
        py::object result = instance(kHandlerFailed, e);
        result.attr("topic") = utf8_text(e.topic());
        result.attr("partition") = e.partition();
        result.attr("offset") = e.offset();
        return result;
    } catch (...) {
        return {};
    }
}

void log_callback_error(py::error_already_set& error, const std::string& what) noexcept {
    try {
        py::object logger = py::module_::import("logging").attr("getLogger")(kModule);
        logger.attr("error")("%s raised %r; the consumer or producer goes on", utf8_text(what),
                             error.value(), py::arg("exc_info") = error.value());
    } catch (py::error_already_set&) {
        PyErr_Clear();  // logging itself failed: nothing left to report to
    } catch (...) {
    }
}

void register_errors(py::module_& parent, py::module_& module) {
    const auto& table = specs();
    for (std::size_t i = 0; i < kClassCount; ++i) {
        const ClassSpec& spec = table[i];
        py::object base = spec.base == kClassCount
                              ? py::object(parent.attr(spec.native_base))
                              : py::reinterpret_borrow<py::object>(classes[spec.base]);
        py::object bases = spec.extra_base == nullptr
                               ? base
                               : py::object(py::make_tuple(base, py::handle(spec.extra_base)));
        classes[i] = add_error_class(module, spec.name, std::string(kModule) + "." + spec.name,
                                     spec.doc, bases, defaults_of(spec));
    }
    // Registered after odoobridge's own translator, so asked first: RosDomofon errors get
    // their own classes, everything else goes on to the general translator.
    py::register_exception_translator([](std::exception_ptr error) {
        if (!error) return;
        py::object python_error = exception_object(error);
        if (!python_error) std::rethrow_exception(error);
        raise_error_object(python_error);
    });
}

}  // namespace odoobridge::python::rd
