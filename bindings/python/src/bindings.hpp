#pragma once
/// \file
/// What the binding files share: the registration functions, the session behind a Python
/// `Client` (and the models it hands out), and the GIL-free call helper.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/client.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "closable_client.hpp"

namespace odoobridge::python {

namespace py = pybind11;

void register_domain(py::module_& module);
void register_client(py::module_& module);
void register_model(py::module_& module);
void register_models(py::module_& module);
void register_bitrix24(py::module_& module);
void register_rosdomofon(py::module_& module);

/// The connection of one Python `odoobridge.odoo.Client`, shared with its models and streams.
using Session = ClosableClient<odoo::Client>;

/// The session of a Python `odoobridge.odoo.Client`. \throws TypeError for anything else.
[[nodiscard]] std::shared_ptr<Session> session_of(py::handle client);

/// Raises the Python exception a signal handler left pending during a GIL-free call.
inline void raise_pending_signal() {
    if (PyErr_Occurred() != nullptr) throw py::error_already_set();
}

/// Runs `work` (a blocking C++ call that must not touch Python objects) with the GIL
/// released, so other Python threads run meanwhile. When Ctrl-C interrupted the call (see
/// interrupt.hpp), the pending KeyboardInterrupt is raised instead of CancelledError, and
/// instead of the result of a call that completed anyway (execute_many keeps per-call
/// errors in its outcomes).
template <class Work>
auto without_gil(Work&& work) -> decltype(work()) {
    using Result = decltype(work());
    try {
        if constexpr (std::is_void_v<Result>) {
            {
                py::gil_scoped_release release;
                work();
            }
            raise_pending_signal();
        } else {
            Result result = [&] {
                py::gil_scoped_release release;
                return work();
            }();
            raise_pending_signal();
            return result;
        }
    } catch (const CancelledError&) {
        raise_pending_signal();
        throw;
    }
}

}  // namespace odoobridge::python
