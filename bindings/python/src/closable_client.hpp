#pragma once
/// \file
/// The connection behind one Python client object (odoobridge.odoo.Client,
/// odoobridge.bitrix24.Client, odoobridge.rosdomofon.Client), shared with the models,
/// streams and iterators made from it, and closed by `close()` or a `with` block's end.

#include <pybind11/pybind11.h>

#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace odoobridge::python {

/// Holds a C++ client (`C`: odoo::Client, bitrix24::Client, rosdomofon::Client: cheap,
/// reference-counted copies) until `close()`. Calls already running when it closes finish;
/// later ones raise ValueError. Thread-safe.
template <class C>
class ClosableClient {
public:
    /// `python_class` names the Python class in the "is closed" message
    /// ("odoobridge.odoo.Client"); it must outlive the object (a string literal).
    ClosableClient(C client, const char* python_class)
        : client_(std::move(client)), python_class_(python_class) {}

    /// A copy of the client, for one call.
    /// \throws ValueError (pybind11::value_error) when the client was closed.
    [[nodiscard]] C client() const {
        std::lock_guard lock(mutex_);
        if (!client_)
            throw pybind11::value_error(
                "this " + std::string(python_class_) +
                " is closed (close() or the end of its `with` block); create a new Client "
                "to make more calls");
        return *client_;
    }

    /// Releases the client: its connections close once running calls are done. Idempotent.
    void close() noexcept {
        std::optional<C> released;  // destroyed after the lock is let go
        std::lock_guard lock(mutex_);
        released.swap(client_);
    }

    [[nodiscard]] bool closed() const {
        std::lock_guard lock(mutex_);
        return !client_.has_value();
    }

private:
    mutable std::mutex mutex_;
    std::optional<C> client_;
    const char* python_class_;
};

}  // namespace odoobridge::python
