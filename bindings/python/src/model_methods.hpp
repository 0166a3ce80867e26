#pragma once
/// \file
/// The ORM methods that look the same on `odoobridge.odoo.Model` and on the typed models
/// (ids, counts, groups, names, field descriptions, any other method), bound once for both.
/// A holder class provides `odoo::DynamicModel dynamic() const`.

#include <odoobridge/odoo/model.hpp>
#include <optional>
#include <string>
#include <utility>

#include "bindings.hpp"
#include "convert.hpp"

namespace odoobridge::python {

/// Per-call options from the keyword arguments `context` and `idempotent`.
[[nodiscard]] inline odoo::CallOptions call_options(py::handle context, bool idempotent = false) {
    return odoo::CallOptions{object_or_empty(context, "context"), idempotent};
}

/// Binds search, search_count, unlink, read_group, name_search, fields_get, exists and call
/// on `cls`.
template <class Holder>
void bind_shared_methods(py::class_<Holder>& cls) {
    cls.def(
           "search",
           [](const Holder& self, py::handle domain, std::optional<int> limit, int offset,
              std::optional<std::string> order, py::handle context) {
               const odoo::Domain d = domain_of(domain);
               const auto options = search_options(limit, offset, std::move(order), context);
               const auto m = self.dynamic();
               return without_gil([&] { return m.search(d, options); });
           },
           py::arg("domain") = py::none(), py::kw_only(), py::arg("limit") = py::none(),
           py::arg("offset") = 0, py::arg("order") = py::none(), py::arg("context") = py::none(),
           "Ids of the matching records.")
        .def(
            "search_count",
            [](const Holder& self, py::handle domain, py::handle context) {
                const odoo::Domain d = domain_of(domain);
                const auto options = call_options(context);
                const auto m = self.dynamic();
                return without_gil([&] { return m.search_count(d, options); });
            },
            py::arg("domain") = py::none(), py::kw_only(), py::arg("context") = py::none(),
            "The number of matching records.")
        .def(
            "unlink",
            [](const Holder& self, py::handle ids, py::handle context, bool idempotent) {
                const auto record_ids = ids_of(ids, "ids");
                const auto options = call_options(context, idempotent);
                const auto m = self.dynamic();
                without_gil([&] { m.unlink(record_ids, options); });
            },
            py::arg("ids"), py::kw_only(), py::arg("context") = py::none(),
            py::arg("idempotent") = false,
            "Deletes the records `ids`. Retried only when idempotent=True.")
        .def(
            "read_group",
            [](const Holder& self, py::handle domain, py::handle fields, py::handle groupby,
               std::optional<int> limit, int offset, std::optional<std::string> order, bool lazy,
               py::handle context) {
                const odoo::Domain d = domain_of(domain);
                const auto names = names_of(fields, "fields");
                const auto groups = names_of(groupby, "groupby");
                const auto options = search_options(limit, offset, std::move(order), context);
                const auto m = self.dynamic();
                return from_json(
                    without_gil([&] { return m.read_group(d, names, groups, options, lazy); }));
            },
            py::arg("domain"), py::arg("fields"), py::arg("groupby"), py::kw_only(),
            py::arg("limit") = py::none(), py::arg("offset") = 0, py::arg("order") = py::none(),
            py::arg("lazy") = true, py::arg("context") = py::none(),
            "Aggregates grouped by `groupby`, as the server returns them (a list of dicts).")
        .def(
            "name_search",
            [](const Holder& self, const std::string& name, py::handle domain,
               const std::string& op, int limit, py::handle context) {
                const odoo::Domain d = domain_of(domain);
                const auto options = call_options(context);
                const auto m = self.dynamic();
                return without_gil([&] { return m.name_search(name, d, op, limit, options); });
            },
            py::arg("name") = "", py::arg("domain") = py::none(), py::arg("operator") = "ilike",
            py::arg("limit") = 100, py::kw_only(), py::arg("context") = py::none(),
            "(id, display name) pairs of the records whose name matches.")
        .def(
            "fields_get",
            [](const Holder& self, py::handle attributes, py::handle context) {
                const auto names = names_of(attributes, "attributes");
                const auto options = call_options(context);
                const auto m = self.dynamic();
                return from_json(without_gil([&] { return m.fields_get(names, options); }));
            },
            py::arg("attributes") = py::none(), py::kw_only(), py::arg("context") = py::none(),
            "The field descriptions {name: {'type': ..., ...}}, limited to `attributes`.")
        .def(
            "exists",
            [](const Holder& self, py::handle ids, py::handle context) {
                const auto record_ids = ids_of(ids, "ids");
                const auto options = call_options(context);
                const auto m = self.dynamic();
                return without_gil([&] { return m.exists(record_ids, options); });
            },
            py::arg("ids"), py::kw_only(), py::arg("context") = py::none(),
            "The subset of `ids` that exist (archived records included), in the given order.")
        .def(
            "call",
            [](const Holder& self, const std::string& method, py::handle args, py::handle kwargs,
               py::handle context, bool idempotent) {
                json positional = array_or_empty(args, "args");
                json named = object_or_empty(kwargs, "kwargs");
                const auto options = call_options(context, idempotent);
                const auto m = self.dynamic();
                return from_json(without_gil([&] {
                    return m.call(method, std::move(positional), std::move(named), options);
                }));
            },
            py::arg("method"), py::arg("args") = py::none(), py::arg("kwargs") = py::none(),
            py::kw_only(), py::arg("context") = py::none(), py::arg("idempotent") = false,
            "Any other method: call('action_post', [[move_id]]). Returns the raw result.");
}

}  // namespace odoobridge::python
