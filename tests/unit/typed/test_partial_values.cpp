// Encoding for writes: all fields, named members only, and Partial<T>.

#include "typed_records.hpp"

#include <odoobridge/odoo/fields.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace typed_test {

struct Undescribed {
    static constexpr std::string_view odoo_model = "test.undescribed";
    odoo::Id id = 0;
    std::string name;
    std::string hidden;  // deliberately left out of the description
};
BOOST_DESCRIBE_STRUCT(Undescribed, (), (id, name))

}  // namespace typed_test

namespace {

using odoobridge::ConfigurationError;
using odoobridge::json;
namespace odoo = odoobridge::odoo;
using namespace typed_test;
using Catch::Matchers::Contains;

Property sample_property() {
    Property p;
    p.id = 11;
    p.name = "ACC-010";
    p.price = 104000000.0;
    p.state = PropertyState::deposit;
    p.district = District::almaly;
    p.deal_date = std::chrono::year{2025} / 5 / 15;
    p.owner_id = odoo::Many2one{41, "ACC Owner 0"};
    return p;
}

}  // namespace

TEST_CASE("to_values writes every field but id", "[typed][write]") {
    const json values = odoo::to_values(sample_property());
    CHECK_FALSE(values.contains("id"));
    CHECK(values.at("name") == "ACC-010");  // inherited from the described base
    CHECK(values.at("state") == "deposit");
    CHECK(values.at("district") == "almaly");
    CHECK(values.at("deal_date") == "2025-05-15");
    CHECK(values.at("owner_id") == 41);
    CHECK(values.at("user_id") == false);
    CHECK(values.at("street") == false);
    CHECK(values.at("image_ids") == json::parse("[[6, 0, []]]"));
    CHECK(values.size() == odoo::field_names<Property>().size() - 1);
}

TEST_CASE("to_values with members writes only those", "[typed][write]") {
    const Property p = sample_property();
    CHECK(odoo::to_values(p, &Property::price, &Property::state, &Property::name) ==
          json::parse(R"({"price": 104000000.0, "state": "deposit", "name": "ACC-010"})"));
    CHECK_THROWS_WITH(odoo::to_values(p, &Property::id), Contains("id cannot be written"));

    const Undescribed u{1, "a", "b"};
    CHECK(odoo::to_values(u) == json::parse(R"({"name": "a"})"));
    CHECK_THROWS_AS(odoo::to_values(u, &Undescribed::hidden), ConfigurationError);
    CHECK_THROWS_WITH(odoo::to_values(u, &Undescribed::hidden), Contains("BOOST_DESCRIBE_STRUCT"));
}

TEST_CASE("Partial<T> collects the fields that were set", "[typed][write]") {
    odoo::Partial<Property> changes;
    CHECK(changes.empty());
    CHECK(changes.values() == json::object());
    changes.set(&Property::price, 95'000'000)
        .set(&Property::state, PropertyState::deal)
        .set(&Property::deal_date, std::chrono::year{2026} / 1 / 31)
        .set(&Property::crm_lead_id, odoo::Many2one{45})
        .set(&Property::street, std::nullopt)
        .set(&Property::name, "ACC-011");
    CHECK_FALSE(changes.empty());
    CHECK(changes.values() == json::parse(R"({
        "price": 95000000.0, "state": "deal", "deal_date": "2026-01-31", "crm_lead_id": 45,
        "street": false, "name": "ACC-011"})"));
    CHECK(changes.fields() ==
          std::vector<std::string>{"crm_lead_id", "deal_date", "name", "price", "state", "street"});

    changes.set(&Property::price, 1.5);  // setting again replaces
    CHECK(changes.values().at("price") == 1.5);

    odoo::Partial<Property> copied;
    copied.copy(sample_property(), &Property::owner_id);
    CHECK(copied.values() == json::parse(R"({"owner_id": 41})"));

    CHECK_THROWS_AS(changes.set(&Property::id, 3), ConfigurationError);
    odoo::Partial<Undescribed> hidden;
    CHECK_THROWS_AS(hidden.set(&Undescribed::hidden, "x"), ConfigurationError);
}

TEST_CASE("model names and field lists come from the description", "[typed][write]") {
    STATIC_REQUIRE(odoo::Record<Property>);
    STATIC_REQUIRE(odoo::model_name<Property>() == "estate.property");
    STATIC_REQUIRE_FALSE(odoo::Record<EstateBase>);
    STATIC_REQUIRE(odoo::model_name<EstateBase>().empty());
    CHECK(odoo::field_names<Small>() == std::vector<std::string>{"id", "name", "count"});
    CHECK(odoo::field_names<Property>().front() == "id");
    CHECK(odoo::field_names<Property>().at(1) == "name");
    CHECK(odoo::field_names<Property>().at(2) == "price");
}
