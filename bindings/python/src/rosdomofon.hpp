#pragma once
/// \file
/// What the RosDomofon binding files share: their registration functions (called by
/// `register_rosdomofon` on the submodule `odoobridge._native.rosdomofon`, re-exported by
/// the pure-Python module `odoobridge.rosdomofon`), phone arguments, the Python exception of
/// a RosDomofon error, and the logger that callback exceptions are reported to.

#include <pybind11/pybind11.h>

#include <chrono>
#include <exception>
#include <odoobridge/rosdomofon/phone.hpp>
#include <string>

namespace odoobridge::python::rd {

namespace py = pybind11;
namespace rosdomofon = odoobridge::rosdomofon;

/// The public module the classes are shown in.
inline constexpr const char* kModule = "odoobridge.rosdomofon";

/// `parent` is odoobridge._native, whose classes the RosDomofon exceptions derive from.
void register_errors(py::module_& parent, py::module_& module);
void register_records(py::module_& module);
void register_client(py::module_& module);
void register_settings(py::module_& module);
void register_producer(py::module_& module);
void register_consumer(py::module_& module);
void register_testing(py::module_& module);

/// A phone from a `Phone`, a str (what a person types) or an int (79061234567).
/// \throws PhoneNumberError for a value that is no RosDomofon phone; TypeError for other
///         types (bool included). Needs the GIL.
[[nodiscard]] rosdomofon::Phone phone_of(py::handle value, const char* what);

/// The Python exception instance for a RosDomofon error (`rosdomofon::ServerError`,
/// `PhoneNumberError`, `KafkaError`, `HandlerFailedError` and their subclasses), or an
/// empty object for any other exception. Needs the GIL.
[[nodiscard]] py::object exception_object(const std::exception_ptr& error);

/// Logs the Python exception being handled (in a `catch (py::error_already_set&)`) on the
/// logger "odoobridge.rosdomofon" with its traceback, as the C++ consumer and producer log
/// the exceptions of their callbacks. Needs the GIL; never throws.
void log_callback_error(py::error_already_set& error, const std::string& what) noexcept;

/// True once the interpreter is shutting down: callbacks on librdkafka's threads must not
/// take the GIL then.
[[nodiscard]] inline bool python_finalizing() noexcept {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing() != 0;
#else
    return _Py_IsFinalizing() != 0;
#endif
}

/// Resets `pointer` (a smart pointer to a Kafka object whose destructor waits for
/// librdkafka threads that may need the GIL) with the GIL released if this thread holds it.
template <class Pointer>
void reset_without_gil(Pointer& pointer) noexcept {
    if (PyGILState_Check() != 0) {
        py::gil_scoped_release release;
        pointer.reset();
    } else {
        pointer.reset();
    }
}

/// A positive duration from seconds. \throws ConfigurationError naming `name` otherwise.
[[nodiscard]] std::chrono::milliseconds seconds_option(double seconds, const char* name,
                                                       bool allow_zero = false);

}  // namespace odoobridge::python::rd
