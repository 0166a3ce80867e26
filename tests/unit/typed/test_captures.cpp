// Typed decoding of the real Odoo 16 answers: every capture decodes to the same records on
// the json path (JSON-RPC result, XML-RPC twin) and on the bytes path (JSON-RPC envelope,
// bare JSON-2-style list), and the records encode back to Odoo's write form.

#include "capture.hpp"
#include "typed_records.hpp"
#include "xmlrpc_json.hpp"

#include <odoobridge/odoo/fields.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace {

using odoobridge::json;
using odoobridge::test::load_capture;
namespace odoo = odoobridge::odoo;
using namespace typed_test;
using namespace std::chrono_literals;

template <class T>
struct AllPaths {
    json result;                     // the JSON-RPC `result`, parsed
    json request_fields;             // the `fields` the capture asked for
    std::vector<T> from_json;        // json path, JSON-RPC result
    std::vector<T> from_xmlrpc;      // json path, XML-RPC twin
    std::vector<T> from_envelope;    // bytes path, JSON-RPC envelope
    std::vector<T> from_list_bytes;  // bytes path, bare list (JSON-2 form)
};

template <class T>
AllPaths<T> decode_all_paths(const std::string& name) {
    const auto jsonrpc = load_capture("odoo16/jsonrpc/" + name + ".json");
    const auto xmlrpc = load_capture("odoo16/xmlrpc/" + name + ".json");
    AllPaths<T> paths;
    paths.result = json::parse(jsonrpc.response_body).at("result");
    const json request = json::parse(jsonrpc.request_body);
    paths.request_fields = request.at("params").at("args").at(6).at("fields");
    paths.from_json = odoo::records_from_json<T>(paths.result);
    paths.from_xmlrpc =
        odoo::records_from_json<T>(XmlRpcToJson(xmlrpc.response_body).response_value());
    auto answer = odoo::decode_jsonrpc_result_records<T>(jsonrpc.response_body);
    REQUIRE(answer.ok());
    paths.from_envelope = std::move(answer.records);
    paths.from_list_bytes = odoo::decode_records<T>(paths.result.dump());
    return paths;
}

/// What Odoo takes on write for a value it sent on read.
json write_form(const json& read_value) {
    if (read_value.is_array()) {
        if (read_value.size() == 2 && read_value[0].is_number_integer() &&
            read_value[1].is_string())
            return read_value[0];                               // many2one → id
        return json::array({json::array({6, 0, read_value})});  // x2many ids → set
    }
    return read_value;
}

template <class T>
void check_all_paths_agree(const AllPaths<T>& paths) {
    REQUIRE(paths.from_json.size() == paths.result.size());
    CHECK(paths.from_envelope == paths.from_json);
    CHECK(paths.from_list_bytes == paths.from_json);
    CHECK(paths.from_xmlrpc == paths.from_json);
}

template <class T>
void check_write_form(const AllPaths<T>& paths) {
    for (std::size_t i = 0; i < paths.from_json.size(); ++i) {
        const json values = odoo::to_values(paths.from_json[i]);
        const json& original = paths.result[i];
        CHECK_FALSE(values.contains("id"));
        CHECK(values.size() == original.size() - 1);
        for (const auto& [key, value] : values.items()) {
            INFO(T::odoo_model << " record " << original.at("id") << " field " << key);
            CHECK(value == write_form(original.at(key)));
        }
    }
}

/// The struct reads exactly the fields the capture asked for (plus id).
template <class T>
void check_field_names(const AllPaths<T>& paths) {
    json expected = json::array({"id"});
    for (const auto& name : paths.request_fields) expected.push_back(name);
    CHECK(json(odoo::field_names<T>()) == expected);
}

/// Decodes `name` on every path and checks what every capture must satisfy: the paths
/// agree, the records encode back to Odoo's write form, and the struct reads exactly the
/// requested fields.
template <class T>
AllPaths<T> decode_and_check(const std::string& name) {
    auto paths = decode_all_paths<T>(name);
    check_all_paths_agree(paths);
    check_write_form(paths);
    check_field_names(paths);
    return paths;
}

struct NewLead {
    static constexpr std::string_view odoo_model = "crm.lead";
    std::string name;
    odoo::Many2one partner_id;
    odoo::Monetary expected_revenue = 0;
    odoo::X2many tag_ids;
};
BOOST_DESCRIBE_STRUCT(NewLead, (), (name, partner_id, expected_revenue, tag_ids))

odoo::Datetime at(std::chrono::year_month_day day, std::chrono::seconds time) {
    return std::chrono::sys_days(day) + time;
}

}  // namespace

TEST_CASE("res.partner search_read decodes on every path", "[typed][captures]") {
    const auto paths = decode_and_check<Partner>("partner_search_read");

    const Partner& company = paths.from_json.at(0);
    CHECK(company.id == 1);
    CHECK(company.name == "YourCompany");
    CHECK(company.email == "info@yourcompany.com");
    CHECK(company.is_company);
    REQUIRE(company.country_id.has_value());
    CHECK(*company.country_id == odoo::Many2one{233, "United States"});
    CHECK(company.category_id.ids.empty());
    CHECK(company.child_ids.ids == std::vector<odoo::Id>{39, 40});
    CHECK(company.create_date == at(std::chrono::year{2026} / 11 / 22, 10h + 27min + 19s));
    CHECK(company.write_date == at(std::chrono::year{2026} / 11 / 22, 10h + 27min + 46s));
    CHECK(company.credit_limit == 0.0);
    CHECK(company.lang == "en_US");
    CHECK_FALSE(company.vat.has_value());  // false on the wire
    CHECK(paths.from_json.at(1).category_id.ids == std::vector<odoo::Id>{7, 6});
}

TEST_CASE("crm.lead search_read decodes selections, dates and empty many2one",
          "[typed][captures]") {
    const auto paths = decode_and_check<Lead>("lead_search_read");

    const Lead& first = paths.from_json.at(0);
    CHECK(first.id == 13);
    CHECK_FALSE(first.partner_id.has_value());
    CHECK_FALSE(first.phone.has_value());
    CHECK(first.expected_revenue == 40000.0);
    CHECK(first.type == LeadType::opportunity);
    CHECK(first.priority == Priority::_1);
    CHECK(first.date_deadline == std::chrono::year{2026} / 12 / 20);
    CHECK(first.stage_id == odoo::Many2one{1, "New"});
    CHECK(first.tag_ids.ids == std::vector<odoo::Id>{1});
    CHECK(paths.from_json.at(1).priority == Priority::_2);
    CHECK(paths.from_json.at(1).partner_id == odoo::Many2one{10, "Deco Addict"});
}

TEST_CASE("account.move search_read decodes monetary amounts and states", "[typed][captures]") {
    const auto paths = decode_and_check<Move>("move_search_read");

    const Move& invoice = paths.from_json.at(0);
    CHECK(invoice.name == "INV/2026/00001");
    CHECK(invoice.move_type == MoveType::out_invoice);
    CHECK(invoice.state == MoveState::posted);
    CHECK(invoice.payment_state == PaymentState::not_paid);
    CHECK(invoice.amount_tax == 4762.5);
    CHECK(invoice.amount_total == 36512.5);
    CHECK(invoice.invoice_date == std::chrono::year{2026} / 11 / 1);
    CHECK(invoice.currency_id == odoo::Many2one{2, "USD"});
    CHECK(invoice.invoice_line_ids.ids == std::vector<odoo::Id>{1, 2});
    CHECK_FALSE(invoice.ref.has_value());
}

TEST_CASE("account.move.line read decodes text with newlines", "[typed][captures]") {
    const auto paths = decode_and_check<MoveLine>("move_line_read");

    const MoveLine& line = paths.from_json.at(0);
    CHECK(line.move_id == odoo::Many2one{3, "INV/2026/00003"});
    CHECK(line.name ==
          "[FURN_8999] Three-Seat Sofa\nThree Seater Sofa with Lounger in Steel Grey "
          "Colour");
    CHECK(line.quantity == 5.0);
    CHECK(line.price_total == 8625.0);
    CHECK(line.display_type == "product");
}

TEST_CASE("res.partner image read decodes base64 into bytes", "[typed][captures]") {
    // The write-form check: re-encoding the bytes gives the server's base64 back.
    const auto paths = decode_and_check<PartnerImage>("partner_read_image");

    const PartnerImage& image = paths.from_json.at(0);
    REQUIRE(image.image_128.has_value());
    const auto& bytes = image.image_128->bytes;
    REQUIRE(bytes.size() > 8);
    CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 8) ==
          std::vector<std::uint8_t>{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
}

TEST_CASE("estate.property search_read decodes Cyrillic text, keyword keys and bases",
          "[typed][captures]") {
    const auto paths = decode_and_check<Property>("royal_estate_search_read");

    const Property& first = paths.from_json.at(0);
    CHECK(first.id == 4);  // inherited from EstateBase
    CHECK(first.name == "ACC-003 1-комн. квартира, 48 м²");
    CHECK(first.price == 87000000.0);
    CHECK(first.state == PropertyState::deposit);
    CHECK(first.district == District::auezov);
    CHECK(first.street == "Толе би");
    CHECK(first.rooms == 1);
    CHECK(first.latitude == 43.2627433);
    CHECK_FALSE(first.deal_date.has_value());
    CHECK_FALSE(first.crm_lead_id.has_value());
    CHECK(first.owner_id == odoo::Many2one{44, "ACC Owner 3"});
    CHECK(first.commission == 0.02);
    CHECK(paths.from_json.at(1).deal_date == std::chrono::year{2025} / 5 / 15);
    CHECK(paths.from_json.at(1).state == PropertyState::deal);
    CHECK(paths.from_json.at(2).deal_type == DealType::rent);
}

TEST_CASE("a JSON-RPC error answer is handed back for the protocol to map", "[typed][captures]") {
    const auto capture = load_capture("odoo16/jsonrpc/error_access_error_demo.json");
    const auto answer = odoo::decode_jsonrpc_result_records<Partner>(capture.response_body);
    CHECK_FALSE(answer.ok());
    CHECK(answer.records.empty());
    REQUIRE(answer.error.has_value());
    CHECK(*answer.error == json::parse(capture.response_body).at("error"));
}

TEST_CASE("the values of a typed create match the captured create", "[typed][captures]") {
    const auto capture = load_capture("odoo16/jsonrpc/lead_create_with_commands.json");
    const json sent = json::parse(capture.request_body).at("params").at("args").at(5).at(0);
    const NewLead lead{"Wire lead", {41, ""}, 48000000, {}};
    CHECK(odoo::to_values(lead) == sent);
}

TEST_CASE("Odoo 19 JSON-2 bare lists and JSON-RPC envelopes decode on the bytes path",
          "[typed][captures]") {
    const auto json2 = load_capture("odoo19/15_json2_search_read_crm_lead.json");
    const auto leads = odoo::decode_records<Lead>(json2.response_body);
    CHECK(leads == odoo::records_from_json<Lead>(json::parse(json2.response_body)));
    REQUIRE(leads.size() == 3);
    CHECK(leads[0].id == 13);
    CHECK_FALSE(leads[0].partner_id.has_value());
    CHECK(leads[1].partner_id == odoo::Many2one{9, "Acme Corporation"});
    CHECK(leads[2].expected_revenue == 25000.0);
    CHECK(leads[2].stage_id == odoo::Many2one{2, "Qualified"});
    CHECK(leads[0].type == LeadType::lead);  // not read: keeps its default

    const auto legacy = load_capture("odoo19/52_jsonrpc_execute_kw_search_read.json");
    const auto answer = odoo::decode_jsonrpc_result_records<Small>(legacy.response_body);
    REQUIRE(answer.ok());
    REQUIRE(answer.records.size() == 3);
    CHECK(answer.records[1].id == 15);
    CHECK(answer.records[1].name == "Azure Interior");
}
