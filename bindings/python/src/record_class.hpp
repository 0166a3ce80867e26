#pragma once
/// \file
/// `bind_record<T>`: a described record struct as a Python class (attributes per field, see
/// record.hpp), and `partial_of<T>`: a dict of field values as an `odoo::Partial<T>`.

#include <boost/describe.hpp>
#include <boost/mp11.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <string>
#include <string_view>

#include "bindings.hpp"
#include "record.hpp"

namespace odoobridge::python {

/// Calls `f(descriptor)` for the member of `T` whose wire name is `name`; false when none.
template <class T, class F>
bool with_member(std::string_view name, F&& f) {
    bool found = false;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        if (!found && core::wire_name(d.name) == name) {
            found = true;
            f(d);
        }
    });
    return found;
}

/// "id, name, price, ...": the field names of `T`, for error messages.
template <class T>
std::string field_list() {
    std::string names;
    for (const std::string& name : odoo::field_names<T>())
        names += (names.empty() ? "" : ", ") + name;
    return names;
}

template <class T>
[[noreturn]] void unknown_field(const char* record, py::handle key) {
    throw py::type_error(std::string(record) + " has no field " +
                         py::repr(key).cast<std::string>() + "; its fields are " + field_list<T>());
}

/// The field values of `values` (a dict: field name → Python value, None = empty) as a
/// partial write of `T`. \throws TypeError for a non-dict, an unknown field or a value
/// its field cannot hold; odoobridge.ConfigurationError for `id`.
template <class T>
odoo::Partial<T> partial_of(py::handle values, const char* record) {
    odoo::Partial<T> partial;
    if (values.is_none()) return partial;
    if (!PyDict_Check(values.ptr()))
        throw py::type_error(std::string(record) + " values must be a dict of field values, not " +
                             Py_TYPE(values.ptr())->tp_name);
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(values)) {
        if (!PyUnicode_Check(key.ptr())) unknown_field<T>(record, key);
        const std::string name = py::cast<std::string>(key);
        const bool known = with_member<T>(name, [&](auto d) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
            M converted{};
            from_python(value, converted, std::string(record) + "." + name);
            partial.set(d.pointer, std::move(converted));
        });
        if (!known) unknown_field<T>(record, key);
    }
    return partial;
}

/// Binds `T` as the Python class `name` of `module`, shown as `odoobridge.models.<name>`.
template <class T>
py::class_<T> bind_record(py::module_& module, const char* name, const char* doc) {
    py::class_<T> cls(module, name, doc);
    cls.def(py::init([name](py::kwargs fields) {
                T record{};
                for (auto [key, value] : fields) {
                    const std::string field = py::cast<std::string>(key);
                    const bool known = with_member<T>(field, [&](auto d) {
                        from_python(value, record.*d.pointer, std::string(name) + "." + field);
                    });
                    if (!known) unknown_field<T>(name, key);
                }
                return record;
            }),
            "A record; keyword arguments set fields, the others keep their defaults.");
    py::dict annotations;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
        const std::string field(core::wire_name(d.name));
        const std::string where = std::string(name) + "." + field;
        cls.def_property(
            field.c_str(), [](const T& record) { return to_python(record.*decltype(d)::pointer); },
            [where](T& record, py::handle value) {
                from_python(value, record.*decltype(d)::pointer, where);
            },
            ("Odoo field `" + field + "`: " + annotation_of<M>()).c_str());
        annotations[field.c_str()] = annotation_of<M>();
    });
    cls.attr("__annotations__") = annotations;
    cls.attr("odoo_model") = std::string(odoo::model_name<T>());
    cls.attr("fields") = py::tuple(py::cast(odoo::field_names<T>()));
    cls.def_static(
           "from_dict",
           [](py::handle values) { return odoo::record_from_json<T>(to_json(values, "values")); },
           py::arg("values"),
           "The record of a dict as Odoo sends it (a read or search_read result). Raises "
           "DecodeError naming the field that does not fit.")
        .def_static(
            "decode_json",
            [](py::handle data) {
                const std::string_view text = text_view(data, "data");  // `data` outlives it
                return without_gil([&] { return odoo::decode_records<T>(text); });
            },
            py::arg("data"),
            "The records of JSON text holding a list of records (the body of a JSON-2 "
            "search_read, say), decoded straight from the bytes: no Python dicts in between. "
            "Raises MalformedResponseError or DecodeError.")
        .def(
            "to_values", [](const T& record) { return from_json(odoo::to_values(record)); },
            "The values Odoo takes to create this record (every field but id, wire form).")
        .def(
            "to_dict",
            [](const T& record) {
                py::dict out;
                boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
                    out[std::string(core::wire_name(d.name)).c_str()] =
                        to_python(record.*d.pointer);
                });
                return out;
            },
            "Every field (id included) as Python values.")
        .def("__eq__", [](const T& a, const T& b) { return a == b; })
        .def("__copy__", [](const T& record) { return T(record); })
        .def(
            "__deepcopy__", [](const T& record, py::handle) { return T(record); }, py::arg("memo"))
        .def("__repr__", [name](const T& record) {
            std::string text = std::string(name) + "(id=" + std::to_string(record.id);
            with_member<T>("name", [&](auto d) {
                text +=
                    ", name=" + py::repr(to_python(record.*d.pointer)).template cast<std::string>();
            });
            return text + ")";
        });
    cls.attr("__hash__") = py::none();
    cls.attr("__module__") = "odoobridge.models";
    return cls;
}

}  // namespace odoobridge::python
