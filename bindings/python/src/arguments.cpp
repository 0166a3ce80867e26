// The argument helpers of convert.hpp: ids, field names, domains, search options, dicts
// and lists of keyword arguments, JSON text.

#include <string>
#include <utility>

#include "convert.hpp"

namespace odoobridge::python {

std::string_view text_view(py::handle data, const char* what) {
    if (PyBytes_Check(data.ptr()))
        return {PyBytes_AS_STRING(data.ptr()),
                static_cast<std::size_t>(PyBytes_GET_SIZE(data.ptr()))};
    if (PyUnicode_Check(data.ptr())) {
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(data.ptr(), &size);
        if (text == nullptr) throw py::error_already_set();
        return {text, static_cast<std::size_t>(size)};
    }
    throw py::type_error(std::string(what) + " must be bytes or str (JSON text), not " +
                         type_name(data));
}

json object_or_empty(py::handle value, const char* what) {
    if (value.is_none()) return json::object();
    if (!PyDict_Check(value.ptr()))
        throw py::type_error(std::string(what) + " must be a dict, not " + type_name(value));
    return to_json(value, what);
}

json array_or_empty(py::handle value, const char* what) {
    if (value.is_none()) return json::array();
    if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr()))
        throw py::type_error(std::string(what) +
                             " must be a list (the positional arguments), "
                             "not " +
                             type_name(value));
    return to_json(value, what);
}

std::vector<odoo::Id> ids_of(py::handle value, const char* what) {
    const auto one = [&](py::handle item) -> odoo::Id {
        if (PyBool_Check(item.ptr()) || !PyLong_Check(item.ptr()))
            throw py::type_error(std::string(what) + " must be record ids (int), but holds " +
                                 py::repr(item).cast<std::string>() + " (" + type_name(item) + ")");
        return item.cast<odoo::Id>();
    };
    if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) return {one(value)};
    if (PyUnicode_Check(value.ptr()) || !py::isinstance<py::iterable>(value))
        throw py::type_error(std::string(what) + " must be an int or a list of ints, not " +
                             type_name(value));
    std::vector<odoo::Id> ids;
    for (py::handle item : value) ids.push_back(one(item));
    return ids;
}

std::vector<std::string> names_of(py::handle value, const char* what) {
    if (value.is_none()) return {};
    if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr()))
        throw py::type_error(
            std::string(what) + " must be a list of field names, not " + type_name(value) +
            (PyUnicode_Check(value.ptr())
                 ? "; write [" + py::repr(value).cast<std::string>() + "] for one name"
                 : std::string()));
    std::vector<std::string> names;
    for (py::handle item : value) {
        if (!PyUnicode_Check(item.ptr()))
            throw py::type_error(std::string(what) + " must hold field names (str), but holds " +
                                 py::repr(item).cast<std::string>());
        names.push_back(utf8(item));
    }
    return names;
}

odoo::Domain domain_of(py::handle value) {
    if (value.is_none()) return {};
    if (py::isinstance<odoo::Domain>(value)) return value.cast<odoo::Domain>();
    if (py::isinstance<odoo::Field>(value)) return odoo::Domain(value.cast<odoo::Field>());
    if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr()))
        return odoo::Domain::raw(to_json(value, "domain"));
    throw py::type_error(
        "domain must be a Domain (built with F), a list in Odoo's prefix "
        "notation or None, not " +
        type_name(value));
}

odoo::SearchOptions search_options(std::optional<int> limit, int offset,
                                   std::optional<std::string> order, py::handle context) {
    odoo::SearchOptions options;
    options.limit = limit;
    options.offset = offset;
    options.order = order.value_or("");
    options.context = object_or_empty(context, "context");
    return options;
}

}  // namespace odoobridge::python
