// The helpers of odoobridge/models/*.hpp (Partners, Leads, Invoices, invoice_line) for
// Python. Partial values are dicts of field values, converted like record attributes.

#include <memory>
#include <odoobridge/models.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "python_model.hpp"
#include "record_class.hpp"

namespace odoobridge::python {

namespace {

/// A helper object: the C++ helper `H` made per call from the Python client's session.
template <class H>
struct PyHelper {
    py::object client;
    std::shared_ptr<Session> session;

    [[nodiscard]] H helper() const { return H(session->client()); }
};

template <class H>
py::class_<PyHelper<H>> bind_helper(py::module_& module, const char* name, const char* doc,
                                    const char* record) {
    py::class_<PyHelper<H>> cls(module, name, doc);
    cls.def(py::init([](py::object client) {
                std::shared_ptr<Session> session = session_of(client);
                return PyHelper<H>{std::move(client), std::move(session)};
            }),
            py::arg("client"))
        .def_readonly("client", &PyHelper<H>::client)
        .def_property_readonly(
            "model",
            [record](const PyHelper<H>& self) {
                return make_typed_model(py::module_::import("odoobridge._native").attr(record),
                                        self.client, self.session);
            },
            "The typed model underneath.");
    cls.attr("__module__") = "odoobridge.models";
    return cls;
}

void bind_partners(py::module_& module) {
    using Self = PyHelper<models::Partners>;
    py::class_<models::UpsertResult>(module, "UpsertResult", "What upsert_by_email did.")
        .def_readonly("id", &models::UpsertResult::id)
        .def_readonly("created", &models::UpsertResult::created)
        .def(
            "__iter__",
            [](const models::UpsertResult& r) { return py::iter(py::make_tuple(r.id, r.created)); })
        .def("__repr__",
             [](const models::UpsertResult& r) {
                 return "UpsertResult(id=" + std::to_string(r.id) +
                        ", created=" + (r.created ? "True" : "False") + ")";
             })
        .attr("__module__") = "odoobridge.models";
    bind_helper<models::Partners>(
        module, "Partners",
        "Partner helpers: create a customer, find partners by email, upsert by email.",
        "ResPartner")
        .def_static("normalize_email", &models::Partners::normalize_email, py::arg("email"),
                    "The email trimmed and lower-cased; ConfigurationError when invalid.")
        .def(
            "create_customer",
            [](const Self& self, const std::string& name, const std::string& email,
               py::handle extra) {
                const auto values = partial_of<models::ResPartner>(extra, "ResPartner");
                const auto h = self.helper();
                return without_gil([&] { return h.create_customer(name, email, values); });
            },
            py::arg("name"), py::arg("email") = "", py::arg("extra") = py::none(),
            "Creates a customer (customer_rank 1) with the normalized email; returns its id.")
        .def(
            "ids_by_email",
            [](const Self& self, const std::string& email, py::handle context) {
                const odoo::CallOptions options{object_or_empty(context, "context")};
                const auto h = self.helper();
                return without_gil([&] { return h.ids_by_email(email, options); });
            },
            py::arg("email"), py::kw_only(), py::arg("context") = py::none(),
            "Ids of the active partners with this email (case-insensitive), ascending.")
        .def(
            "find_by_email",
            [](const Self& self, const std::string& email, py::handle context) {
                const odoo::CallOptions options{object_or_empty(context, "context")};
                const auto h = self.helper();
                return without_gil([&] { return h.find_by_email(email, options); });
            },
            py::arg("email"), py::kw_only(), py::arg("context") = py::none(),
            "The active partners with this email, ascending by id (duplicates included).")
        .def(
            "upsert_by_email",
            [](const Self& self, const std::string& email, py::handle values) {
                const auto changes = partial_of<models::ResPartner>(values, "ResPartner");
                const auto h = self.helper();
                return without_gil([&] { return h.upsert_by_email(email, changes); });
            },
            py::arg("email"), py::arg("values") = py::none(),
            "Writes `values` to the one partner with this email, or creates it; returns "
            "UpsertResult(id, created). AmbiguousMatchError when several have the email.");
}

void bind_leads(py::module_& module) {
    using Self = PyHelper<models::Leads>;
    bind_helper<models::Leads>(module, "Leads",
                               "Lead helpers: create, convert to opportunity, mark won or lost.",
                               "CrmLead")
        .def(
            "create",
            [](const Self& self, const std::string& name, py::handle extra) {
                const auto values = partial_of<models::CrmLead>(extra, "CrmLead");
                const auto h = self.helper();
                return without_gil([&] { return h.create(name, values); });
            },
            py::arg("name"), py::arg("extra") = py::none(), "Creates a lead; returns its id.")
        .def(
            "convert_to_opportunity",
            [](const Self& self, odoo::Id lead, std::optional<odoo::Id> partner_id,
               bool create_customer) {
                const models::ConvertOptions options{partner_id, create_customer};
                const auto h = self.helper();
                without_gil([&] { h.convert_to_opportunity(lead, options); });
            },
            py::arg("lead"), py::kw_only(), py::arg("partner_id") = py::none(),
            py::arg("create_customer") = false,
            "Converts the lead to an opportunity with Odoo's wizard.")
        .def(
            "mark_won",
            [](const Self& self, odoo::Id lead) {
                const auto h = self.helper();
                without_gil([&] { h.mark_won(lead); });
            },
            py::arg("lead"), "Odoo's action_set_won.")
        .def(
            "mark_lost",
            [](const Self& self, odoo::Id lead, std::optional<odoo::Id> lost_reason) {
                const auto h = self.helper();
                without_gil([&] { h.mark_lost(lead, lost_reason); });
            },
            py::arg("lead"), py::arg("lost_reason") = py::none(),
            "Archives the lead with probability 0 and the reason (a crm.lost.reason id).");
}

void bind_invoices(py::module_& module) {
    using Self = PyHelper<models::Invoices>;
    bind_helper<models::Invoices>(module, "Invoices",
                                  "Customer-invoice helpers: create with lines, post, reset, PDF.",
                                  "AccountMove")
        .def(
            "create_customer_invoice",
            [](const Self& self, odoo::Id partner, py::iterable lines, py::handle extra) {
                std::vector<odoo::Partial<models::AccountMoveLine>> partials;
                for (py::handle line : lines)
                    partials.push_back(
                        partial_of<models::AccountMoveLine>(line, "AccountMoveLine"));
                const auto values = partial_of<models::AccountMove>(extra, "AccountMove");
                const auto h = self.helper();
                return without_gil(
                    [&] { return h.create_customer_invoice(partner, partials, values); });
            },
            py::arg("partner"), py::arg("lines"), py::arg("extra") = py::none(),
            "Creates a draft customer invoice with its lines (dicts, see invoice_line) in one "
            "call; returns its id.")
        .def(
            "get",
            [](const Self& self, odoo::Id invoice) {
                const auto h = self.helper();
                return without_gil([&] { return h.get(invoice); });
            },
            py::arg("invoice"), "The invoice, or None.")
        .def(
            "lines",
            [](const Self& self, odoo::Id invoice) {
                const auto h = self.helper();
                return without_gil([&] { return h.lines(invoice); });
            },
            py::arg("invoice"), "The invoice's product, section and note lines, in order.")
        .def(
            "post",
            [](const Self& self, odoo::Id invoice) {
                const auto h = self.helper();
                without_gil([&] { h.post(invoice); });
            },
            py::arg("invoice"), "Posts the draft invoice (Odoo's action_post).")
        .def(
            "reset_to_draft",
            [](const Self& self, odoo::Id invoice) {
                const auto h = self.helper();
                without_gil([&] { h.reset_to_draft(invoice); });
            },
            py::arg("invoice"), "Back to draft (Odoo's button_draft).")
        .def(
            "pdf",
            [](const Self& self, odoo::Id invoice) {
                const auto h = self.helper();
                const auto bytes = without_gil([&] { return h.pdf(invoice); });
                return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
            },
            py::arg("invoice"), "The invoice's PDF as Odoo prints it (needs a password login).");
    module.def(
        "invoice_line",
        [](const std::string& label, double quantity, double price_unit, py::kwargs more) {
            py::dict line = from_json(models::invoice_line(label, quantity, price_unit).values());
            for (auto [key, value] : more) line[key] = value;
            (void)partial_of<models::AccountMoveLine>(line, "AccountMoveLine");  // validates
            return line;
        },
        py::arg("label"), py::arg("quantity"), py::arg("price_unit"),
        "The values of a new invoice line (a dict); keyword arguments add fields.");
}

}  // namespace

void register_helpers(py::module_& module) {
    bind_partners(module);
    bind_leads(module);
    bind_invoices(module);
}

}  // namespace odoobridge::python
