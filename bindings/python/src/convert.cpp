// Python values ⇄ json (see convert.hpp for the mapping).

#include "convert.hpp"

#include <datetime.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <odoobridge/core/codec/base64.hpp>
#include <span>
#include <string_view>
#include <utility>

namespace odoobridge::python {

namespace {

/// A value that cannot be sent; `path` grows as the error unwinds (`[0]['price']`).
struct BadValue {
    PyObject* kind;  // PyExc_TypeError, PyExc_ValueError or PyExc_OverflowError
    std::string message;
    std::string path;
};

[[noreturn]] void bad(PyObject* kind, std::string message) {
    throw BadValue{kind, std::move(message), {}};
}

void ensure_datetime_api() {
    if (PyDateTimeAPI == nullptr) {
        PyDateTime_IMPORT;
        if (PyDateTimeAPI == nullptr) throw py::error_already_set();
    }
}

std::string format_date_parts(int year, int month, int day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

/// Naive UTC text of a datetime (aware values converted to UTC first).
std::string datetime_text(py::handle value) {
    py::object utc = py::reinterpret_borrow<py::object>(value);
    if (!value.attr("utcoffset")().is_none())
        utc = value.attr("astimezone")(py::handle(PyDateTime_TimeZone_UTC));
    PyObject* v = utc.ptr();
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", PyDateTime_GET_YEAR(v),
                  PyDateTime_GET_MONTH(v), PyDateTime_GET_DAY(v), PyDateTime_DATE_GET_HOUR(v),
                  PyDateTime_DATE_GET_MINUTE(v), PyDateTime_DATE_GET_SECOND(v));
    return text;
}

json integer(py::handle value) {
    int overflow = 0;
    const long long number = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow == 0) {
        if (number == -1 && PyErr_Occurred()) throw py::error_already_set();
        return json(static_cast<std::int64_t>(number));
    }
    if (overflow > 0) {
        const unsigned long long big = PyLong_AsUnsignedLongLong(value.ptr());
        if (!(big == static_cast<unsigned long long>(-1) && PyErr_Occurred()))
            return json(static_cast<std::uint64_t>(big));
        PyErr_Clear();
    }
    bad(PyExc_OverflowError, "the integer " + py::str(value).cast<std::string>() +
                                 " does not fit in 64 bits, and JSON-RPC and XML-RPC carry no "
                                 "larger integers; send it as a str or a float");
}

json binary(py::handle value) {
    Py_buffer view;
    if (PyObject_GetBuffer(value.ptr(), &view, PyBUF_SIMPLE) != 0) throw py::error_already_set();
    const std::span<const std::uint8_t> bytes(static_cast<const std::uint8_t*>(view.buf),
                                              static_cast<std::size_t>(view.len));
    std::string text = core::base64_encode(bytes);
    PyBuffer_Release(&view);
    return json(std::move(text));
}

json convert(py::handle value);

json convert_sequence(py::handle value, bool is_list) {
    const Py_ssize_t size = is_list ? PyList_GET_SIZE(value.ptr()) : PyTuple_GET_SIZE(value.ptr());
    json out = json::array();
    out.get_ref<json::array_t&>().reserve(static_cast<std::size_t>(size));
    for (Py_ssize_t i = 0; i < size; ++i) {
        PyObject* item =
            is_list ? PyList_GET_ITEM(value.ptr(), i) : PyTuple_GET_ITEM(value.ptr(), i);
        try {
            out.push_back(convert(item));
        } catch (BadValue& error) {
            error.path.insert(0, "[" + std::to_string(i) + "]");
            throw;
        }
    }
    return out;
}

json convert_dict(py::handle value) {
    json out = json::object();
    PyObject* key = nullptr;
    PyObject* item = nullptr;
    Py_ssize_t position = 0;
    while (PyDict_Next(value.ptr(), &position, &key, &item)) {
        if (!PyUnicode_Check(key))
            bad(PyExc_TypeError, "a dict key is " + py::repr(key).cast<std::string>() + " (" +
                                     type_name(key) +
                                     "), but Odoo's keys (field names, "
                                     "context keys) are str");
        std::string name = utf8(key);
        try {
            out[name] = convert(item);
        } catch (BadValue& error) {
            error.path.insert(0, "['" + name + "']");
            throw;
        }
    }
    return out;
}

json convert(py::handle value) {
    PyObject* object = value.ptr();
    if (object == Py_None) return nullptr;
    if (PyBool_Check(object)) return object == Py_True;
    if (PyLong_Check(object)) return integer(value);
    if (PyFloat_Check(object)) {
        const double number = PyFloat_AS_DOUBLE(object);
        if (!std::isfinite(number))
            bad(PyExc_ValueError, "the float " + py::repr(value).cast<std::string>() +
                                      " has no JSON or XML-RPC form; send a finite number or None");
        return number;
    }
    if (PyUnicode_Check(object)) return utf8(value);
    if (PyList_Check(object)) return convert_sequence(value, true);
    if (PyDict_Check(object)) return convert_dict(value);
    if (PyTuple_Check(object)) return convert_sequence(value, false);
    if (PyDateTime_Check(object)) return datetime_text(value);
    if (PyDate_Check(object))
        return format_date_parts(PyDateTime_GET_YEAR(object), PyDateTime_GET_MONTH(object),
                                 PyDateTime_GET_DAY(object));
    if (PyBytes_Check(object) || PyByteArray_Check(object) || PyMemoryView_Check(object))
        return binary(value);
    if (py::isinstance<odoo::Domain>(value)) return value.cast<const odoo::Domain&>().to_json();
    bad(PyExc_TypeError, "a " + type_name(value) +
                             " cannot be sent to Odoo; use dict, list, tuple, str, int, float, "
                             "bool, None, datetime.date, datetime.datetime, bytes or Domain");
}

[[noreturn]] void raise(const BadValue& error, const char* what) {
    PyErr_SetString(error.kind, (std::string(what) + error.path + ": " + error.message).c_str());
    throw py::error_already_set();
}

py::object string_object(const std::string& text) {
    PyObject* object =
        PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (object == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(object);
}

}  // namespace

std::string type_name(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

std::string utf8(py::handle text) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return std::string(data, static_cast<std::size_t>(size));
}

json to_json(py::handle value, const char* what) {
    ensure_datetime_api();
    try {
        return convert(value);
    } catch (const BadValue& error) {
        raise(error, what);
    }
}

py::object from_json(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
        case json::value_t::discarded:
            return py::none();
        case json::value_t::boolean:
            return py::bool_(value.get<bool>());
        case json::value_t::number_integer:
            return py::reinterpret_steal<py::object>(
                PyLong_FromLongLong(value.get<std::int64_t>()));
        case json::value_t::number_unsigned:
            return py::reinterpret_steal<py::object>(
                PyLong_FromUnsignedLongLong(value.get<std::uint64_t>()));
        case json::value_t::number_float:
            return py::reinterpret_steal<py::object>(PyFloat_FromDouble(value.get<double>()));
        case json::value_t::string:
            return string_object(value.get_ref<const std::string&>());
        case json::value_t::binary:
            return py::bytes(reinterpret_cast<const char*>(value.get_binary().data()),
                             value.get_binary().size());
        case json::value_t::array: {
            py::list out(value.size());
            std::size_t index = 0;
            for (const json& item : value)
                PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(index++),
                                from_json(item).release().ptr());
            return out;
        }
        case json::value_t::object: {
            py::dict out;
            for (const auto& [key, item] : value.items())
                if (PyDict_SetItem(out.ptr(), string_object(key).ptr(), from_json(item).ptr()) != 0)
                    throw py::error_already_set();
            return out;
        }
    }
    return py::none();
}

py::object date_object(const odoo::Date& date) {
    ensure_datetime_api();
    PyObject* object = PyDate_FromDate(static_cast<int>(date.year()),
                                       static_cast<int>(static_cast<unsigned>(date.month())),
                                       static_cast<int>(static_cast<unsigned>(date.day())));
    if (object == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(object);
}

py::object datetime_object(odoo::Datetime instant) {
    ensure_datetime_api();
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const odoo::Date date{day};
    const std::chrono::hh_mm_ss time{instant - day};
    PyObject* object = PyDateTime_FromDateAndTime(
        static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
        static_cast<int>(static_cast<unsigned>(date.day())), static_cast<int>(time.hours().count()),
        static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()), 0);
    if (object == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(object);
}

}  // namespace odoobridge::python
