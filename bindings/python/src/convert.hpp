#pragma once
/// \file
/// Python values ⇄ `odoobridge::json`, and the argument helpers every binding uses.
///
/// To JSON: dict (str keys), list, tuple, str, int (64-bit signed or unsigned), float
/// (finite), bool, None (null), `datetime.datetime` ("YYYY-MM-DD HH:MM:SS", naive UTC: aware
/// values are converted to UTC, naive ones are taken as UTC), `datetime.date`
/// ("YYYY-MM-DD"), bytes / bytearray / memoryview (base64 text, as Odoo's binary fields
/// travel) and `Domain` (its prefix list).
/// From JSON: None, bool, int, float, str, list, dict; dates stay strings (the dynamic layer
/// does not know which strings are dates).
///
/// Every function needs the GIL. Conversion failures raise Python's TypeError, ValueError
/// or OverflowError naming the argument and the position inside it (`args[0][2]['price']`).

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/domain.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <odoobridge/odoo/model/options.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::python {

namespace py = pybind11;

/// The name of `value`'s type ("dict", "set" ...), for error messages.
[[nodiscard]] std::string type_name(py::handle value);

/// The UTF-8 text of a str. \throws py::error_already_set (UnicodeEncodeError).
[[nodiscard]] std::string utf8(py::handle text);

/// `value` as JSON. `what` names the argument in error messages ("args", "values" ...).
/// \throws py::error_already_set (TypeError, ValueError, OverflowError).
[[nodiscard]] json to_json(py::handle value, const char* what);

/// A new Python object for `value`.
[[nodiscard]] py::object from_json(const json& value);

/// A `datetime.date`.
[[nodiscard]] py::object date_object(const odoo::Date& date);

/// A naive `datetime.datetime` in UTC (Odoo's convention).
[[nodiscard]] py::object datetime_object(odoo::Datetime instant);

/// The UTF-8 text of a bytes or str object, valid while that object lives.
/// \throws TypeError for other types.
[[nodiscard]] std::string_view text_view(py::handle data, const char* what);

/// A JSON object from `value` (None gives {}). \throws TypeError for anything but a dict.
[[nodiscard]] json object_or_empty(py::handle value, const char* what);

/// A JSON array from `value` (None gives []). \throws TypeError for anything but a list or
/// tuple.
[[nodiscard]] json array_or_empty(py::handle value, const char* what);

/// Record ids from an int or an iterable of ints. \throws TypeError otherwise (bools too).
[[nodiscard]] std::vector<odoo::Id> ids_of(py::handle value, const char* what);

/// Field names from None (all fields), a list or a tuple of str. A bare str is refused
/// (it would be read letter by letter). \throws TypeError.
[[nodiscard]] std::vector<std::string> names_of(py::handle value, const char* what);

/// A domain from None (match all), a `Domain`, a `Field` (the field is true) or a raw list
/// in Odoo's prefix notation (validated by `Domain::raw`). \throws TypeError, or
/// odoobridge.ConfigurationError for a malformed raw list.
[[nodiscard]] odoo::Domain domain_of(py::handle value);

/// `SearchOptions` from the keyword arguments of a search.
/// \throws TypeError when `context` is not a dict.
[[nodiscard]] odoo::SearchOptions search_options(std::optional<int> limit, int offset,
                                                 std::optional<std::string> order,
                                                 py::handle context);

}  // namespace odoobridge::python
