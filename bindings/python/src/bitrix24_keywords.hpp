#pragma once
/// \file
/// `Keywords`: reads a constructor's keyword arguments one by one, checking each one's type.
/// Errors name the keyword and the type received, never the value (values may be secrets),
/// and `finish()` refuses the keywords nobody read. Needs the GIL.

#include <pybind11/pybind11.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <odoobridge/core/errors.hpp>
#include <optional>
#include <string>

#include "convert.hpp"

namespace odoobridge::python::bitrix24 {

class Keywords {
public:
    explicit Keywords(const py::kwargs& kwargs) : remaining_(py::dict(kwargs)) {}

    /// The keyword's value, removed from the remaining ones; None when not given.
    [[nodiscard]] py::object object(const char* name) {
        if (!remaining_.contains(name)) return py::none();
        py::object value = remaining_[name];
        PyDict_DelItemString(remaining_.ptr(), name);
        return value;
    }

    /// A str keyword, or nullopt when not given (or None). \throws TypeError.
    [[nodiscard]] std::optional<std::string> text(const char* name) {
        const py::object value = object(name);
        if (value.is_none()) return std::nullopt;
        if (!PyUnicode_Check(value.ptr())) wrong_type(name, "a str", value);
        return utf8(value);
    }

    /// An int keyword. \throws TypeError (bools too), OverflowError.
    [[nodiscard]] int integer(const char* name, int fallback) {
        const py::object value = object(name);
        if (value.is_none()) return fallback;
        if (PyBool_Check(value.ptr()) || !PyLong_Check(value.ptr()))
            wrong_type(name, "an int", value);
        return value.cast<int>();
    }

    /// A non-negative int keyword as a size. \throws TypeError, OverflowError.
    [[nodiscard]] std::size_t size(const char* name, std::size_t fallback) {
        const py::object value = object(name);
        if (value.is_none()) return fallback;
        if (PyBool_Check(value.ptr()) || !PyLong_Check(value.ptr()))
            wrong_type(name, "an int", value);
        return value.cast<std::size_t>();
    }

    /// A float (or int) keyword. \throws TypeError.
    [[nodiscard]] double number(const char* name, double fallback) {
        const py::object value = object(name);
        if (value.is_none()) return fallback;
        if (PyBool_Check(value.ptr()) ||
            (!PyFloat_Check(value.ptr()) && !PyLong_Check(value.ptr())))
            wrong_type(name, "a number", value);
        return value.cast<double>();
    }

    /// A bool keyword. \throws TypeError.
    [[nodiscard]] bool flag(const char* name, bool fallback) {
        const py::object value = object(name);
        if (value.is_none()) return fallback;
        if (!PyBool_Check(value.ptr())) wrong_type(name, "a bool", value);
        return value.ptr() == Py_True;
    }

    /// A number of seconds as milliseconds (rounded up).
    /// \throws TypeError; ConfigurationError for a negative, non-finite or (unless
    ///         `zero_ok`) zero value.
    [[nodiscard]] std::chrono::milliseconds duration(const char* name, double fallback,
                                                     bool zero_ok = false) {
        const double seconds = number(name, fallback);
        if (!std::isfinite(seconds) || seconds < 0 || (seconds == 0 && !zero_ok))
            throw ConfigurationError(std::string(name) + "=" + std::to_string(seconds) +
                                     " is not " + (zero_ok ? "a non-negative" : "a positive") +
                                     " number of seconds");
        return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
    }

    /// \throws TypeError naming the keywords that were not read.
    void finish() const {
        if (remaining_.empty()) return;
        std::string names;
        for (auto [key, value] : remaining_)
            names += (names.empty() ? "" : ", ") + py::str(key).cast<std::string>();
        throw py::type_error("Client() got unexpected keyword arguments: " + names +
                             " (see help(odoobridge.bitrix24.Client) for the known ones)");
    }

private:
    py::dict remaining_;

    [[noreturn]] static void wrong_type(const char* name, const char* expected, py::handle value) {
        throw py::type_error(std::string("Client(") + name + "=...) must be " + expected +
                             ", not " + type_name(value));
    }
};

}  // namespace odoobridge::python::bitrix24
