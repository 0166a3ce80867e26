// models::Leads against the fake Odoo server on every protocol: create, convert to an
// opportunity (keeping, linking or creating the customer), mark won and lost.
#include <catch2/catch.hpp>
#include <vector>

#include "models_fixture.hpp"

using namespace models_test;

namespace {

/// The lead as stored, archived ones included.
models::CrmLead lead_row(const odoo::Client& client, odoo::Id id) {
    const auto rows = client.model<models::CrmLead>().read(std::vector<odoo::Id>{id});
    REQUIRE(rows.size() == 1);
    return rows.front();
}

/// date_closed, which the model struct leaves out (Odoo computes it).
json date_closed(const odoo::Client& client, odoo::Id id) {
    return client.model("crm.lead")
        .read(std::vector<odoo::Id>{id}, {"date_closed"})
        .at(0)
        .at("date_closed");
}

}  // namespace

TEST_CASE("Leads creates leads and converts them to opportunities", "[models][leads]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Leads leads{client};

        odoo::Partial<models::CrmLead> extra;
        extra.set(&models::CrmLead::contact_name, "Aigerim Sultanova")
            .set(&models::CrmLead::email_from, "aigerim@example.kz")
            .set(&models::CrmLead::expected_revenue, 48'000'000.0);
        const odoo::Id created = leads.create("2-room flat on Abay", extra);
        auto lead = lead_row(client, created);
        CHECK(lead.type == models::LeadType::lead);
        CHECK(lead.name == "2-room flat on Abay");
        CHECK(lead.email_from == "aigerim@example.kz");
        CHECK(lead.stage_id.has_value());  // Odoo's defaults apply
        REQUIRE(lead.user_id.has_value());
        CHECK(lead.user_id->id == client.uid());
        CHECK_THROWS_AS(leads.create(""), ob::ConfigurationError);

        // Create the customer from the lead's contact details.
        leads.convert_to_opportunity(created, {.create_customer = true});
        lead = lead_row(client, created);
        CHECK(lead.type == models::LeadType::opportunity);
        REQUIRE(lead.partner_id.has_value());
        const auto customer = read_back<models::ResPartner>(client, lead.partner_id->id);
        CHECK(customer.name == "Aigerim Sultanova");
        CHECK(customer.email == "aigerim@example.kz");

        // Link an existing customer.
        const odoo::Id second = leads.create("Office in Esentai");
        leads.convert_to_opportunity(second, {.partner_id = 10});
        lead = lead_row(client, second);
        CHECK(lead.type == models::LeadType::opportunity);
        CHECK(lead.partner_id == odoo::Many2one{10, "Deco Addict"});

        // Keep the lead's own customer (what convert_opportunity(False) would have dropped).
        odoo::Partial<models::CrmLead> with_customer;
        with_customer.set(&models::CrmLead::partner_id, odoo::Many2one{14});
        const odoo::Id third = leads.create("House in Medeu", with_customer);
        leads.convert_to_opportunity(third);
        lead = lead_row(client, third);
        CHECK(lead.type == models::LeadType::opportunity);
        CHECK(lead.partner_id == odoo::Many2one{14, "Azure Interior"});

        CHECK_THROWS_AS(
            leads.convert_to_opportunity(third, {.partner_id = 10, .create_customer = true}),
            ob::ConfigurationError);
        CHECK_THROWS_AS(leads.convert_to_opportunity(999'999), odoo::MissingError);
    }
}

TEST_CASE("Leads marks opportunities won and lost like Odoo", "[models][leads]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Leads leads{client};
        odoo::Partial<models::CrmLead> qualified;
        qualified.set(&models::CrmLead::stage_id, odoo::Many2one{2});
        const odoo::Id id = leads.create("Penthouse", qualified);

        leads.mark_lost(id, 1);
        auto lead = lead_row(client, id);
        CHECK_FALSE(lead.active);
        CHECK(lead.probability == 0);
        CHECK(lead.lost_reason_id == odoo::Many2one{1, "Too expensive"});
        CHECK(date_closed(client, id).is_string());
        CHECK(client.model<models::CrmLead>().search(odoo::field("id") == id).empty());

        leads.mark_won(id);  // reactivates, moves to the won stage
        lead = lead_row(client, id);
        CHECK(lead.active);
        CHECK(lead.probability == 100);
        CHECK(lead.stage_id == odoo::Many2one{4, "Won"});
        CHECK_FALSE(lead.lost_reason_id.has_value());
        CHECK(date_closed(client, id).is_string());

        const odoo::Id other = leads.create("Garage");
        leads.mark_lost(other);  // without a reason
        lead = lead_row(client, other);
        CHECK_FALSE(lead.active);
        CHECK_FALSE(lead.lost_reason_id.has_value());

        CHECK_THROWS_AS(leads.mark_won(999'999), odoo::MissingError);
        CHECK_THROWS_AS(leads.mark_lost(999'999), odoo::MissingError);
    }
}

TEST_CASE("Leads.mark_lost leaves a lead as Odoo's action_set_lost does", "[models][leads]") {
    fresh_server();
    const auto client = FakeOdoo::instance().connect(odoo::ProtocolKind::jsonrpc);
    const models::Leads leads{client};
    const odoo::Id by_helper = leads.create("Helper");
    const odoo::Id by_odoo = leads.create("Odoo");
    leads.mark_lost(by_helper, 2);
    const json result =
        client.execute_kw("crm.lead", "action_set_lost", json::array({json::array({by_odoo})}),
                          {{"lost_reason_id", 2}});
    CHECK(result.is_null());  // what XML-RPC cannot send
    auto helper = lead_row(client, by_helper);
    auto odoo_lost = lead_row(client, by_odoo);
    helper.id = odoo_lost.id;
    helper.name = odoo_lost.name;
    CHECK(helper == odoo_lost);
}
