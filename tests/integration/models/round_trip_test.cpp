// Every business model through create and read on every protocol: what is written comes
// back equal (many2one display names are set on the input as the server names them; they
// are ignored on write).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <vector>

#include "models_fixture.hpp"

using namespace models_test;

namespace {

models::EstateProperty sample_property() {
    models::EstateProperty p;
    p.name = "RT-001 3-комн. квартира, 92 м²";
    p.description = "Вид на горы\nремонт 2024";
    p.deal_type = models::DealType::rent;
    p.property_type = models::PropertyType::house;
    p.state = models::PropertyState::showing;
    p.price = 350'000;
    p.commission = 0.5;
    p.rooms = 3;
    p.area = 92.5;
    p.floor = 2;
    p.floors_total = 3;
    p.has_parking = true;
    p.district = models::District::medeu;
    p.street = "Достык";
    p.house_number = "240/1";
    p.city = "Алматы";
    p.latitude = 43.2216611;
    p.longitude = 76.9585361;
    p.deal_date = std::chrono::year{2026} / 3 / 1;
    p.user_id = odoo::Many2one{2, "Mitchell Admin"};
    p.owner_id = odoo::Many2one{44, "ACC Owner 3"};
    p.crm_lead_id = odoo::Many2one{13, "Quote for 12 Tables"};
    return p;
}

models::ResPartner sample_partner() {
    models::ResPartner p;
    p.name = "Aigerim Sultanova";
    p.parent_id = odoo::Many2one{14, "Azure Interior"};
    p.type = models::PartnerType::invoice;
    p.email = "aigerim@example.kz";
    p.phone = "+7 701 000 0000";
    p.street = "Абая 10";
    p.street2 = "кв. 5";
    p.zip = "050000";
    p.city = "Алматы";
    p.country_id = odoo::Many2one{233, "United States"};
    p.vat = "860101300123";
    p.ref = "CRM-42";
    p.website = "https://example.kz";
    p.function = "Buyer";
    p.lang = "en_US";
    p.comment = "<p>VIP</p>";
    p.category_id.ids = {7, 6};  // read back in the tags' order (by name)
    p.customer_rank = 2;
    p.supplier_rank = 1;
    p.company_id = odoo::Many2one{1, "YourCompany"};
    p.user_id = odoo::Many2one{6, "Marc Demo"};
    return p;
}

models::CrmLead sample_lead() {
    models::CrmLead l;
    l.name = "Flat on Abay for the Sultanovs";
    l.type = models::LeadType::opportunity;
    l.partner_id = odoo::Many2one{10, "Deco Addict"};
    l.contact_name = "Aigerim";
    l.partner_name = "Sultanov family";
    l.email_from = "aigerim@example.kz";
    l.phone = "+7 701 000 0000";
    l.website = "https://example.kz";
    l.description = "<p>Wants 3 rooms</p>";
    l.priority = models::LeadPriority::very_high;
    l.stage_id = odoo::Many2one{2, "Qualified"};
    l.tag_ids.ids = {1, 3};
    l.user_id = odoo::Many2one{6, "Marc Demo"};
    l.team_id = odoo::Many2one{5, "Pre-Sales"};
    l.company_id = odoo::Many2one{1, "YourCompany"};
    l.expected_revenue = 48'000'000;
    l.probability = 42;
    l.date_deadline = std::chrono::year{2026} / 12 / 31;
    l.lost_reason_id = odoo::Many2one{3, "Not enough stock"};
    l.city = "Алматы";
    l.country_id = odoo::Many2one{233, "United States"};
    return l;
}

}  // namespace

TEST_CASE("estate.property and its images round-trip on every protocol", "[models]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        auto property = sample_property();
        property.id = client.model<models::EstateProperty>().create(property);
        REQUIRE(property.id > 0);
        CHECK(read_back<models::EstateProperty>(client, property.id) == property);

        models::EstatePropertyImage image;
        image.property_id = odoo::Many2one{property.id, property.name};
        image.thumbnail = odoo::Binary{{0x89, 'P', 'N', 'G', 0, 0xff, 0x10}};
        image.s3_url = "https://s3.example.kz/royal/rt-001/1.jpg";
        image.s3_key = "royal/rt-001/1.jpg";
        image.sequence = 1;
        image.is_main = true;
        image.id = client.model<models::EstatePropertyImage>().create(image);
        CHECK(read_back<models::EstatePropertyImage>(client, image.id) == image);
        CHECK(read_back<models::EstateProperty>(client, property.id).image_ids.ids ==
              std::vector<odoo::Id>{image.id});

        // Deleting the property deletes its photos (cascade), as on the server.
        client.model<models::EstateProperty>().unlink(std::vector<odoo::Id>{property.id});
        CHECK_FALSE(client.model<models::EstatePropertyImage>().read_one(image.id).has_value());
    }
}

TEST_CASE("res.partner and crm.lead round-trip on every protocol", "[models]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        auto partner = sample_partner();
        partner.id = client.model<models::ResPartner>().create(partner);
        CHECK(read_back<models::ResPartner>(client, partner.id) == partner);

        auto lead = sample_lead();
        lead.id = client.model<models::CrmLead>().create(lead);
        CHECK(read_back<models::CrmLead>(client, lead.id) == lead);

        // A partial write changes only what it names.
        odoo::Partial<models::CrmLead> changes;
        changes.set(&models::CrmLead::priority, models::LeadPriority::low)
            .set(&models::CrmLead::expected_revenue, 50'000'000.0);
        client.model<models::CrmLead>().write(std::vector<odoo::Id>{lead.id}, changes);
        lead.priority = models::LeadPriority::low;
        lead.expected_revenue = 50'000'000;
        CHECK(read_back<models::CrmLead>(client, lead.id) == lead);
    }
}

TEST_CASE("account.move and account.move.line round-trip on every protocol", "[models]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        odoo::Partial<models::AccountMove> values;
        values.set(&models::AccountMove::move_type, models::MoveType::out_invoice)
            .set(&models::AccountMove::partner_id, odoo::Many2one{12})
            .set(&models::AccountMove::date, std::chrono::year{2026} / 11 / 30)
            .set(&models::AccountMove::invoice_date_due, std::chrono::year{2026} / 12 / 30)
            .set(&models::AccountMove::ref, "PO-7")
            .set(&models::AccountMove::payment_reference, "INV-PO-7")
            .set(&models::AccountMove::narration, "<p>Pay within 30 days</p>");
        const odoo::Id move_id =
            client.model<models::AccountMove>().dynamic().create(values.values());
        const auto move = read_back<models::AccountMove>(client, move_id);
        CHECK(move.move_type == models::MoveType::out_invoice);
        CHECK(move.state == models::MoveState::draft);
        CHECK(move.partner_id == odoo::Many2one{12, "Ready Mat"});
        CHECK(move.date == std::chrono::year{2026} / 11 / 30);
        CHECK(move.invoice_date_due == std::chrono::year{2026} / 12 / 30);
        CHECK(move.ref == "PO-7");
        CHECK(move.payment_reference == "INV-PO-7");
        CHECK(move.narration == "<p>Pay within 30 days</p>");
        CHECK(move.journal_id.id == 1);  // the customer invoices journal, by default
        CHECK(move.currency_id == odoo::Many2one{2, "USD"});

        models::AccountMoveLine line;
        line.move_id = odoo::Many2one{move_id, ""};
        line.name = "Sofa\nsteel grey";
        line.product_id = odoo::Many2one{35};
        line.quantity = 2;
        line.price_unit = 1500;
        line.discount = 10;
        line.tax_ids.ids = {1};
        line.account_id = odoo::Many2one{21};
        line.partner_id = odoo::Many2one{12};
        line.currency_id = odoo::Many2one{2};
        line.sequence = 3;
        const odoo::Id line_id =
            client.model<models::AccountMoveLine>().dynamic().create(odoo::to_values(
                line, &models::AccountMoveLine::move_id, &models::AccountMoveLine::name,
                &models::AccountMoveLine::product_id, &models::AccountMoveLine::quantity,
                &models::AccountMoveLine::price_unit, &models::AccountMoveLine::discount,
                &models::AccountMoveLine::tax_ids, &models::AccountMoveLine::account_id,
                &models::AccountMoveLine::partner_id, &models::AccountMoveLine::currency_id,
                &models::AccountMoveLine::sequence));
        const auto stored = read_back<models::AccountMoveLine>(client, line_id);
        CHECK(stored.move_id.id == move_id);
        CHECK(stored.name == line.name);
        CHECK(stored.display_type == models::LineDisplayType::product);
        CHECK(stored.product_id == odoo::Many2one{35, "[FURN_8999] Three-Seat Sofa"});
        CHECK(stored.quantity == 2);
        CHECK(stored.price_unit == 1500);
        CHECK(stored.discount == 10);
        CHECK(stored.tax_ids.ids == std::vector<odoo::Id>{1});
        CHECK(stored.price_subtotal == 2700);  // 2 x 1500 - 10 %
        CHECK(stored.price_total == 3105);     // + 15 % tax
        CHECK(stored.account_id == odoo::Many2one{21, "400000 Product Sales"});
        CHECK(stored.sequence == 3);
        CHECK(read_back<models::AccountMove>(client, move_id).amount_total == 3105);
    }
}
