#pragma once
/// \file
/// `PyStream<V>`: a Python iterator over an `odoo::Stream<V>` (json records of a Model, typed
/// records of a typed model); pages are fetched with the GIL released.

#include <cstddef>
#include <memory>
#include <odoobridge/odoo/model/stream.hpp>
#include <optional>
#include <type_traits>
#include <utility>

#include "bindings.hpp"
#include "convert.hpp"
#include "generator_state.hpp"

namespace odoobridge::python {

/// One walk over a stream; single pass, like a generator. Use from one thread at a time
/// (a second thread gets ValueError, as with a running generator).
template <class V>
class PyStream {
public:
    PyStream(std::shared_ptr<Session> session, odoo::Stream<V> stream)
        : session_(std::move(session)), stream_(std::move(stream)) {}

    /// The next record. \throws StopIteration at the end or after an error; ValueError
    ///         when the client was closed or another thread is iterating.
    py::object next() {
        state_.fetch([&] { (void)session_->client(); },  // a closed client's stream stops too
                     [&] { step_forward(stream_, position_); });
        if (*position_ == std::default_sentinel) state_.stop();
        if constexpr (std::is_same_v<V, json>)
            return from_json(**position_);
        else
            return py::cast(std::move(**position_));
    }

    [[nodiscard]] std::size_t pages_fetched() const noexcept { return stream_.pages_fetched(); }

    /// Binds this class as `name`, shown as a class of `public_module`.
    static void bind(py::module_& module, const char* name,
                     const char* public_module = "odoobridge.odoo") {
        py::class_<PyStream>(module, name, R"(Every record matching a domain, in ascending id order.

Pages of `batch` records are fetched lazily (search_read with an id cursor), so memory stays
one page whatever the size of the result. Iterate it once.)")
            .def("__iter__", [](py::object self) { return self; })
            .def("__next__", &PyStream::next)
            .def_property_readonly("pages_fetched", &PyStream::pages_fetched,
                                   "The number of pages fetched so far.")
            .attr("__module__") = public_module;
    }

private:
    std::shared_ptr<Session> session_;
    odoo::Stream<V> stream_;
    std::optional<typename odoo::Stream<V>::iterator> position_;
    GeneratorState state_{"stream"};
};

}  // namespace odoobridge::python
