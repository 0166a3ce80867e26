#pragma once
/// \file
/// The C++ exception hierarchy as Python exception classes, one to one:
///
///     odoobridge.Error                        (Exception)
///     ├── ConfigurationError
///     │   └── odoobridge.odoo.SchemaMismatchError
///     ├── CancelledError
///     ├── TransportError
///     │   ├── ConnectionError, TimeoutError, TlsError, ResponseTooLargeError
///     ├── ProtocolError
///     │   ├── UnexpectedResponseError, MalformedResponseError, DecodeError
///     ├── odoobridge.models.AmbiguousMatchError
///     └── ServerError
///         └── odoobridge.odoo.ServerError
///             ├── AuthenticationError, AccessError, SessionExpiredError
///             └── UserError
///                 ├── ValidationError, MissingError
///
/// Instances carry the C++ accessors as attributes: `message` and `endpoint` on all;
/// `http_status` on ProtocolError; `model`, `record_id`, `record_index`, `field`, `expected`,
/// `received` on DecodeError; `server_class`, `server_message`, `model`, `method`,
/// `protocol`, `debug`, `http_status` on odoo.ServerError; `model`, `problems` on
/// SchemaMismatchError; `model`, `criterion`, `ids` on AmbiguousMatchError. `str(e)` is the
/// C++ `what()`.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <odoobridge/core/errors.hpp>
#include <string>

namespace odoobridge::python {

namespace py = pybind11;

/// Creates the exception classes as attributes of `module` and registers the translator
/// that turns thrown `odoobridge::Error`s into them.
void register_errors(py::module_& module);

/// The Python exception instance for `error` (an `odoobridge::Error`), or an empty object for
/// any other exception. Needs the GIL.
[[nodiscard]] py::object exception_object(const std::exception_ptr& error);

// ---- shared by every module's exception classes (errors.cpp) ----

/// `value` as a Python str; bytes that are not UTF-8 become U+FFFD (a server's message is
/// shown, never refused). Needs the GIL. \throws py::error_already_set on memory exhaustion.
[[nodiscard]] py::str utf8_text(const std::string& value);

/// An instance of the exception class `type` for `error`: `str()` is `what()`, and the
/// `message` and `endpoint` attributes are set. Needs the GIL.
/// \throws py::error_already_set when the class refuses the arguments.
[[nodiscard]] py::object error_instance(PyObject* type, const Error& error);

/// Creates the exception class `qualified` ("odoobridge.x.Name") with `doc`, deriving from
/// `bases` (a class or a tuple of classes), whose class attributes `defaults` give every
/// attribute a value for instances raised from Python code; sets it as `module.<name>` and
/// returns it. The reference is kept for the process's lifetime (extension modules are never
/// unloaded). Needs the GIL. \throws py::error_already_set.
PyObject* add_error_class(py::module_& module, const char* name, const std::string& qualified,
                          const char* doc, py::handle bases, const py::dict& defaults);

/// Makes `python_error` (an exception instance) the pending Python exception, as an
/// exception translator must. Needs the GIL.
void raise_error_object(const py::object& python_error);

}  // namespace odoobridge::python
