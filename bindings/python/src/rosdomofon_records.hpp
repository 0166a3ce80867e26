#pragma once
/// \file
/// `bind_record<T>`: a described RosDomofon record (types.hpp, kafka_messages.hpp) as a
/// Python class of odoobridge.rosdomofon. Every member becomes an attribute named as on the
/// wire (`shortName`, `blockReason`, `virtual` ...), converted on access:
///
/// | C++ member                    | Python attribute                          |
/// |-------------------------------|-------------------------------------------|
/// | bool, integers, double        | bool, int, float                          |
/// | std::string                   | str                                       |
/// | Phone                         | Phone, or None for "no phone"             |
/// | a described record            | its class (a copy)                        |
/// | std::optional<M>              | M or None                                 |
/// | std::vector<M>                | list of M                                 |
/// | json                          | dict, list ... as sent                    |
///
/// Assigning (and the keyword constructor) accepts those types, dicts in the wire form for
/// records, and str or int for phones; anything else raises TypeError naming the record and
/// field (PhoneNumberError for a bad phone). Everything needs the GIL.

#include <boost/describe.hpp>
#include <boost/mp11.hpp>
#include <odoobridge/core/codec.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "convert.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace record_detail {

using core::codec_detail::IsOptional;
using core::codec_detail::IsVector;

[[noreturn]] inline void wrong_type(const std::string& where, const std::string& takes,
                                    py::handle value) {
    throw py::type_error(where + " takes " + takes + ", not " +
                         py::repr(value).cast<std::string>() + " (" + type_name(value) + ")");
}

}  // namespace record_detail

/// The Python annotation of member type `M` ("int", "Phone | None", "list[Service]" ...).
/// Record classes must be bound before the records that contain them.
template <class M>
std::string annotation_of() {
    using namespace record_detail;
    if constexpr (IsOptional<M>::value) {
        const std::string inner = annotation_of<typename M::value_type>();
        return inner.ends_with(" | None") ? inner : inner + " | None";
    } else if constexpr (IsVector<M>::value) {
        return "list[" + annotation_of<typename M::value_type>() + "]";
    } else if constexpr (std::is_same_v<M, rosdomofon::Phone>) {
        return "Phone | None";
    } else if constexpr (core::DescribedStruct<M>) {
        return py::type::of<M>().attr("__name__").template cast<std::string>();
    } else if constexpr (std::is_same_v<M, bool>) {
        return "bool";
    } else if constexpr (std::is_integral_v<M>) {
        return "int";
    } else if constexpr (std::is_floating_point_v<M>) {
        return "float";
    } else if constexpr (std::is_same_v<M, std::string>) {
        return "str";
    } else {
        return "Any";
    }
}

/// The Python value of a member.
template <class M>
py::object to_python(const M& value) {
    using namespace record_detail;
    if constexpr (IsOptional<M>::value) {
        return value ? to_python(*value) : py::none();
    } else if constexpr (IsVector<M>::value) {
        py::list out;
        for (const auto& item : value) out.append(to_python(item));
        return out;
    } else if constexpr (std::is_same_v<M, rosdomofon::Phone>) {
        return value.empty() ? py::none() : py::cast(value);
    } else if constexpr (core::DescribedStruct<M>) {
        return py::cast(value);
    } else if constexpr (std::is_same_v<M, json>) {
        return from_json(value);
    } else {
        return from_json(json(value));
    }
}

/// Converts `value` into `out`; `where` names the field in errors ("Account.id").
/// \throws TypeError, OverflowError, PhoneNumberError or DecodeError; `out` is unchanged.
template <class M>
void from_python(py::handle value, M& out, const std::string& where) {
    using namespace record_detail;
    PyObject* object = value.ptr();
    if constexpr (IsOptional<M>::value) {
        if (value.is_none()) {
            out.reset();
        } else {
            typename M::value_type inner{};
            from_python(value, inner, where);
            out = std::move(inner);
        }
    } else if constexpr (IsVector<M>::value) {
        if (!PyList_Check(object) && !PyTuple_Check(object))
            wrong_type(where, annotation_of<M>() + " (a list)", value);
        M items;
        std::size_t index = 0;
        for (py::handle item : value) {
            from_python(item, items.emplace_back(), where + "[" + std::to_string(index++) + "]");
        }
        out = std::move(items);
    } else if constexpr (std::is_same_v<M, rosdomofon::Phone>) {
        out = value.is_none() ? rosdomofon::Phone() : phone_of(value, where.c_str());
    } else if constexpr (core::DescribedStruct<M>) {
        if (py::isinstance<M>(value))
            out = value.cast<const M&>();
        else if (PyDict_Check(object))
            out = core::record_from_json<M>(to_json(value, where.c_str()));
        else
            wrong_type(where, annotation_of<M>() + " or a dict of its fields", value);
    } else if constexpr (std::is_same_v<M, json>) {
        out = to_json(value, where.c_str());
    } else if constexpr (std::is_same_v<M, bool>) {
        if (!PyBool_Check(object)) wrong_type(where, "bool", value);
        out = object == Py_True;
    } else if constexpr (std::is_integral_v<M>) {
        if (!PyLong_Check(object) || PyBool_Check(object)) wrong_type(where, "int", value);
        out = value.cast<M>();
    } else if constexpr (std::is_floating_point_v<M>) {
        if (!(PyFloat_Check(object) || PyLong_Check(object)) || PyBool_Check(object))
            wrong_type(where, "float", value);
        out = value.cast<M>();
    } else {
        static_assert(std::is_same_v<M, std::string>, "a member type without a conversion");
        if (!PyUnicode_Check(object)) wrong_type(where, "str", value);
        out = utf8(value);
    }
}

/// Binds `T` as the class `name` of `module` (shown in odoobridge.rosdomofon): keyword
/// constructor, one attribute per field, `__annotations__`, `fields`, `to_dict()` (the
/// wire form), `from_dict()`, equality, copies and a repr of every field.
template <class T>
py::class_<T> bind_record(py::module_& module, const char* name, const char* doc) {
    py::class_<T> cls(module, name, doc);
    const std::string record(name);
    cls.def(py::init([record](py::kwargs fields) {
                T value{};
                for (auto [key, item] : fields) {
                    const std::string field = py::cast<std::string>(key);
                    bool known = false;
                    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
                        if (known || core::wire_name(d.name) != field) return;
                        known = true;
                        from_python(item, value.*d.pointer, record + "." + field);
                    });
                    if (!known)
                        throw py::type_error(
                            record + "() has no field '" + field + "'; its fields are " +
                            py::str(py::cast(core::field_names<T>())).cast<std::string>());
                }
                return value;
            }),
            "Keyword arguments set fields; the others keep their defaults.");
    py::dict annotations;
    boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>;
        const std::string field(core::wire_name(d.name));
        const std::string where = record + "." + field;
        cls.def_property(
            field.c_str(), [](const T& self) { return to_python(self.*decltype(d)::pointer); },
            [where](T& self, py::handle value) {
                from_python(value, self.*decltype(d)::pointer, where);
            },
            ("`" + field + "`: " + annotation_of<M>()).c_str());
        annotations[field.c_str()] = annotation_of<M>();
    });
    cls.attr("__annotations__") = annotations;
    cls.attr("fields") = py::tuple(py::cast(core::field_names<T>()));
    cls.def_static(
           "from_dict",
           [](py::handle values) { return core::record_from_json<T>(to_json(values, "values")); },
           py::arg("values"),
           "The record of a dict in the wire form (as RosDomofon sends it). Raises DecodeError "
           "naming the field that does not fit.")
        .def(
            "to_dict",
            [](const T& self) { return from_json(core::encode_value<core::JsonDialect>(self)); },
            "Every field in the wire form (phones as integers, records as dicts).")
        .def("__eq__",
             [](const T& a, py::handle b) {
                 return py::isinstance<T>(b) &&
                        core::encode_value<core::JsonDialect>(a) ==
                            core::encode_value<core::JsonDialect>(b.cast<const T&>());
             })
        .def("__copy__", [](const T& self) { return T(self); })
        .def(
            "__deepcopy__", [](const T& self, py::handle) { return T(self); }, py::arg("memo"))
        .def("__repr__", [record](const T& self) {
            std::string text = record + "(";
            bool first = true;
            boost::mp11::mp_for_each<core::described_fields<T>>([&](auto d) {
                text += (first ? "" : ", ") + std::string(core::wire_name(d.name)) + "=" +
                        py::repr(to_python(self.*d.pointer)).template cast<std::string>();
                first = false;
            });
            return text + ")";
        });
    cls.attr("__hash__") = py::none();
    cls.attr("__module__") = kModule;
    return cls;
}

}  // namespace odoobridge::python::rd
