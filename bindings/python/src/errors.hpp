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

namespace odoobridge::python {

namespace py = pybind11;

/// Creates the exception classes as attributes of `module` and registers the translator
/// that turns thrown `odoobridge::Error`s into them.
void register_errors(py::module_& module);

/// The Python exception instance for `error` (an `odoobridge::Error`), or an empty object for
/// any other exception. Needs the GIL.
[[nodiscard]] py::object exception_object(const std::exception_ptr& error);

}  // namespace odoobridge::python
