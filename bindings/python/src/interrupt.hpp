#pragma once
/// \file
/// Ctrl-C for blocking calls: the `TransportOptions::cancel` hook of every Python client.

#include <functional>

namespace odoobridge::python {

/// Remembers the interpreter's main thread (Python runs signal handlers there only). Call
/// once, at import, with the GIL held.
void init_interrupt();

/// The cancel hook: on the main thread, at most every 50 ms, takes the GIL and runs
/// Python's pending signal handlers (`PyErr_CheckSignals`). It returns true once a handler
/// raised (KeyboardInterrupt from the default SIGINT handler) and keeps returning true while
/// that exception is pending, so every transfer of the call stops; the binding then raises
/// the pending exception. On other threads it returns false without touching Python.
/// Thread-safe; never throws.
[[nodiscard]] std::function<bool()> interrupt_check();

}  // namespace odoobridge::python
