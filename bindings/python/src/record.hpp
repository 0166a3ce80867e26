#pragma once
/// \file
/// Typed records as Python classes: every described member of a record struct becomes an
/// attribute, converted on access:
///
/// | C++ member                  | Python attribute                                 |
/// |-----------------------------|--------------------------------------------------|
/// | bool, integers, double      | bool, int, float                                 |
/// | std::string, Text, Html     | str                                              |
/// | described enum (selection)  | str, the Odoo key ("new", "0" ...)               |
/// | Date / Datetime             | datetime.date / naive datetime.datetime in UTC   |
/// |                             | (a required date never set reads as None)        |
/// | Many2one, X2many            | odoobridge.odoo.Many2one, X2many (copies)        |
/// | Binary                      | bytes                                            |
/// | Json                        | dict, list ... (as Odoo sends it)                |
/// | std::optional<M>            | M or None (Odoo's `false`)                       |
///
/// Assigning accepts those types and the wire forms (an id for a Many2one, a list of ids
/// for an X2many, "YYYY-MM-DD" for a date ...); anything else raises TypeError naming the
/// record, the field and what it takes. Everything needs the GIL.

#include <boost/describe.hpp>
#include <boost/mp11.hpp>
#include <chrono>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "convert.hpp"

namespace odoobridge::python {

namespace record_detail {

using core::codec_detail::IsOptional;

template <class M>
struct IsSysTime : std::false_type {};
template <class Duration>
struct IsSysTime<std::chrono::sys_time<Duration>> : std::true_type {};

/// "Literal['sale', 'rent']": the Odoo keys of a selection enum.
template <core::DescribedEnum E>
std::string literal_of() {
    std::string keys;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        keys += (keys.empty() ? "'" : ", '") + std::string(core::enum_wire_key(d.value)) + "'";
    });
    return "Literal[" + keys + "]";
}

}  // namespace record_detail

/// The Python annotation of member type `M`, e.g. "datetime.date | None".
template <class M>
std::string annotation_of() {
    using namespace record_detail;
    if constexpr (IsOptional<M>::value)
        return annotation_of<typename M::value_type>() + " | None";
    else if constexpr (std::is_same_v<M, bool>)
        return "bool";
    else if constexpr (std::is_integral_v<M>)
        return "int";
    else if constexpr (std::is_floating_point_v<M>)
        return "float";
    else if constexpr (std::is_same_v<M, std::string>)
        return "str";
    else if constexpr (core::DescribedEnum<M>)
        return literal_of<M>();
    else if constexpr (std::is_same_v<M, odoo::Date>)
        return "datetime.date";
    else if constexpr (IsSysTime<M>::value)
        return "datetime.datetime";
    else if constexpr (std::is_same_v<M, odoo::Many2one>)
        return "Many2one";
    else if constexpr (std::is_same_v<M, odoo::X2many>)
        return "X2many";
    else if constexpr (std::is_same_v<M, odoo::Binary>)
        return "bytes";
    else if constexpr (std::is_same_v<M, odoo::Reference>)
        return "str";
    else
        return "Any";
}

/// The Python value of a member.
template <class M>
py::object to_python(const M& value) {
    using namespace record_detail;
    if constexpr (IsOptional<M>::value) {
        return value ? to_python(*value) : py::none();
    } else if constexpr (std::is_same_v<M, odoo::Date>) {
        // A required date of a record built in Python and never set is year 0: None.
        return value.ok() ? date_object(value) : py::none();
    } else if constexpr (IsSysTime<M>::value) {
        return datetime_object(std::chrono::floor<std::chrono::seconds>(value));
    } else if constexpr (std::is_same_v<M, odoo::Binary>) {
        return py::bytes(reinterpret_cast<const char*>(value.bytes.data()), value.bytes.size());
    } else if constexpr (std::is_same_v<M, odoo::Many2one> || std::is_same_v<M, odoo::X2many>) {
        return py::cast(value);
    } else if constexpr (core::DescribedEnum<M>) {
        return py::str(std::string(core::enum_wire_key(value)));
    } else {
        return from_json(odoo::to_value(value));
    }
}

/// Converts `value` into `out`; `where` names the field in errors ("EstateProperty.price").
/// \throws TypeError (or ValueError/OverflowError from the JSON conversion) naming `where`
///         and what the field takes; `out` is left unchanged then.
template <class M>
void from_python(py::handle value, M& out, const std::string& where) {
    if constexpr (std::is_same_v<M, odoo::Many2one>) {
        if (py::isinstance<odoo::Many2one>(value)) {
            out = value.cast<odoo::Many2one>();
            return;
        }
    } else if constexpr (std::is_same_v<M, odoo::X2many>) {
        if (py::isinstance<odoo::X2many>(value)) {
            out = value.cast<odoo::X2many>();
            return;
        }
        if (PyList_Check(value.ptr()) && PyList_GET_SIZE(value.ptr()) > 0 &&
            py::isinstance<odoo::Command>(PyList_GET_ITEM(value.ptr(), 0))) {
            odoo::X2many commands;
            for (py::handle item : value) {
                if (!py::isinstance<odoo::Command>(item))
                    throw py::type_error(where +
                                         " takes a list of ids or a list of Commands, "
                                         "not a mix");
                commands.commands.push_back(item.cast<odoo::Command>());
            }
            out = std::move(commands);
            return;
        }
    } else if constexpr (record_detail::IsOptional<M>::value) {
        using Inner = typename M::value_type;
        if constexpr (std::is_same_v<Inner, odoo::Many2one> ||
                      std::is_same_v<Inner, odoo::X2many>) {
            if (!value.is_none() && !(PyBool_Check(value.ptr()) && value.ptr() == Py_False)) {
                Inner inner{};
                from_python(value, inner, where);
                out = std::move(inner);
                return;
            }
        }
    }
    const json wire = to_json(value, where.c_str());
    core::DecodeState state;
    core::JsonValueReader reader(wire, state);
    M converted{};
    core::decode_value<odoo::Dialect>(reader, converted);
    if (state.failed)
        throw py::type_error(where + " takes " + annotation_of<M>() + " (" + state.expected +
                             "), not " + py::repr(value).cast<std::string>());
    out = std::move(converted);
}

}  // namespace odoobridge::python
