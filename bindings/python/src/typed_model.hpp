#pragma once
/// \file
/// `bind_typed_model<T>`: `odoo::Model<T>` as a Python class, what `client.model(Record)`
/// returns: reads give record objects, writes take them (or dicts of field values).

#include <memory>
#include <odoobridge/odoo/model.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model_methods.hpp"
#include "python_model.hpp"
#include "record_class.hpp"
#include "stream.hpp"

namespace odoobridge::python {

/// The typed model of `T` on a Python client's session.
template <class T>
struct PyTypedModel {
    py::object client;  // the Python Client
    std::shared_ptr<Session> session;

    [[nodiscard]] odoo::DynamicModel dynamic() const {
        return {session->client(), std::string(odoo::model_name<T>())};
    }
    [[nodiscard]] odoo::Model<T> typed() const { return odoo::Model<T>(session->client()); }
};

/// Binds `PyTypedModel<T>` as `<record>Model` and registers it for `record_class`.
template <class T>
void bind_typed_model(py::module_& module, const py::class_<T>& record_class) {
    using Holder = PyTypedModel<T>;
    const std::string record = record_class.attr("__name__").template cast<std::string>();
    PyStream<T>::bind(module, (record + "Stream").c_str(), "odoobridge.models");
    py::class_<Holder> cls(module, (record + "Model").c_str(),
                           ("The typed model of " + record + ": client.model(" + record +
                            "). Reads ask for the record's fields and return " + record +
                            " objects; other methods are those of odoobridge.odoo.Model.")
                               .c_str());
    cls.def_readonly("client", &Holder::client)
        .def_property_readonly("name",
                               [](const Holder&) { return std::string(odoo::model_name<T>()); })
        .def_property_readonly("record_class",
                               [record_class](const Holder&) { return record_class; })
        .def_property_readonly(
            "dynamic",
            [](const Holder& self) {
                return make_model(self.client, self.session, std::string(odoo::model_name<T>()));
            },
            "The untyped Model of the same name (records as dicts).")
        .def(
            "search_read",
            [](const Holder& self, py::handle domain, std::optional<int> limit, int offset,
               std::optional<std::string> order, py::handle context) {
                const odoo::Domain d = domain_of(domain);
                const auto options = search_options(limit, offset, std::move(order), context);
                const auto m = self.typed();
                return without_gil([&] { return m.search_read(d, options); });
            },
            py::arg("domain") = py::none(), py::kw_only(), py::arg("limit") = py::none(),
            py::arg("offset") = 0, py::arg("order") = py::none(), py::arg("context") = py::none(),
            "The matching records. Raises DecodeError when an answer does not fit.")
        .def(
            "read",
            [](const Holder& self, py::handle ids, py::handle context) {
                const auto record_ids = ids_of(ids, "ids");
                const auto options = call_options(context);
                const auto m = self.typed();
                return without_gil([&] { return m.read(record_ids, options); });
            },
            py::arg("ids"), py::kw_only(), py::arg("context") = py::none(),
            "The records `ids`; ids that do not exist are left out.")
        .def(
            "read_one",
            [](const Holder& self, odoo::Id id, py::handle context) {
                const auto options = call_options(context);
                const auto m = self.typed();
                return without_gil([&] { return m.read_one(id, options); });
            },
            py::arg("id"), py::kw_only(), py::arg("context") = py::none(),
            "The record `id`, or None when it does not exist.")
        .def(
            "create",
            [record](const Holder& self, py::handle records, py::handle context) -> py::object {
                const auto options = call_options(context);
                const auto m = self.typed();
                if (py::isinstance<T>(records)) {
                    const T& one = records.cast<const T&>();
                    return py::int_(without_gil([&] { return m.create(one, options); }));
                }
                if (!PyList_Check(records.ptr()) && !PyTuple_Check(records.ptr()))
                    throw py::type_error("create() takes a " + record + " or a list of them");
                const auto many = records.cast<std::vector<T>>();
                return py::cast(
                    without_gil([&] { return m.create(std::span<const T>(many), options); }));
            },
            py::arg("records"), py::kw_only(), py::arg("context") = py::none(),
            "Creates the record (every field but id) or the records (one call); returns the "
            "id or ids. Never retried.")
        .def(
            "write",
            [record](const Holder& self, py::handle ids, py::handle values, py::handle context,
                     bool idempotent) {
                const auto record_ids = ids_of(ids, "ids");
                const json changes = py::isinstance<T>(values)
                                         ? odoo::to_values(values.cast<const T&>())
                                         : partial_of<T>(values, record.c_str()).values();
                const auto options = call_options(context, idempotent);
                const auto m = self.typed();
                without_gil([&] { m.write(record_ids, changes, options); });
            },
            py::arg("ids"), py::arg("values"), py::kw_only(), py::arg("context") = py::none(),
            py::arg("idempotent") = false,
            "Writes a dict of field values (converted like the attributes) or every field of "
            "a record to the records `ids`.")
        .def(
            "stream",
            [](const Holder& self, py::handle domain, int batch, py::handle context) {
                return PyStream<T>(self.session, self.typed().stream(domain_of(domain), batch,
                                                                     call_options(context)));
            },
            py::arg("domain") = py::none(), py::arg("batch") = 500, py::kw_only(),
            py::arg("context") = py::none(),
            "An iterator over every matching record, fetched `batch` at a time by id.")
        .def(
            "verify_schema",
            [](const Holder& self, py::handle context) {
                const auto options = call_options(context);
                const auto m = self.typed();
                without_gil([&] { m.verify_schema(options); });
            },
            py::kw_only(), py::arg("context") = py::none(),
            "Checks the record class against the server's fields_get; raises "
            "SchemaMismatchError listing every missing field and type mismatch.")
        .def("__repr__", [record](const Holder&) {
            return "<odoobridge.models." + record + "Model " + std::string(odoo::model_name<T>()) +
                   ">";
        });
    bind_shared_methods(cls);
    cls.attr("__module__") = "odoobridge.models";
    register_typed_model(record_class, [](py::object client, std::shared_ptr<Session> session) {
        return py::cast(Holder{std::move(client), std::move(session)});
    });
}

}  // namespace odoobridge::python
