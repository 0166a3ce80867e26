// The Ctrl-C hook of interrupt.hpp.

#include "interrupt.hpp"

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>

namespace odoobridge::python {

namespace {

namespace py = pybind11;

/// How often the main thread takes the GIL to look for signals during a call.
constexpr std::chrono::milliseconds kCheckInterval{50};

std::atomic<unsigned long> main_thread{0};

bool check_main_thread() noexcept {
    thread_local auto last_check = std::chrono::steady_clock::time_point{};
    thread_local bool pending = false;  // an exception was pending at the last check
    const auto now = std::chrono::steady_clock::now();
    // Fast calls never take the GIL; while an exception is pending every transfer of the
    // call (execute_many runs several) is told at once.
    if (!pending && now - last_check < kCheckInterval) return false;
    last_check = now;
    PyGILState_STATE state = PyGILState_Ensure();
    // A handler that already raised leaves its exception pending until the call returns.
    pending = PyErr_Occurred() != nullptr || PyErr_CheckSignals() != 0;
    PyGILState_Release(state);
    return pending;
}

}  // namespace

void init_interrupt() {
    main_thread.store(
        py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>());
}

std::function<bool()> interrupt_check() {
    return []() noexcept {
        if (PyThread_get_thread_ident() != main_thread.load(std::memory_order_relaxed))
            return false;
#if PY_VERSION_HEX >= 0x030D0000
        if (Py_IsFinalizing() != 0) return false;
#else
        if (_Py_IsFinalizing() != 0) return false;
#endif
        return check_main_thread();
    };
}

}  // namespace odoobridge::python
