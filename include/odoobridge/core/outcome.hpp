#pragma once
/// \file
/// `Outcome<T>`: the result of one of several independent operations run together — a
/// value or the exception that operation raised.

#include <exception>
#include <stdexcept>
#include <utility>
#include <variant>

namespace odoobridge::core {

/// Holds either a `T` or the exception raised while producing it.
/// Not thread-safe for concurrent mutation; safe to read from several threads.
template <class T>
class Outcome {
public:
    Outcome(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
    Outcome(std::exception_ptr error) : state_(std::move(error)) {  // NOLINT
        if (!std::get<std::exception_ptr>(state_))
            throw std::invalid_argument("Outcome: a failed outcome needs a non-null exception");
    }

    /// True when a value is held.
    [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(state_); }

    /// The value; rethrows the held exception when the operation failed.
    [[nodiscard]] T& value() & {
        if (!ok()) std::rethrow_exception(std::get<std::exception_ptr>(state_));
        return std::get<T>(state_);
    }
    [[nodiscard]] const T& value() const& {
        if (!ok()) std::rethrow_exception(std::get<std::exception_ptr>(state_));
        return std::get<T>(state_);
    }
    [[nodiscard]] T&& value() && {
        if (!ok()) std::rethrow_exception(std::get<std::exception_ptr>(state_));
        return std::get<T>(std::move(state_));
    }

    /// The held exception, or null when a value is held.
    [[nodiscard]] std::exception_ptr error() const noexcept {
        return ok() ? nullptr : std::get<std::exception_ptr>(state_);
    }

private:
    std::variant<T, std::exception_ptr> state_;
};

}  // namespace odoobridge::core
