// Odoo's field types (Many2one, X2many, Command) and the typed records of
// odoobridge/models/*.hpp as Python classes, with their typed models.

#include <odoobridge/models.hpp>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "record_class.hpp"
#include "typed_model.hpp"

namespace odoobridge::python {

namespace {

std::string kind_name(odoo::Command::Kind kind) {
    switch (kind) {
        case odoo::Command::Kind::create:
            return "create";
        case odoo::Command::Kind::update:
            return "update";
        case odoo::Command::Kind::delete_:
            return "delete";
        case odoo::Command::Kind::unlink:
            return "unlink";
        case odoo::Command::Kind::link:
            return "link";
        case odoo::Command::Kind::clear:
            return "clear";
        case odoo::Command::Kind::set:
            return "set";
    }
    return "?";
}

void bind_field_types(py::module_& module) {
    py::class_<odoo::Many2one>(module, "Many2one",
                               R"(A many2one value: the target's id and display name.

Reads give both; writes send the id. int(value) is the id.)")
        .def(py::init(
                 [](odoo::Id id, std::string name) { return odoo::Many2one(id, std::move(name)); }),
             py::arg("id"), py::arg("name") = "")
        .def_readwrite("id", &odoo::Many2one::id)
        .def_readwrite("name", &odoo::Many2one::name, "Display name as read; ignored on write.")
        .def("__int__", [](const odoo::Many2one& value) { return value.id; })
        .def("__eq__", [](const odoo::Many2one& a, const odoo::Many2one& b) { return a == b; })
        .def("__repr__",
             [](const odoo::Many2one& value) {
                 return "Many2one(" + std::to_string(value.id) + ", " +
                        py::repr(py::str(value.name)).cast<std::string>() + ")";
             })
        .attr("__module__") = "odoobridge.odoo";
    module.attr("Many2one").attr("__hash__") = py::none();

    py::class_<odoo::Command>(module, "Command",
                              R"(One x2many write command, as Odoo's Command builds them.

Command.create(values), update(id, values), delete(id), unlink(id), link(id), clear(),
set(ids); to_list() is the three-element list Odoo takes.)")
        .def_static(
            "create",
            [](py::handle values) { return odoo::Command::create(to_json(values, "values")); },
            py::arg("values"), "(0, 0, values): create a record and link it.")
        .def_static(
            "update",
            [](odoo::Id id, py::handle values) {
                return odoo::Command::update(id, to_json(values, "values"));
            },
            py::arg("id"), py::arg("values"), "(1, id, values): write to a linked record.")
        .def_static("delete", &odoo::Command::delete_, py::arg("id"),
                    "(2, id, 0): remove from the relation and delete the record.")
        .def_static("unlink", &odoo::Command::unlink, py::arg("id"),
                    "(3, id, 0): remove from the relation, keep the record.")
        .def_static("link", &odoo::Command::link, py::arg("id"), "(4, id, 0): add a record.")
        .def_static("clear", &odoo::Command::clear, "(5, 0, 0): remove every record.")
        .def_static("set", &odoo::Command::set, py::arg("ids"), "(6, 0, ids): replace by ids.")
        .def_property_readonly("kind", [](const odoo::Command& c) { return kind_name(c.kind()); })
        .def_property_readonly("id", &odoo::Command::id)
        .def_property_readonly("values",
                               [](const odoo::Command& c) { return from_json(c.values()); })
        .def_property_readonly("ids", &odoo::Command::ids)
        .def("to_list", [](const odoo::Command& c) { return from_json(c.to_json()); })
        .def("__eq__", [](const odoo::Command& a, const odoo::Command& b) { return a == b; })
        .def("__repr__",
             [](const odoo::Command& c) {
                 return "Command." + kind_name(c.kind()) + ": " + c.to_json().dump();
             })
        .attr("__module__") = "odoobridge.odoo";
    module.attr("Command").attr("__hash__") = py::none();

    py::class_<odoo::X2many>(module, "X2many", R"(A one2many or many2many value.

Reads fill `ids`; writes send `commands` when there are any, else one set command with `ids`.
Attributes return copies: assign a new list to change them.)")
        .def(py::init([](std::vector<odoo::Id> ids, std::vector<odoo::Command> commands) {
                 return odoo::X2many{std::move(ids), std::move(commands)};
             }),
             py::arg("ids") = std::vector<odoo::Id>{},
             py::arg("commands") = std::vector<odoo::Command>{})
        .def_readwrite("ids", &odoo::X2many::ids)
        .def_readwrite("commands", &odoo::X2many::commands)
        .def(
            "to_list", [](const odoo::X2many& x) { return from_json(x.to_json()); },
            "The write value: a list of commands.")
        .def("__eq__", [](const odoo::X2many& a, const odoo::X2many& b) { return a == b; })
        .def("__repr__",
             [](const odoo::X2many& x) {
                 std::string ids;
                 for (const odoo::Id id : x.ids)
                     ids += (ids.empty() ? "" : ", ") + std::to_string(id);
                 return "X2many([" + ids + "], " + std::to_string(x.commands.size()) + " commands)";
             })
        .attr("__module__") = "odoobridge.odoo";
    module.attr("X2many").attr("__hash__") = py::none();
}

template <class T>
void bind_model_of(py::module_& module, const char* name, const char* doc) {
    bind_typed_model<T>(module, bind_record<T>(module, name, doc));
}

}  // namespace

void register_helpers(py::module_& module);

void register_models(py::module_& module) {
    bind_field_types(module);
    bind_model_of<models::EstateProperty>(
        module, "EstateProperty",
        "A Royal Estate property (estate.property): for sale or rent, with agent, owner, "
        "lead and photos. Selection fields take their Odoo keys.");
    bind_model_of<models::EstatePropertyImage>(
        module, "EstatePropertyImage",
        "A property photo (estate.property.image): a thumbnail in Odoo, the full image in S3.");
    bind_model_of<models::ResPartner>(module, "ResPartner",
                                      "A partner (res.partner): a company or a person.");
    bind_model_of<models::CrmLead>(module, "CrmLead",
                                   "A lead or opportunity (crm.lead). priority is '0' to '3'.");
    bind_model_of<models::AccountMove>(
        module, "AccountMove",
        "An invoice or journal entry (account.move), as read; amounts and state are computed "
        "by Odoo: create invoices with Invoices.");
    bind_model_of<models::AccountMoveLine>(module, "AccountMoveLine",
                                           "One line of an invoice or entry (account.move.line).");
    register_helpers(module);
}

}  // namespace odoobridge::python
