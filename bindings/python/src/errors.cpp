// The exception classes of errors.hpp and the C++ → Python translation.

#include "errors.hpp"

#include <array>
#include <cstddef>
#include <odoobridge/core/codec/decode_error.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/models/errors.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/model/schema.hpp>
#include <string>

namespace odoobridge::python {

namespace {

/// Index of each class in `kClasses` and `classes`.
enum Class : std::size_t {
    kError,
    kConfiguration,
    kSchemaMismatch,
    kCancelled,
    kTransport,
    kConnection,
    kTimeout,
    kTls,
    kTooLarge,
    kProtocol,
    kUnexpected,
    kMalformed,
    kDecode,
    kServer,
    kOdooServer,
    kAuthentication,
    kAccess,
    kSessionExpired,
    kUser,
    kValidation,
    kMissing,
    kAmbiguous,
    kClassCount
};

struct ClassSpec {
    const char* attribute;  ///< name in odoobridge._native
    const char* qualified;  ///< the public name, module included
    Class base;             ///< kClassCount: Exception
    const char* doc;
};

constexpr std::array<ClassSpec, kClassCount> kClasses{{
    {"Error", "odoobridge.Error", kClassCount, "Root of every exception odoobridge raises."},
    {"ConfigurationError", "odoobridge.ConfigurationError", kError,
     "Options or arguments that cannot work, detected before any request."},
    {"SchemaMismatchError", "odoobridge.odoo.SchemaMismatchError", kConfiguration,
     "A typed record class does not match the server's model (`problems` lists why)."},
    {"CancelledError", "odoobridge.CancelledError", kError,
     "The call was cancelled while it ran (Ctrl-C raises KeyboardInterrupt instead)."},
    {"TransportError", "odoobridge.TransportError", kError,
     "No complete HTTP answer was received."},
    {"ConnectionError", "odoobridge.ConnectionError", kTransport,
     "Connection refused or reset, host not found, or a refused redirect."},
    {"TimeoutError", "odoobridge.TimeoutError", kTransport,
     "The connect timeout or the total timeout expired."},
    {"TlsError", "odoobridge.TlsError", kTransport,
     "The TLS handshake or certificate verification failed."},
    {"ResponseTooLargeError", "odoobridge.ResponseTooLargeError", kTransport,
     "The answer's body exceeded max_response_bytes."},
    {"ProtocolError", "odoobridge.ProtocolError", kError,
     "An HTTP answer that is not what the protocol expects."},
    {"UnexpectedResponseError", "odoobridge.UnexpectedResponseError", kProtocol,
     "Wrong HTTP status or content type: an HTML error page, a proxy's 502 ..."},
    {"MalformedResponseError", "odoobridge.MalformedResponseError", kProtocol,
     "The body is not well-formed JSON or XML."},
    {"DecodeError", "odoobridge.DecodeError", kProtocol,
     "A value in the answer does not fit the typed record's field."},
    {"ServerError", "odoobridge.ServerError", kError,
     "The remote service understood the request and refused it."},
    {"OdooServerError", "odoobridge.odoo.ServerError", kServer,
     "An Odoo server exception (also raised as is for unclassified server errors)."},
    {"AuthenticationError", "odoobridge.odoo.AuthenticationError", kOdooServer,
     "Wrong login, password or API key."},
    {"AccessError", "odoobridge.odoo.AccessError", kOdooServer,
     "The user may not do this (access rights, record rules, private methods)."},
    {"SessionExpiredError", "odoobridge.odoo.SessionExpiredError", kOdooServer,
     "The web session is gone (after one automatic re-login)."},
    {"UserError", "odoobridge.odoo.UserError", kOdooServer,
     "A business rule refused the operation; the message is meant for a person."},
    {"ValidationError", "odoobridge.odoo.ValidationError", kUser,
     "Invalid values: constraints, required fields, SQL checks."},
    {"MissingError", "odoobridge.odoo.MissingError", kUser,
     "The record does not exist or has been deleted."},
    {"AmbiguousMatchError", "odoobridge.models.AmbiguousMatchError", kError,
     "A helper's lookup found several records where it may pick one (`ids` lists them)."},
}};

/// The class objects; they live as long as the process (the module is never unloaded).
std::array<PyObject*, kClassCount> classes{};

py::object instance(Class index, const Error& error) {
    return error_instance(classes[index], error);
}

py::object protocol_error(Class index, const ProtocolError& error) {
    py::object result = instance(index, error);
    result.attr("http_status") = error.http_status();
    return result;
}

py::object decode_error(const DecodeError& error) {
    py::object result = protocol_error(kDecode, error);
    const DecodeFailure& failure = error.failure();
    result.attr("model") = utf8_text(failure.model);
    result.attr("record_id") =
        failure.record_id ? py::object(py::int_(*failure.record_id)) : py::object(py::none());
    result.attr("record_index") =
        failure.record_index ? py::object(py::int_(*failure.record_index)) : py::object(py::none());
    result.attr("field") = utf8_text(failure.field);
    result.attr("expected") = utf8_text(failure.expected);
    result.attr("received") = utf8_text(failure.received);
    return result;
}

py::object odoo_error(Class index, const odoo::ServerError& error) {
    py::object result = instance(index, error);
    const odoo::ErrorDetails& details = error.details();
    result.attr("server_class") = utf8_text(details.server_class);
    result.attr("server_message") = utf8_text(details.server_message);
    result.attr("model") = utf8_text(details.model);
    result.attr("method") = utf8_text(details.method);
    result.attr("protocol") = utf8_text(details.protocol);
    result.attr("debug") = utf8_text(details.debug);
    result.attr("http_status") = details.http_status;
    return result;
}

py::object ambiguous_error(const models::AmbiguousMatchError& error) {
    py::object result = instance(kAmbiguous, error);
    result.attr("model") = utf8_text(error.model());
    result.attr("criterion") = utf8_text(error.criterion());
    result.attr("ids") = py::cast(error.ids());
    return result;
}

py::object schema_error(const odoo::SchemaMismatchError& error) {
    py::object result = instance(kSchemaMismatch, error);
    result.attr("model") = utf8_text(error.model());
    py::list problems;
    for (const std::string& problem : error.problems()) problems.append(utf8_text(problem));
    result.attr("problems") = std::move(problems);
    return result;
}

/// Class defaults, so that instances raised from Python code have every attribute too.
py::dict defaults_of(Class index) {
    py::dict defaults;
    defaults["message"] = "";
    defaults["endpoint"] = "";
    switch (index) {
        case kProtocol:
        case kOdooServer:
            defaults["http_status"] = 0;
            break;
        case kDecode:
            for (const char* name : {"model", "field", "expected", "received"}) defaults[name] = "";
            defaults["record_id"] = py::none();
            defaults["record_index"] = py::none();
            break;
        case kSchemaMismatch:
            defaults["model"] = "";
            defaults["problems"] = py::list();
            break;
        case kAmbiguous:
            defaults["model"] = "";
            defaults["criterion"] = "";
            defaults["ids"] = py::list();
            break;
        default:
            break;
    }
    if (index == kOdooServer)
        for (const char* name :
             {"server_class", "server_message", "model", "method", "protocol", "debug"})
            defaults[name] = "";
    return defaults;
}

}  // namespace

py::str utf8_text(const std::string& value) {
    PyObject* object =
        PyUnicode_DecodeUTF8(value.data(), static_cast<Py_ssize_t>(value.size()), "replace");
    if (object == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(object);
}

py::object error_instance(PyObject* type, const Error& error) {
    PyObject* object = PyObject_CallOneArg(type, utf8_text(error.what()).ptr());
    if (object == nullptr) throw py::error_already_set();
    py::object result = py::reinterpret_steal<py::object>(object);
    result.attr("message") = utf8_text(error.what());
    result.attr("endpoint") = utf8_text(error.endpoint());
    return result;
}

PyObject* add_error_class(py::module_& module, const char* name, const std::string& qualified,
                          const char* doc, py::handle bases, const py::dict& defaults) {
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), defaults.ptr());
    if (type == nullptr) throw py::error_already_set();
    module.attr(name) = py::reinterpret_borrow<py::object>(type);
    return type;
}

void raise_error_object(const py::object& python_error) {
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(python_error.ptr())), python_error.ptr());
}

py::object exception_object(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const odoo::ValidationError& e) {
        return odoo_error(kValidation, e);
    } catch (const odoo::MissingError& e) {
        return odoo_error(kMissing, e);
    } catch (const odoo::UserError& e) {
        return odoo_error(kUser, e);
    } catch (const odoo::AuthenticationError& e) {
        return odoo_error(kAuthentication, e);
    } catch (const odoo::AccessError& e) {
        return odoo_error(kAccess, e);
    } catch (const odoo::SessionExpiredError& e) {
        return odoo_error(kSessionExpired, e);
    } catch (const odoo::ServerError& e) {
        return odoo_error(kOdooServer, e);
    } catch (const ServerError& e) {
        return instance(kServer, e);
    } catch (const odoo::SchemaMismatchError& e) {
        return schema_error(e);
    } catch (const ConfigurationError& e) {
        return instance(kConfiguration, e);
    } catch (const CancelledError& e) {
        return instance(kCancelled, e);
    } catch (const ConnectionError& e) {
        return instance(kConnection, e);
    } catch (const TimeoutError& e) {
        return instance(kTimeout, e);
    } catch (const TlsError& e) {
        return instance(kTls, e);
    } catch (const ResponseTooLargeError& e) {
        return instance(kTooLarge, e);
    } catch (const TransportError& e) {
        return instance(kTransport, e);
    } catch (const DecodeError& e) {
        return decode_error(e);
    } catch (const UnexpectedResponseError& e) {
        return protocol_error(kUnexpected, e);
    } catch (const MalformedResponseError& e) {
        return protocol_error(kMalformed, e);
    } catch (const ProtocolError& e) {
        return protocol_error(kProtocol, e);
    } catch (const models::AmbiguousMatchError& e) {
        return ambiguous_error(e);
    } catch (const Error& e) {
        return instance(kError, e);
    } catch (...) {
        return {};
    }
}

void register_errors(py::module_& module) {
    for (std::size_t i = 0; i < kClassCount; ++i) {
        const ClassSpec& spec = kClasses[i];
        PyObject* base = spec.base == kClassCount ? PyExc_Exception : classes[spec.base];
        classes[i] = add_error_class(module, spec.attribute, spec.qualified, spec.doc, base,
                                     defaults_of(static_cast<Class>(i)));
    }
    py::register_exception_translator([](std::exception_ptr error) {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const Error&) {
            py::object python_error = exception_object(error);
            raise_error_object(python_error);
        }
    });
}

}  // namespace odoobridge::python
