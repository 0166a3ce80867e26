// Domain and Field: the C++ domain builder (odoo/domain.hpp) with Python operators, so both
// languages write exactly the same prefix lists.

#include <odoobridge/core/errors.hpp>
#include <string>

#include "bindings.hpp"
#include "convert.hpp"

namespace odoobridge::python {

namespace {

constexpr const char* kCombineHint =
    "& (and), | (or) and ~ (not) combine domains built with F, Domain.raw or lists; put each "
    "comparison in parentheses: (F(\"a\") == 1) & (F(\"b\") > 2)";

/// The domain an operand of &, | stands for, or a TypeError with the precedence hint.
odoo::Domain operand(py::handle value) {
    if (py::isinstance<odoo::Domain>(value) || py::isinstance<odoo::Field>(value) ||
        PyList_Check(value.ptr()) || PyTuple_Check(value.ptr()))
        return domain_of(value);
    throw py::type_error(std::string("cannot combine a domain with a ") +
                         Py_TYPE(value.ptr())->tp_name + ": " + kCombineHint);
}

json value_of(const odoo::Field& field, py::handle value) {
    if (py::isinstance<odoo::Field>(value))
        throw py::type_error("F(\"" + field.name() +
                             "\") is compared with another field; Odoo domains compare a field "
                             "with a value");
    // None is Odoo's empty value, written `false` as the C++ builder writes an empty optional.
    if (value.is_none()) return false;
    return to_json(value, ("the value compared with '" + field.name() + "'").c_str());
}

odoo::Domain leaf(const odoo::Field& field, const char* op, py::handle value) {
    return odoo::Domain::leaf(field.name(), op, value_of(field, value));
}

/// `values` (any iterable but a str) as a JSON list, for `in` and `not in`.
json list_of(const odoo::Field& field, py::handle values, const char* op) {
    if (PyUnicode_Check(values.ptr()) || !py::isinstance<py::iterable>(values))
        throw py::type_error(std::string("the \"") + op + "\" condition on '" + field.name() +
                             "' takes a list of values, not a " + Py_TYPE(values.ptr())->tp_name);
    return value_of(field, py::list(py::reinterpret_borrow<py::iterable>(values)));
}

py::object combine(const odoo::Domain& a, py::handle b, bool conjunction, bool reflected) {
    const odoo::Domain other = operand(b);
    const odoo::Domain& left = reflected ? other : a;
    const odoo::Domain& right = reflected ? a : other;
    return py::cast(conjunction ? (left && right) : (left || right));
}

}  // namespace

void register_domain(py::module_& module) {
    py::class_<odoo::Domain> domain(module, "Domain", R"(An Odoo search domain.

Build one with F and the operators & (and), | (or), ~ (not):
    (F("price") >= 30_000_000) & F("district").in_(["medeu"]) | ~F("active")
gives ["|", "&", ["price", ">=", 30000000], ["district", "in", ["medeu"]], "!",
["active", "=", True]], exactly what the C++ builder writes. Domain() matches every record.
Immutable; safe to share between threads.)");
    domain.def(py::init<>(), "The empty domain: matches every record.")
        .def_static(
            "raw", [](py::handle list) { return odoo::Domain::raw(to_json(list, "domain")); },
            py::arg("domain"),
            "A domain from Odoo's prefix-notation list, validated (ConfigurationError names "
            "the bad element).")
        .def_static(
            "leaf",
            [](std::string field, std::string op, py::handle value) {
                return odoo::Domain::leaf(std::move(field), std::move(op), to_json(value, "value"));
            },
            py::arg("field"), py::arg("operator"), py::arg("value"),
            "One condition [field, operator, value].")
        .def_static("match_none", &odoo::Domain::match_none,
                    "A domain that matches no record ([0, '=', 1]).")
        .def_property_readonly("empty", &odoo::Domain::empty, "True for the match-all domain.")
        .def(
            "to_list", [](const odoo::Domain& d) { return from_json(d.to_json()); },
            "The list Odoo takes as `domain`.")
        .def("__str__", &odoo::Domain::to_string)
        .def("__repr__",
             [](const odoo::Domain& d) {
                 return "Domain(" +
                        d.to_json().dump(-1, ' ', false, json::error_handler_t::replace) + ")";
             })
        .def("__eq__",
             [](const odoo::Domain& d, py::handle other) {
                 if (py::isinstance<odoo::Domain>(other))
                     return d == other.cast<const odoo::Domain&>();
                 if (PyList_Check(other.ptr())) return d.to_json() == to_json(other, "domain");
                 return false;
             })
        .def("__bool__",
             [](const odoo::Domain&) -> bool {
                 throw py::type_error(std::string("a Domain has no truth value: ") + kCombineHint +
                                      " (not `and`/`or`/`not`)");
             })
        .def("__and__",
             [](const odoo::Domain& a, py::handle b) { return combine(a, b, true, false); })
        .def("__rand__",
             [](const odoo::Domain& a, py::handle b) { return combine(a, b, true, true); })
        .def("__or__",
             [](const odoo::Domain& a, py::handle b) { return combine(a, b, false, false); })
        .def("__ror__",
             [](const odoo::Domain& a, py::handle b) { return combine(a, b, false, true); })
        .def("__invert__", [](const odoo::Domain& a) { return !a; });
    domain.attr("__hash__") = py::none();
    domain.attr("__module__") = "odoobridge.odoo";

    py::class_<odoo::Field> field(module, "Field",
                                  R"(A field name to build conditions on: F("price").

Comparisons give conditions: ==, !=, <, <=, >, >=; the other Odoo operators are methods:
in_, not_in, like, ilike, not_like, not_ilike, eq_like (=like), eq_ilike (=ilike), child_of,
parent_of, equals_if_set (=?), is_set, is_not_set and op(operator, value) for any other.
Used as a condition on its own, a field means "is true": ~F("active").
Values are sent like record values: dates as "YYYY-MM-DD", datetimes as naive UTC.)");
    field.def(py::init<std::string>(), py::arg("name"))
        .def_property_readonly("name", &odoo::Field::name)
        .def("__repr__",
             [](const odoo::Field& f) {
                 return "F(" + py::repr(py::str(f.name())).cast<std::string>() + ")";
             })
        .def("__eq__", [](const odoo::Field& f, py::handle v) { return leaf(f, "=", v); })
        .def("__ne__", [](const odoo::Field& f, py::handle v) { return leaf(f, "!=", v); })
        .def("__lt__", [](const odoo::Field& f, py::handle v) { return leaf(f, "<", v); })
        .def("__le__", [](const odoo::Field& f, py::handle v) { return leaf(f, "<=", v); })
        .def("__gt__", [](const odoo::Field& f, py::handle v) { return leaf(f, ">", v); })
        .def("__ge__", [](const odoo::Field& f, py::handle v) { return leaf(f, ">=", v); })
        .def(
            "in_", [](const odoo::Field& f, py::handle v) { return f.in(list_of(f, v, "in")); },
            py::arg("values"), "[name, 'in', values]")
        .def(
            "not_in",
            [](const odoo::Field& f, py::handle v) { return f.not_in(list_of(f, v, "not in")); },
            py::arg("values"), "[name, 'not in', values]")
        .def("like", &odoo::Field::like, py::arg("pattern"), "Case-sensitive substring match.")
        .def("ilike", &odoo::Field::ilike, py::arg("pattern"), "Case-insensitive substring match.")
        .def("not_like", &odoo::Field::not_like, py::arg("pattern"))
        .def("not_ilike", &odoo::Field::not_ilike, py::arg("pattern"))
        .def("eq_like", &odoo::Field::eq_like, py::arg("pattern"),
             "=like: the whole value matches the SQL pattern.")
        .def("eq_ilike", &odoo::Field::eq_ilike, py::arg("pattern"),
             "=ilike: the whole value matches the SQL pattern, any case.")
        .def(
            "child_of", [](const odoo::Field& f, py::handle v) { return leaf(f, "child_of", v); },
            py::arg("ids"))
        .def(
            "parent_of", [](const odoo::Field& f, py::handle v) { return leaf(f, "parent_of", v); },
            py::arg("ids"))
        .def(
            "equals_if_set", [](const odoo::Field& f, py::handle v) { return leaf(f, "=?", v); },
            py::arg("value"), "=?: true when value is empty (False/None), else =.")
        .def("is_set", &odoo::Field::is_set, "[name, '!=', False]")
        .def("is_not_set", &odoo::Field::is_not_set, "[name, '=', False]")
        .def(
            "op",
            [](const odoo::Field& f, std::string op, py::handle v) {
                return odoo::Domain::leaf(f.name(), std::move(op), value_of(f, v));
            },
            py::arg("operator"), py::arg("value"), "Any operator, e.g. 'any' on Odoo 17+.")
        .def("__invert__", [](const odoo::Field& f) { return !f; })
        .def("__and__",
             [](const odoo::Field& f, py::handle b) { return combine(f, b, true, false); })
        .def("__rand__",
             [](const odoo::Field& f, py::handle b) { return combine(f, b, true, true); })
        .def("__or__",
             [](const odoo::Field& f, py::handle b) { return combine(f, b, false, false); })
        .def("__ror__",
             [](const odoo::Field& f, py::handle b) { return combine(f, b, false, true); })
        .def("__bool__", [](const odoo::Field&) -> bool {
            throw py::type_error(std::string("a Field has no truth value: ") + kCombineHint);
        });
    field.attr("__hash__") = py::none();
    field.attr("__module__") = "odoobridge.odoo";
    py::implicitly_convertible<odoo::Field, odoo::Domain>();
}

}  // namespace odoobridge::python
