#pragma once
/// \file
/// Bitrix24 records (described structs of bitrix24/*.hpp) as Python classes: one attribute
/// per member, under the member's wire name (`User.EMAIL`, `Task.responsibleId`; a Python
/// keyword gets a trailing '_': `NewCalendarEvent.from_`). Keyword arguments and dicts of
/// fields take either spelling:
///
/// | C++ member                | Python attribute                             |
/// |---------------------------|----------------------------------------------|
/// | bool, integers, double    | bool, int, float                             |
/// | std::string               | str                                          |
/// | std::vector<std::int64_t> | list[int] (a copy: assign a new list)        |
/// | described enum            | str, its key ("user", "company_calendar")    |
/// | json                      | dict, list ... as the portal takes it        |
/// | std::optional<M>          | M or None                                    |
///
/// Assigning (and the constructor's keyword arguments) accepts those types and the portal's
/// spellings (Bitrix24 dialect: "42" for an int, "Y"/"N" for a flag); anything else raises
/// TypeError naming the record, the field and what it takes. Everything needs the GIL.

#include <boost/describe.hpp>
#include <boost/mp11.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <odoobridge/core/codec.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bindings.hpp"
#include "bitrix24.hpp"
#include "convert.hpp"

namespace odoobridge::python::bitrix24 {

namespace record_detail {

using core::codec_detail::IsOptional;
using core::codec_detail::IsVector;

}  // namespace record_detail

/// The Python annotation of member type `M`, e.g. "int | None".
template <class M>
std::string annotation_of() {
    using namespace record_detail;
    if constexpr (IsOptional<M>::value) {
        return annotation_of<typename M::value_type>() + " | None";
    } else if constexpr (IsVector<M>::value) {
        return "list[" + annotation_of<typename M::value_type>() + "]";
    } else if constexpr (std::is_same_v<M, bool>) {
        return "bool";
    } else if constexpr (std::is_integral_v<M>) {
        return "int";
    } else if constexpr (std::is_floating_point_v<M>) {
        return "float";
    } else if constexpr (std::is_same_v<M, std::string>) {
        return "str";
    } else if constexpr (core::DescribedEnum<M>) {
        std::string keys;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<M>>([&](auto d) {
            keys += (keys.empty() ? "'" : ", '") + std::string(core::enum_wire_key(d.value)) + "'";
        });
        return "Literal[" + keys + "]";
    } else {
        return "Any";
    }
}

/// The Python value of a member (plain JSON types: flags are bool, not "Y"/"N").
template <class M>
py::object to_python(const M& value) {
    return from_json(core::encode_value<core::JsonDialect>(value));
}

/// Converts `value` into `out` (Bitrix24 dialect); `where` names the field in errors.
/// \throws TypeError (or ValueError/OverflowError from the JSON conversion) naming `where`;
///         `out` is left unchanged then.
template <class M>
void from_python(py::handle value, M& out, const std::string& where) {
    const json wire = to_json(value, where.c_str());
    core::DecodeState state;
    core::JsonValueReader reader(wire, state);
    M converted{};
    core::decode_value<b24::Dialect>(reader, converted);
    if (state.failed)
        throw py::type_error(where + " takes " + annotation_of<M>() + " (" + state.expected +
                             "), not " + py::repr(value).cast<std::string>());
    out = std::move(converted);
}

/// The Python name of a field: its wire name, with '_' appended to a Python keyword
/// (`NewCalendarEvent.from_` is the parameter "from"), as core's wire names drop it.
inline std::string python_name(std::string_view wire) {
    static constexpr std::string_view keywords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    for (const std::string_view keyword : keywords)
        if (keyword == wire) return std::string(wire) + "_";
    return std::string(wire);
}

/// Calls `f(descriptor)` for the member of `T` whose Python or wire name is `name`; false
/// when none.
template <class T, class F>
bool with_member(std::string_view name, F&& f) {
    bool found = false;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        if (!found &&
            (core::wire_name(d.name) == name || python_name(core::wire_name(d.name)) == name)) {
            found = true;
            f(d);
        }
    });
    return found;
}

template <class T>
[[noreturn]] void unknown_field(const char* record, py::handle key) {
    std::string names;
    for (const std::string& name : core::field_names<T>())
        names += (names.empty() ? "" : ", ") + python_name(name);
    throw py::type_error(std::string(record) + " has no field " +
                         py::repr(key).cast<std::string>() + "; its fields are " + names);
}

/// Sets the fields of `record` from a dict of field values. \throws TypeError.
template <class T>
void assign_fields(T& record, py::handle values, const char* name) {
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(values)) {
        if (!PyUnicode_Check(key.ptr())) unknown_field<T>(name, key);
        const std::string field = py::cast<std::string>(key);
        const bool known = with_member<T>(field, [&](auto d) {
            from_python(value, record.*d.pointer, std::string(name) + "." + field);
        });
        if (!known) unknown_field<T>(name, key);
    }
}

/// `value` as a `T`: an instance of its Python class, or a dict of field values (the
/// others keep their defaults). \throws TypeError for anything else.
template <class T>
T record_of(py::handle value, const char* name) {
    if (py::isinstance<T>(value)) return value.cast<T>();
    if (!PyDict_Check(value.ptr()))
        throw py::type_error(std::string("expected a ") + name + " or a dict of its fields, not " +
                             Py_TYPE(value.ptr())->tp_name);
    T record{};
    assign_fields(record, value, name);
    return record;
}

/// The changes of a dict of field values, for an update. \throws TypeError for a non-dict,
/// an unknown field or a value its field cannot hold; odoobridge.ConfigurationError for `id`.
template <class T>
core::Partial<T, b24::Dialect> partial_of(py::handle values, const char* name) {
    core::Partial<T, b24::Dialect> partial;
    if (!PyDict_Check(values.ptr()))
        throw py::type_error(std::string(name) + " changes must be a dict of field values, not " +
                             Py_TYPE(values.ptr())->tp_name);
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(values)) {
        if (!PyUnicode_Check(key.ptr())) unknown_field<T>(name, key);
        const std::string field = py::cast<std::string>(key);
        const bool known = with_member<T>(field, [&](auto d) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
            M converted{};
            from_python(value, converted, std::string(name) + "." + field);
            partial.set(d.pointer, std::move(converted));
        });
        if (!known) unknown_field<T>(name, key);
    }
    return partial;
}

/// Every field of `record` as Python values, in declaration order.
template <class T>
py::dict dict_of(const T& record) {
    py::dict out;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        out[python_name(core::wire_name(d.name)).c_str()] = to_python(record.*d.pointer);
    });
    return out;
}

/// Binds `T` as the Python class `name` of `module`, shown as `odoobridge.bitrix24.<name>`.
template <class T>
py::class_<T> bind_record(py::module_& module, const char* name, const char* doc) {
    py::class_<T> cls(module, name, doc);
    cls.def(py::init([name](py::kwargs fields) {
                T record{};
                assign_fields(record, fields, name);
                return record;
            }),
            "A record; keyword arguments set fields, the others keep their defaults.");
    py::dict annotations;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
        const std::string field = python_name(core::wire_name(d.name));
        const std::string where = std::string(name) + "." + field;
        cls.def_property(
            field.c_str(), [](const T& record) { return to_python(record.*decltype(d)::pointer); },
            [where](T& record, py::handle value) {
                from_python(value, record.*decltype(d)::pointer, where);
            },
            ("Bitrix24 field `" + std::string(core::wire_name(d.name)) + "`: " + annotation_of<M>())
                .c_str());
        annotations[field.c_str()] = annotation_of<M>();
    });
    cls.attr("__annotations__") = annotations;
    py::list fields;
    for (const std::string& name : core::field_names<T>()) fields.append(python_name(name));
    cls.attr("fields") = py::tuple(fields);
    cls.def_static(
           "from_dict",
           [name](py::handle values) {
               if (!PyDict_Check(values.ptr()))
                   throw py::type_error(std::string(name) + ".from_dict takes a dict, not " +
                                        Py_TYPE(values.ptr())->tp_name);
               return b24::from_json<T>(to_json(values, "values"));
           },
           py::arg("values"),
           "The record of a dict as the portal sends it (numbers as strings, \"Y\"/\"N\" "
           "flags ...). Raises odoobridge.DecodeError naming the field that does not fit.")
        .def("to_dict", &dict_of<T>, "Every field as Python values.")
        .def("__eq__",
             [](const T& a, py::handle b) {
                 if (!py::isinstance<T>(b)) return false;
                 const T& other = b.cast<const T&>();
                 return core::encode_object<core::JsonDialect>(a, true) ==
                        core::encode_object<core::JsonDialect>(other, true);
             })
        .def("__copy__", [](const T& record) { return T(record); })
        .def(
            "__deepcopy__", [](const T& record, py::handle) { return T(record); }, py::arg("memo"))
        .def("__repr__", [name](const T& record) {
            std::string text = std::string(name) + "(";
            bool first = true;
            for (auto [key, value] : dict_of(record)) {
                text += (first ? "" : ", ") + std::string(py::str(key)) + "=" +
                        std::string(py::repr(value));
                first = false;
            }
            return text + ")";
        });
    cls.attr("__hash__") = py::none();
    cls.attr("__module__") = kPublicModule;
    return cls;
}

}  // namespace odoobridge::python::bitrix24
