#pragma once
/// \file
/// The generator-like rules every Python iterator over lazily fetched C++ data follows
/// (odoo streams, Bitrix24 lists, RosDomofon message pages): one pass, one thread at a
/// time, fetches with the GIL released, and an exception ends the iteration.

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <type_traits>

#include "bindings.hpp"

namespace odoobridge::python {

/// The state of one Python iterator. Only used with the GIL held.
class GeneratorState {
public:
    /// `what` names the iterator in messages ("stream", "list"); a string literal.
    explicit GeneratorState(const char* what) noexcept : what_(what) {}

    /// Runs `check()` with the GIL held, then `step()` with it released, and returns what
    /// `step` returns.
    /// \throws StopIteration when the iteration has ended; ValueError while another thread is
    ///         inside a fetch of this iterator; whatever `check` throws (the iteration goes
    ///         on); whatever `step` throws, after ending the iteration (like a generator).
    template <class Check, class Step>
    auto fetch(Check&& check, Step&& step) -> decltype(step()) {
        if (busy_)
            throw py::value_error("this " + std::string(what_) +
                                  " is already being iterated by another thread");
        if (done_) throw py::stop_iteration();
        check();
        busy_ = true;
        try {
            if constexpr (std::is_void_v<decltype(step())>) {
                without_gil(step);
                busy_ = false;
            } else {
                auto result = without_gil(step);
                busy_ = false;
                return result;
            }
        } catch (...) {
            busy_ = false;
            done_ = true;
            throw;
        }
    }

    /// Ends the iteration. \throws StopIteration always.
    [[noreturn]] void stop() {
        done_ = true;
        throw py::stop_iteration();
    }

private:
    const char* what_;
    bool busy_ = false;
    bool done_ = false;
};

/// Moves `position` to the next element of `range`, or to its first one on the first call.
/// For the `step` of GeneratorState::fetch over a lazily paged range (it may fetch a page).
template <class Range, class Iterator>
void step_forward(Range& range, std::optional<Iterator>& position) {
    if (!position)
        position = range.begin();
    else
        ++*position;
}

}  // namespace odoobridge::python
