// Search domains: every operator, prefix notation and flattening, raw pass-through and its
// validation, value encoding, the readable form.

#include "typed_records.hpp"

#include <odoobridge/odoo/domain.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using odoobridge::ConfigurationError;
using odoobridge::json;
namespace odoo = odoobridge::odoo;
using odoo::Domain;
using odoo::field;
using namespace typed_test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

json j(const char* text) { return json::parse(text); }

}  // namespace

TEST_CASE("the issue's example in prefix notation", "[typed][domain]") {
    const Domain d = field("price") >= 30'000'000 && field("district").in({"medeu", "bostandyk"}) ||
                     !field("active");
    CHECK(d.to_json() == j(R"(["|", "&", ["price", ">=", 30000000],
                                ["district", "in", ["medeu", "bostandyk"]],
                                "!", ["active", "=", true]])"));
    CHECK(d.to_string() ==
          R"(((price >= 30000000 AND district in ["medeu","bostandyk"]) OR NOT active = true))");
    std::ostringstream out;
    out << d;
    CHECK(out.str() == d.to_string());
}

TEST_CASE("every Odoo operator", "[typed][domain]") {
    const std::vector<std::pair<Domain, const char*>> cases = {
        {field("a") == 1, R"([["a", "=", 1]])"},
        {field("a") != "x", R"([["a", "!=", "x"]])"},
        {field("a") < 2.5, R"([["a", "<", 2.5]])"},
        {field("a") <= 3, R"([["a", "<=", 3]])"},
        {field("a") > -4, R"([["a", ">", -4]])"},
        {field("a") >= 5, R"([["a", ">=", 5]])"},
        {field("a").in({1, 2}), R"([["a", "in", [1, 2]]])"},
        {field("a").in(std::vector<odoo::Id>{3, 4}), R"([["a", "in", [3, 4]]])"},
        {field("a").in(j("[\"x\"]")), R"([["a", "in", ["x"]]])"},
        {field("a").not_in({"p", "q"}), R"([["a", "not in", ["p", "q"]]])"},
        {field("a").not_in(std::vector<std::string>{}), R"([["a", "not in", []]])"},
        {field("a").not_in(j("[]")), R"([["a", "not in", []]])"},
        {field("a").like("ab%"), R"([["a", "like", "ab%"]])"},
        {field("a").ilike("ab"), R"([["a", "ilike", "ab"]])"},
        {field("a").eq_like("AB_"), R"([["a", "=like", "AB_"]])"},
        {field("a").eq_ilike("ab_"), R"([["a", "=ilike", "ab_"]])"},
        {field("a").not_like("x"), R"([["a", "not like", "x"]])"},
        {field("a").not_ilike("x"), R"([["a", "not ilike", "x"]])"},
        {field("parent_id").child_of(5), R"([["parent_id", "child_of", 5]])"},
        {field("parent_id").parent_of(std::vector<int>{5, 6}),
         R"([["parent_id", "parent_of", [5, 6]]])"},
        {field("user_id").equals_if_set(std::optional<odoo::Id>{}),
         R"([["user_id", "=?", false]])"},
        {field("user_id").equals_if_set(2), R"([["user_id", "=?", 2]])"},
        {field("tag_ids").op("any", j(R"([["name", "=", "vip"]])")),
         R"([["tag_ids", "any", [["name", "=", "vip"]]]])"},
        {field("email").is_set(), R"([["email", "!=", false]])"},
        {field("email").is_not_set(), R"([["email", "=", false]])"},
        {field("active"), R"([["active", "=", true]])"},
    };
    for (const auto& [domain, expected] : cases) {
        INFO(expected);
        CHECK(domain.to_json() == j(expected));
    }
}

TEST_CASE("values are encoded like record values", "[typed][domain]") {
    using std::chrono::year;
    CHECK((field("deal_date") >= odoo::Date{year{2025} / 5 / 1}).to_json() ==
          j(R"([["deal_date", ">=", "2025-05-01"]])"));
    CHECK((field("create_date") < std::chrono::sys_days(year{2026} / 1 / 2) + 3h).to_json() ==
          j(R"([["create_date", "<", "2026-01-02 03:00:00"]])"));
    CHECK((field("owner_id") == odoo::Many2one{44, "ACC Owner 3"}).to_json() ==
          j(R"([["owner_id", "=", 44]])"));
    CHECK((field("state") == PropertyState::new_).to_json() == j(R"([["state", "=", "new"]])"));
    CHECK(field("state").in({PropertyState::deposit, PropertyState::deal}).to_json() ==
          j(R"([["state", "in", ["deposit", "deal"]]])"));
    CHECK((field("crm_lead_id") == std::nullopt).to_json() ==
          j(R"([["crm_lead_id", "=", false]])"));
    CHECK((field("name") == std::string("Толе би")).to_json() ==
          j(R"([["name", "=", "Толе би"]])"));
    CHECK((field("has_parking") == false).to_json() == j(R"([["has_parking", "=", false]])"));
    CHECK((field("big") > std::int64_t{5'000'000'000}).to_json() ==
          j(R"([["big", ">", 5000000000]])"));
}

TEST_CASE("AND and OR nest flat, NOT stays as written", "[typed][domain]") {
    const Domain a = field("a") == 1, b = field("b") == 2, c = field("c") == 3, e = field("e") == 4;
    const json A = j(R"(["a", "=", 1])"), B = j(R"(["b", "=", 2])"), C = j(R"(["c", "=", 3])"),
               E = j(R"(["e", "=", 4])");
    CHECK((a && b).to_json() == json::array({"&", A, B}));
    CHECK((a && b && c).to_json() == json::array({"&", "&", A, B, C}));
    CHECK((a && (b && c)).to_json() == json::array({"&", "&", A, B, C}));
    CHECK((a || b || c).to_json() == json::array({"|", "|", A, B, C}));
    CHECK(((a || b) && c).to_json() == json::array({"&", "|", A, B, C}));
    CHECK((a && (b || c)).to_json() == json::array({"&", A, "|", B, C}));
    CHECK(((a && b) || (c && e)).to_json() == json::array({"|", "&", A, B, "&", C, E}));
    CHECK((!a).to_json() == json::array({"!", A}));
    CHECK((!(a && b)).to_json() == json::array({"!", "&", A, B}));
    CHECK((!!a).to_json() == json::array({"!", "!", A}));
    CHECK((!a && !b).to_json() == json::array({"&", "!", A, "!", B}));
    CHECK((a && b).to_string() == "(a = 1 AND b = 2)");
    CHECK((!(a || b)).to_string() == "NOT (a = 1 OR b = 2)");
}

TEST_CASE("the empty domain matches everything", "[typed][domain]") {
    const Domain all;
    const Domain a = field("a") == 1;
    CHECK(all.empty());
    CHECK(all.to_json() == json::array());
    CHECK(all.to_string() == "TRUE");
    CHECK((all && a) == a);
    CHECK((a && all) == a);
    CHECK((all || a).empty());
    CHECK((a || all).empty());
    CHECK((!all).to_json() == j(R"([[0, "=", 1]])"));
    CHECK(Domain::match_none().to_json() == j(R"([[0, "=", 1]])"));
    CHECK_FALSE(Domain::match_none().empty());
}

TEST_CASE("raw domains pass through and combine", "[typed][domain]") {
    const char* const raws[] = {
        R"([])",
        R"([["state", "in", ["deposit", "deal"]]])",
        R"([["a", "=", 1], ["b", "=", 2]])",
        R"(["&", ["a", "=", 1], "|", ["b", "=", 2], ["c", "=", 3]])",
        R"(["!", "!", ["a", "=", 1]])",
        R"([[1, "=", 1]])",
        R"(["|", [0, "=", 1], ["x.y", "not any", [["z", "=", false]]]])",
    };
    for (const char* text : raws) {
        INFO(text);
        CHECK(Domain::raw(j(text)).to_json() == j(text));
    }
    CHECK(Domain::raw(json::array()).empty());

    const Domain implicit_and = Domain::raw(j(R"([["a", "=", 1], ["b", "=", 2]])"));
    CHECK((implicit_and && field("c") == 3).to_json() ==
          j(R"(["&", "&", ["a", "=", 1], ["b", "=", 2], ["c", "=", 3]])"));
    CHECK((implicit_and || field("c") == 3).to_json() ==
          j(R"(["|", "&", ["a", "=", 1], ["b", "=", 2], ["c", "=", 3]])"));
    const Domain nested =
        Domain::raw(j(R"(["&", ["a", "=", 1], "|", ["b", "=", 2], ["c", "=", 3]])"));
    CHECK((!nested).to_json() ==
          j(R"(["!", "&", ["a", "=", 1], "|", ["b", "=", 2], ["c", "=", 3]])"));
    CHECK(nested.to_string() == "(a = 1 AND (b = 2 OR c = 3))");
}

TEST_CASE("raw domains are validated", "[typed][domain]") {
    const std::vector<std::pair<const char*, const char*>> bad = {
        {R"({"a": 1})", "it is object, not a list"},
        {R"("a = 1")", "it is string, not a list"},
        {R"(["&&", ["a", "=", 1], ["b", "=", 2]])", "no domain operator"},
        {R"([["a", "="]])", "a list of 2 items"},
        {R"([["a", "=", 1, 2]])", "a list of 4 items"},
        {R"([["", "=", 1]])", "does not start with a field name"},
        {R"([[5, "=", 1]])", "does not start with a field name"},
        {R"([["a", 1, 1]])", "no operator string"},
        {R"([["a", "", 1]])", "no operator string"},
        {R"(["&", ["a", "=", 1]])", "needs 2 operands after it, found 1"},
        {R"([["a", "=", 1], "!"])", "needs 1 operand after it, found 0"},
        {R"([42])", "is number"},
    };
    for (const auto& [text, problem] : bad) {
        INFO(text);
        CHECK_THROWS_AS(Domain::raw(j(text)), ConfigurationError);
        CHECK_THROWS_WITH(Domain::raw(j(text)), Contains(problem));
    }
    CHECK_THROWS_WITH(Domain::raw(j(R"(["|", ["a", "=", 1]])")),
                      Contains("element 0") && Contains("written before their operands"));
}

TEST_CASE("empty names and operators are refused", "[typed][domain]") {
    CHECK_THROWS_AS(field(""), ConfigurationError);
    CHECK_THROWS_AS(field("a").op("", 1), ConfigurationError);
    CHECK_THROWS_AS(Domain::leaf("a", "", 1), ConfigurationError);
    CHECK_THROWS_AS(field("a").in(json(3)), ConfigurationError);
    CHECK_THROWS_WITH(field("a").not_in(json("x")), Contains("takes a list of values"));
}
