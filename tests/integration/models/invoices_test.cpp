// models::Invoices against the fake Odoo server on every protocol: a customer invoice with
// its lines in one create, post, PDF through the web session report route, reset to draft,
// and the errors of each step.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models_fixture.hpp"

using namespace models_test;

namespace {

std::vector<odoo::Partial<models::AccountMoveLine>> two_lines() {
    auto photos = models::invoice_line("Photo shoot", 2, 25'000);
    photos.set(&models::AccountMoveLine::tax_ids, odoo::X2many{{1}, {}});
    return {models::invoice_line("Agency commission, ACC-003", 1, 1'740'000), photos};
}

bool contains(const std::vector<std::uint8_t>& bytes, const std::string& text) {
    return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

int report_requests(const json& stats) {
    int total = 0;
    for (const auto& [path, count] : stats.at("requests").items())
        if (path.starts_with("/report/pdf/")) total += count.get<int>();
    return total;
}

}  // namespace

TEST_CASE("Invoices: create with lines, post, PDF, reset to draft", "[models][invoices]") {
    auto& server = fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = server.connect(kind);
        const models::Invoices invoices{client};
        const auto lines = two_lines();

        odoo::Partial<models::AccountMove> extra;
        extra.set(&models::AccountMove::ref, "ACC-003")
            .set(&models::AccountMove::invoice_date_due, std::chrono::year{2026} / 12 / 31);
        const json before = server.stats();
        const odoo::Id id = invoices.create_customer_invoice(12, lines, extra);
        const json after = server.stats();
        CHECK(after.at("calls").value("account.move.create", 0) -
                  before.at("calls").value("account.move.create", 0) ==
              1);  // one create for the invoice and its lines

        auto invoice = invoices.get(id);
        REQUIRE(invoice.has_value());
        CHECK(invoice->move_type == models::MoveType::out_invoice);
        CHECK(invoice->state == models::MoveState::draft);
        CHECK(invoice->partner_id == odoo::Many2one{12, "Ready Mat"});
        CHECK(invoice->ref == "ACC-003");
        CHECK(invoice->invoice_date_due == std::chrono::year{2026} / 12 / 31);
        CHECK(invoice->amount_untaxed == 1'790'000);
        CHECK(invoice->amount_tax == 7'500);
        CHECK(invoice->amount_total == 1'797'500);

        const auto stored_lines = invoices.lines(id);
        REQUIRE(stored_lines.size() == 2);
        CHECK(stored_lines[0].name == "Agency commission, ACC-003");
        CHECK(stored_lines[0].price_subtotal == 1'740'000);
        CHECK(stored_lines[1].quantity == 2);
        CHECK(stored_lines[1].tax_ids.ids == std::vector<odoo::Id>{1});
        CHECK(stored_lines[1].price_total == 57'500);
        CHECK(invoice->invoice_line_ids.ids ==
              std::vector<odoo::Id>{stored_lines[0].id, stored_lines[1].id});

        invoices.post(id);
        invoice = invoices.get(id);
        CHECK(invoice->state == models::MoveState::posted);
        REQUIRE(invoice->name.has_value());
        CHECK(invoice->name->starts_with("INV/"));
        CHECK(invoice->invoice_date.has_value());
        CHECK_THROWS_AS(invoices.post(id), odoo::UserError);  // already posted

        const auto pdf = invoices.pdf(id);
        REQUIRE(pdf.size() > 100);
        CHECK(std::string(pdf.begin(), pdf.begin() + 5) == "%PDF-");
        CHECK(contains(pdf, "Invoice " + *invoice->name));
        CHECK(contains(pdf, "Agency commission, ACC-003"));

        invoices.reset_to_draft(id);
        CHECK(invoices.get(id)->state == models::MoveState::draft);
        const auto draft_pdf = invoices.pdf(id);
        CHECK(contains(draft_pdf, "Draft Invoice"));
    }
}

TEST_CASE("Invoices reports the errors of each step", "[models][invoices]") {
    auto& server = fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = server.connect(kind);
        const models::Invoices invoices{client};

        CHECK_THROWS_AS(invoices.create_customer_invoice(12, {}), ob::ConfigurationError);
        const std::vector<odoo::Partial<models::AccountMoveLine>> empty_line(1);
        CHECK_THROWS_AS(invoices.create_customer_invoice(12, empty_line), ob::ConfigurationError);
        odoo::Partial<models::AccountMove> refund;
        refund.set(&models::AccountMove::move_type, models::MoveType::out_refund);
        CHECK_THROWS_AS(invoices.create_customer_invoice(12, two_lines(), refund),
                        ob::ConfigurationError);

        // The draft invoice of the seed data has no lines: Odoo refuses to post it.
        CHECK_THROWS_AS(invoices.post(16), odoo::UserError);
        CHECK_THROWS_AS(invoices.post(999'999), odoo::MissingError);
        CHECK_FALSE(invoices.get(999'999).has_value());

        try {
            (void)invoices.pdf(999'999);
            FAIL("a PDF of a missing invoice");
        } catch (const odoo::MissingError& e) {
            CHECK(e.details().http_status == 400);
            CHECK(e.server_message().starts_with("Record does not exist or has been deleted."));
            CHECK(std::string(e.what()).find("/report/pdf/account.report_invoice/999999") !=
                  std::string::npos);
        }
        const odoo::Id entry = client.model("account.move").create({{"move_type", "entry"}});
        try {
            (void)invoices.pdf(entry);
            FAIL("a PDF of a journal entry");
        } catch (const odoo::UserError& e) {
            CHECK(e.server_message() == "Only invoices could be printed.");
            CHECK_FALSE(dynamic_cast<const odoo::MissingError*>(&e));
        }
        const std::vector<odoo::Id> three{3};
        CHECK_THROWS_AS(odoo::report_pdf(client, "account.no_such_report", three),
                        odoo::ServerError);
        CHECK_THROWS_AS(odoo::report_pdf(client, "../etc/passwd", three), ob::ConfigurationError);
        CHECK_THROWS_AS(odoo::report_pdf(client, "account.report_invoice", {}),
                        ob::ConfigurationError);
    }
}

TEST_CASE("Invoices.pdf renews an expired web session once", "[models][invoices]") {
    auto& server = fresh_server();
    for (const auto kind : {odoo::ProtocolKind::session, odoo::ProtocolKind::jsonrpc}) {
        INFO(odoo::to_string(kind));
        const auto client = server.connect(kind);
        const models::Invoices invoices{client};
        CHECK(invoices.pdf(3).size() > 100);
        const int before = report_requests(server.stats());
        server.hook("expire_sessions");
        const auto pdf = invoices.pdf(3);  // redirected to the login page, logs in, again
        CHECK(std::string(pdf.begin(), pdf.begin() + 5) == "%PDF-");
        CHECK(report_requests(server.stats()) - before == 2);
        if (kind == odoo::ProtocolKind::session)  // the RPC calls share the renewed session
            CHECK(invoices.get(3).has_value());
    }
}
