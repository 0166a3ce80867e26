// The business models of odoobridge/models.hpp against the real Odoo answers: the captured
// search_read / read answers decode into them on every path (JSON-RPC result, XML-RPC twin,
// JSON-RPC bytes), with the values the captures hold; every field the captures asked for is
// a member; and the structs match the captured fields_get of Odoo 16 (and of Odoo 19 for
// crm.lead), the offline twin of Model<T>::verify_schema.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <odoobridge/models.hpp>
#include <string>
#include <vector>

#include "capture.hpp"
#include "xmlrpc_json.hpp"

namespace {

using odoobridge::json;
using odoobridge::test::load_capture;
namespace odoo = odoobridge::odoo;
namespace models = odoobridge::models;
using typed_test::XmlRpcToJson;

json odoo16_fields_get(const std::string& name) {
    return json::parse(load_capture("odoo16/jsonrpc/" + name + ".json").response_body).at("result");
}

/// The records of capture `name` decoded into `T` on the json path, after checking that
/// the XML-RPC twin and the bytes path give the same records and that `T` has a member
/// for every field the capture asked for, except the read-only ones of `fields_get` (the
/// models hold only what may be written, unless they say otherwise).
template <class T>
std::vector<T> decode_capture(const std::string& name, const json& fields_get = json::object()) {
    const auto jsonrpc = load_capture("odoo16/jsonrpc/" + name + ".json");
    const auto xmlrpc = load_capture("odoo16/xmlrpc/" + name + ".json");
    const json result = json::parse(jsonrpc.response_body).at("result");
    const auto records = odoo::records_from_json<T>(result);
    REQUIRE(records.size() == result.size());
    CHECK(odoo::records_from_json<T>(XmlRpcToJson(xmlrpc.response_body).response_value()) ==
          records);
    const auto bytes = odoo::decode_jsonrpc_result_records<T>(jsonrpc.response_body);
    REQUIRE(bytes.ok());
    CHECK(bytes.records == records);

    const json asked = json::parse(jsonrpc.request_body).at("params").at("args").at(6).at("fields");
    const auto members = odoo::field_names<T>();
    for (const auto& field : asked) {
        const auto name_of_field = field.get<std::string>();
        if (fields_get.contains(name_of_field) &&
            fields_get.at(name_of_field).value("readonly", false))
            continue;
        INFO(T::odoo_model << " lacks the captured writable field " << field);
        CHECK(std::find(members.begin(), members.end(), name_of_field) != members.end());
    }
    return records;
}

/// `T` against a captured fields_get answer: every member a field of a fitting type.
template <class T>
void check_against_fields_get(const json& fields_get) {
    INFO(T::odoo_model);
    CHECK_NOTHROW(odoo::check_schema(T::odoo_model, odoo::expected_fields<T>(), fields_get));
}

}  // namespace

TEST_CASE("models match the captured fields_get of Odoo 16 and 19", "[typed][models]") {
    check_against_fields_get<models::EstateProperty>(odoo16_fields_get("royal_estate_fields_get"));
    check_against_fields_get<models::EstatePropertyImage>(
        odoo16_fields_get("royal_estate_image_fields_get"));
    check_against_fields_get<models::ResPartner>(odoo16_fields_get("partner_fields_get"));
    check_against_fields_get<models::CrmLead>(odoo16_fields_get("lead_fields_get"));
    check_against_fields_get<models::AccountMove>(odoo16_fields_get("move_fields_get"));
    check_against_fields_get<models::CrmLead>(
        json::parse(load_capture("odoo19/14_json2_fields_get_crm_lead.json").response_body));

    // The check is not vacuous: a member of the wrong type is reported.
    CHECK_THROWS_AS(
        odoo::check_schema("crm.lead",
                           {{"id", {"integer"}, "int"}, {"partner_id", {"integer"}, "int"}},
                           odoo16_fields_get("lead_fields_get")),
        odoo::SchemaMismatchError);
}

TEST_CASE("estate.property decodes the Royal Estate capture", "[typed][models]") {
    const auto properties = decode_capture<models::EstateProperty>(
        "royal_estate_search_read", odoo16_fields_get("royal_estate_fields_get"));
    REQUIRE(properties.size() == 3);

    const auto& flat = properties[0];
    CHECK(flat.id == 4);
    CHECK(flat.name == "ACC-003 1-комн. квартира, 48 м²");
    CHECK(flat.price == 87'000'000.0);
    CHECK(flat.state == models::PropertyState::deposit);
    CHECK(flat.deal_type == models::DealType::sale);
    CHECK(flat.property_type == models::PropertyType::apartment);
    CHECK(flat.rooms == 1);
    CHECK(flat.area == 48.0);
    CHECK(flat.floor == 4);
    CHECK_FALSE(flat.has_parking);
    CHECK(flat.district == models::District::auezov);
    CHECK(flat.street == "Толе би");
    CHECK(flat.house_number == "162");
    CHECK(flat.city == "Алматы");
    CHECK(flat.latitude == 43.2627433);
    CHECK(flat.longitude == 76.9447709);
    CHECK_FALSE(flat.deal_date.has_value());
    CHECK(flat.user_id == odoo::Many2one{2, "Mitchell Admin"});
    CHECK(flat.owner_id == odoo::Many2one{44, "ACC Owner 3"});
    CHECK_FALSE(flat.crm_lead_id.has_value());
    CHECK(flat.image_ids.ids.empty());
    CHECK(flat.commission == 0.02);

    CHECK(properties[1].state == models::PropertyState::deal);
    CHECK(properties[1].deal_date == std::chrono::year{2025} / 5 / 15);
    CHECK(properties[1].has_parking);
    CHECK(properties[2].deal_type == models::DealType::rent);
    CHECK(properties[2].district == models::District::almaly);

    // Selections go back as Odoo's keys, "new" included.
    models::EstateProperty fresh;
    CHECK(odoo::to_values(fresh).at("state") == "new");
    CHECK(odoo::to_values(properties[2]).at("district") == "almaly");
}

TEST_CASE("res.partner decodes the partner capture", "[typed][models]") {
    const auto partners = decode_capture<models::ResPartner>(
        "partner_search_read", odoo16_fields_get("partner_fields_get"));
    REQUIRE(partners.size() == 3);
    CHECK(partners[0].name == "YourCompany");
    CHECK(partners[0].email == "info@yourcompany.com");
    CHECK(partners[0].is_company);
    CHECK(partners[0].country_id == odoo::Many2one{233, "United States"});
    CHECK(partners[0].lang == "en_US");
    CHECK_FALSE(partners[0].vat.has_value());
    CHECK(partners[0].child_ids.ids == std::vector<odoo::Id>{39, 40});
    CHECK(partners[1].category_id.ids == std::vector<odoo::Id>{7, 6});
    CHECK(partners[2].street == "77 Santa Barbara Rd");
}

TEST_CASE("crm.lead decodes the lead capture, priorities by their keys", "[typed][models]") {
    const auto leads =
        decode_capture<models::CrmLead>("lead_search_read", odoo16_fields_get("lead_fields_get"));
    REQUIRE(leads.size() == 3);
    CHECK(leads[0].type == models::LeadType::opportunity);
    CHECK(leads[0].priority == models::LeadPriority::medium);  // "1"
    CHECK(leads[1].priority == models::LeadPriority::high);    // "2"
    CHECK_FALSE(leads[0].partner_id.has_value());
    CHECK(leads[0].email_from == "willmac@rediffmail.example.com");
    CHECK(leads[0].expected_revenue == 40000.0);
    CHECK(leads[0].date_deadline == std::chrono::year{2026} / 12 / 20);
    CHECK(leads[2].stage_id == odoo::Many2one{2, "Qualified"});
    CHECK(leads[2].probability == 30.0);

    models::CrmLead lead;
    lead.priority = models::LeadPriority::very_high;
    CHECK(odoo::to_values(lead, &models::CrmLead::priority) == json{{"priority", "3"}});
}

TEST_CASE("account.move and account.move.line decode the invoice captures", "[typed][models]") {
    const auto moves = decode_capture<models::AccountMove>("move_search_read",
                                                           odoo16_fields_get("move_fields_get"));
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].name == "INV/2026/00001");
    CHECK(moves[0].move_type == models::MoveType::out_invoice);
    CHECK(moves[0].state == models::MoveState::posted);
    CHECK(moves[0].payment_state == models::PaymentState::not_paid);
    CHECK(moves[0].partner_id == odoo::Many2one{14, "Azure Interior"});
    CHECK(moves[0].amount_total == 36512.5);
    CHECK(moves[0].invoice_date_due == std::chrono::year{2026} / 12 / 31);
    CHECK(moves[0].invoice_line_ids.ids == std::vector<odoo::Id>{1, 2});
    CHECK(moves[1].amount_residual == 48012.5);

    const auto lines = decode_capture<models::AccountMoveLine>("move_line_read");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].move_id == odoo::Many2one{3, "INV/2026/00003"});
    CHECK(lines[0].display_type == models::LineDisplayType::product);
    CHECK(lines[0].product_id == odoo::Many2one{35, "[FURN_8999] Three-Seat Sofa"});
    CHECK(lines[1].price_unit == 2350.0);
    CHECK(lines[1].price_total == 13512.5);
    CHECK(lines[1].tax_ids.ids == std::vector<odoo::Id>{1});
}

TEST_CASE("invoice_line builds the values of a new line", "[typed][models]") {
    auto line = models::invoice_line("Agency commission", 1, 1'740'000);
    line.set(&models::AccountMoveLine::tax_ids, odoo::X2many{{1}, {}});
    CHECK(line.values() == json{{"name", "Agency commission"},
                                {"quantity", 1.0},
                                {"price_unit", 1740000.0},
                                {"tax_ids", json::array({json::array({6, 0, json::array({1})})})}});
    CHECK(odoo::Command::create(line.values()).to_json().at(0) == 0);
    CHECK_THROWS_AS(models::invoice_line("", 1, 1), odoobridge::ConfigurationError);
}

TEST_CASE("Partners normalizes emails and escapes LIKE wildcards", "[typed][models]") {
    CHECK(models::Partners::normalize_email("  Aigerim@Example.KZ\n") == "aigerim@example.kz");
    for (const char* bad : {"", "   ", "no-at-sign", "@example.kz", "aigerim@"}) {
        INFO(bad);
        CHECK_THROWS_AS(models::Partners::normalize_email(bad), odoobridge::ConfigurationError);
    }
    CHECK(models::partner_detail::like_literal("john_doe%1\\x@a.kz") == "john\\_doe\\%1\\\\x@a.kz");
}
