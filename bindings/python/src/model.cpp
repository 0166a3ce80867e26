// odoobridge.odoo.Model: odoo::DynamicModel with Python values (records are dicts).

#include <odoobridge/odoo/model.hpp>
#include <optional>
#include <unordered_map>
#include <utility>

#include "convert.hpp"
#include "model_methods.hpp"
#include "python_model.hpp"
#include "stream.hpp"

namespace odoobridge::python {

namespace {

struct PyModel {
    py::object client;  // the Python Client (for the `client` attribute)
    std::shared_ptr<Session> session;
    std::string name;

    [[nodiscard]] odoo::DynamicModel dynamic() const { return {session->client(), name}; }
};

py::object create(const PyModel& self, py::handle values, py::handle context) {
    const odoo::CallOptions options = call_options(context);
    const odoo::DynamicModel model = self.dynamic();
    if (PyDict_Check(values.ptr())) {
        const json record = to_json(values, "values");
        return py::int_(without_gil([&] { return model.create(record, options); }));
    }
    if (PyList_Check(values.ptr()) || PyTuple_Check(values.ptr())) {
        const json records = to_json(values, "values");
        return py::cast(without_gil([&] { return model.create_many(records, options); }));
    }
    throw py::type_error(
        "create() takes the field values as a dict (one record) or a list of "
        "dicts (several records in one call), not " +
        std::string(Py_TYPE(values.ptr())->tp_name));
}

}  // namespace

py::object make_model(py::object client, std::shared_ptr<Session> session,
                      const std::string& name) {
    odoo::DynamicModel checked(session->client(), name);  // validates the name
    return py::cast(PyModel{std::move(client), std::move(session), name});
}

namespace {
/// Record class → factory; filled at import, read-only afterwards (always under the GIL).
std::unordered_map<PyObject*, TypedModelFactory>& typed_factories() {
    static std::unordered_map<PyObject*, TypedModelFactory> factories;
    return factories;
}
}  // namespace

void register_typed_model(py::handle record_class, TypedModelFactory factory) {
    typed_factories()[record_class.ptr()] = factory;
}

py::object make_typed_model(py::handle record_class, py::object client,
                            std::shared_ptr<Session> session) {
    const auto found = typed_factories().find(record_class.ptr());
    if (found == typed_factories().end())
        throw py::type_error(
            "model() takes a model name such as 'crm.lead' or a record class of "
            "odoobridge.models (EstateProperty, ResPartner ...), not " +
            py::repr(record_class).cast<std::string>());
    return found->second(std::move(client), std::move(session));
}

void register_model(py::module_& module) {
    PyStream<json>::bind(module, "Stream");

    py::class_<PyModel> model(module, "Model",
                              R"(One Odoo model, records as dicts: client.model("crm.lead").

Every method is one call through the client (its context, retries of reads and error
mapping apply) and raises what Client.execute_kw raises. Values go in and come out as
Odoo sends them: empty fields are False, many2one fields [id, "name"], dates strings.
Domains are Domain objects (see F) or raw lists.)");
    model.def_readonly("name", &PyModel::name)
        .def_readonly("client", &PyModel::client)
        .def(
            "search_read",
            [](const PyModel& self, py::handle domain, py::handle fields, std::optional<int> limit,
               int offset, std::optional<std::string> order, py::handle context) {
                const odoo::Domain d = domain_of(domain);
                const auto names = names_of(fields, "fields");
                const auto options = search_options(limit, offset, std::move(order), context);
                const auto m = self.dynamic();
                return from_json(without_gil([&] { return m.search_read(d, names, options); }));
            },
            py::arg("domain") = py::none(), py::arg("fields") = py::none(), py::kw_only(),
            py::arg("limit") = py::none(), py::arg("offset") = 0, py::arg("order") = py::none(),
            py::arg("context") = py::none(),
            "The matching records (dicts) with `fields` (all when None).")
        .def(
            "read",
            [](const PyModel& self, py::handle ids, py::handle fields, py::handle context) {
                const auto record_ids = ids_of(ids, "ids");
                const auto names = names_of(fields, "fields");
                const auto options = call_options(context);
                const auto m = self.dynamic();
                return from_json(without_gil([&] { return m.read(record_ids, names, options); }));
            },
            py::arg("ids"), py::arg("fields") = py::none(), py::kw_only(),
            py::arg("context") = py::none(),
            "The records `ids` (an id or a list); ids that do not exist are left out.")
        .def("create", &create, py::arg("values"), py::kw_only(), py::arg("context") = py::none(),
             "Creates one record (dict → its id) or several in one call (list of dicts → "
             "their ids). Never retried.")
        .def(
            "write",
            [](const PyModel& self, py::handle ids, py::handle values, py::handle context,
               bool idempotent) {
                const auto record_ids = ids_of(ids, "ids");
                const json changes = object_or_empty(values, "values");
                const auto options = call_options(context, idempotent);
                const auto m = self.dynamic();
                without_gil([&] { m.write(record_ids, changes, options); });
            },
            py::arg("ids"), py::arg("values"), py::kw_only(), py::arg("context") = py::none(),
            py::arg("idempotent") = false,
            "Writes `values` (a dict) to the records `ids`. Retried only when idempotent=True.")
        .def(
            "stream",
            [](const PyModel& self, py::handle domain, int batch, py::handle fields,
               py::handle context) {
                const auto names = names_of(fields, "fields");
                return PyStream<json>(
                    self.session,
                    self.dynamic().stream(domain_of(domain), batch, names, call_options(context)));
            },
            py::arg("domain") = py::none(), py::arg("batch") = 500, py::arg("fields") = py::none(),
            py::kw_only(), py::arg("context") = py::none(),
            "An iterator over every matching record, fetched `batch` at a time by id.")
        .def("__repr__",
             [](const PyModel& self) { return "<odoobridge.odoo.Model " + self.name + ">"; });
    bind_shared_methods(model);
    model.attr("__module__") = "odoobridge.odoo";
}

}  // namespace odoobridge::python
