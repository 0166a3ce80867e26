// Model<T> and DynamicModel against the fake Odoo server on all four protocols: typed
// search_read with domains, a create/write/read/unlink round trip, streaming, the schema
// check and a record method (action_post).
#include <algorithm>
#include <catch2/catch.hpp>
#include <odoobridge/odoo.hpp>
#include <set>

#include "../../unit/typed/typed_records.hpp"
#include "fake_odoo_fixture.hpp"

using namespace odoobridge;
using namespace odoobridge::odoo;
using odoobridge::test::FakeOdoo;
using odoobridge::test::kAllProtocols;
namespace tt = typed_test;

namespace model_orm_test {

/// A deliberately wrong description of estate.property.
struct WrongProperty {
    static constexpr std::string_view odoo_model = "estate.property";
    Id id = 0;
    std::string price;     // a float on the server
    int owner_id = 0;      // a many2one
    std::string bedroomz;  // no such field
    X2many image_ids;      // right
    std::optional<Date> deal_date;
};
BOOST_DESCRIBE_STRUCT(WrongProperty, (), (id, price, owner_id, bedroomz, image_ids, deal_date))

}  // namespace model_orm_test

TEST_CASE("typed search_read with domains on every protocol") {
    auto& server = FakeOdoo::instance();
    server.hook("reset");
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);

        const auto properties = client.model<tt::Property>().search_read(
            field("price") >= 30'000'000, {.limit = 5, .order = "price desc"});
        REQUIRE_FALSE(properties.empty());
        CHECK(properties.size() <= 5);
        for (std::size_t i = 0; i < properties.size(); ++i) {
            CHECK(properties[i].price >= 30'000'000);
            CHECK_FALSE(properties[i].name.empty());
            if (i > 0) CHECK(properties[i - 1].price >= properties[i].price);
        }

        const auto companies =
            client.model<tt::Partner>().search_read(field("is_company") == true, {.order = "id"});
        REQUIRE_FALSE(companies.empty());
        CHECK(std::all_of(companies.begin(), companies.end(),
                          [](const tt::Partner& p) { return p.is_company; }));
        CHECK(std::is_sorted(companies.begin(), companies.end(),
                             [](const auto& a, const auto& b) { return a.id < b.id; }));

        const auto lead_model = client.model<tt::Lead>();
        const auto all_leads = lead_model.search({}, {.order = "id"});
        REQUIRE(lead_model.search_count() == static_cast<std::int64_t>(all_leads.size()));
        REQUIRE(all_leads.size() >= 3);
        const auto leads = lead_model.search_read({}, {.limit = 2, .offset = 1, .order = "id"});
        REQUIRE(leads.size() == 2);
        CHECK(leads[0].id == all_leads[1]);
        CHECK(leads[1].id == all_leads[2]);

        const auto invoices =
            client.model<tt::Move>().search_read(field("move_type") == "out_invoice");
        REQUIRE_FALSE(invoices.empty());
        for (const auto& move : invoices) CHECK(move.move_type == tt::MoveType::out_invoice);

        // The untyped model gives the same records.
        const json raw = client.model("res.partner")
                             .search_read(field("is_company") == true, {"name"}, {.order = "id"});
        REQUIRE(raw.size() == companies.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            CHECK(raw[i].at("id") == companies[i].id);
            CHECK(raw[i].at("name") == companies[i].name);
        }
    }
}

TEST_CASE("create, write(Partial), read, exists and unlink round trip on every protocol") {
    auto& server = FakeOdoo::instance();
    server.hook("reset");
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto properties = server.connect(kind).model<tt::Property>();

        tt::Property flat;
        flat.name = "Model round trip " + std::string(to_string(kind));
        flat.price = 45'000'000;
        flat.rooms = 3;
        flat.district = tt::District::medeu;
        flat.deal_date =
            Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{20}};
        const Id id = properties.create(flat);
        CHECK(id > 0);

        const std::vector<tt::Property> two{flat, flat};
        const auto more = properties.create(std::span<const tt::Property>(two));
        REQUIRE(more.size() == 2);
        CHECK(more[0] != more[1]);

        const std::vector<Id> ids{id};
        properties.write(ids, Partial<tt::Property>{}
                                  .set(&tt::Property::price, 47'500'000.0)
                                  .set(&tt::Property::state, tt::PropertyState::published));
        const auto read = properties.read_one(id);
        REQUIRE(read.has_value());
        CHECK(read->name == flat.name);
        CHECK(read->price == 47'500'000.0);
        CHECK(read->state == tt::PropertyState::published);
        CHECK(read->district == tt::District::medeu);
        CHECK(read->deal_date == flat.deal_date);
        CHECK(read->rooms == 3);

        const std::vector<Id> all{id, more[0], more[1]};
        properties.unlink(more);
        CHECK(properties.exists(all) == std::vector<Id>{id});
        CHECK(properties.read(all).size() == 1);  // absent ids are skipped, not errors
        properties.unlink(ids);
        CHECK_FALSE(properties.read_one(id).has_value());
        CHECK(properties.exists(ids).empty());

        // Archived records exist (OdooBot, partner 2, is archived in the seed data).
        CHECK(server.connect(kind).model("res.partner").exists(std::vector<Id>{999999, 2}) ==
              std::vector<Id>{2});
    }
}

TEST_CASE("stream over res.partner with batch 2 yields every partner exactly once") {
    auto& server = FakeOdoo::instance();
    server.hook("reset");
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto partners = server.connect(kind).model<tt::Partner>();
        const auto expected = partners.search({}, {.order = "id"});
        REQUIRE(expected.size() > 4);

        std::vector<Id> seen;
        auto stream = partners.stream({}, 2);
        for (const tt::Partner& partner : stream) seen.push_back(partner.id);
        CHECK(seen == expected);
        CHECK(std::set<Id>(seen.begin(), seen.end()).size() == seen.size());
        CHECK(stream.pages_fetched() == expected.size() / 2 + 1);

        // With a domain, on the untyped model.
        std::vector<Id> companies;
        for (const json& partner :
             server.connect(kind).model("res.partner").stream(field("is_company") == true, 2))
            companies.push_back(partner.at("id").get<Id>());
        CHECK(companies == partners.search(field("is_company") == true, {.order = "id"}));
    }
}

TEST_CASE("verify_schema passes for the test records and lists what is wrong otherwise") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        CHECK_NOTHROW(client.model<tt::Partner>().verify_schema());
        CHECK_NOTHROW(client.model<tt::Lead>().verify_schema());
        CHECK_NOTHROW(client.model<tt::Move>().verify_schema());
        CHECK_NOTHROW(client.model<tt::MoveLine>().verify_schema());
        CHECK_NOTHROW(verify_schema<tt::Property>(client));
        try {
            verify_schema<model_orm_test::WrongProperty>(client);
            FAIL("a wrong struct passed verify_schema");
        } catch (const SchemaMismatchError& error) {
            INFO(error.what());
            CHECK(error.model() == "estate.property");
            REQUIRE(error.problems().size() == 3);
            const std::string message = error.what();
            CHECK(message.find("field 'bedroomz' is missing") != std::string::npos);
            CHECK(message.find("field 'price' is a float field") != std::string::npos);
            CHECK(message.find("field 'owner_id' is a many2one field") != std::string::npos);
        }
    }
}

TEST_CASE("call runs a record method: action_post on an invoice with a line") {
    auto& server = FakeOdoo::instance();
    server.hook("reset");
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        const json line{{"name", "Consulting"}, {"quantity", 2.0}, {"price_unit", 150.0}};
        const Id move_id =
            client.model("account.move")
                .create({{"move_type", "out_invoice"},
                         {"partner_id", 11},
                         {"invoice_line_ids", json::array({Command::create(line).to_json()})}});

        const auto moves = client.model<tt::Move>();
        auto draft = moves.read_one(move_id);
        REQUIRE(draft.has_value());
        CHECK(draft->state == tt::MoveState::draft);
        REQUIRE(draft->invoice_line_ids.ids.size() == 1);
        CHECK(draft->amount_untaxed == 300.0);

        (void)moves.call("action_post", json::array({json::array({move_id})}));
        const auto posted = moves.read_one(move_id);
        REQUIRE(posted.has_value());
        CHECK(posted->state == tt::MoveState::posted);
        CHECK(posted->name.starts_with("INV/"));

        // Posting twice is a UserError from the server, as Odoo answers.
        CHECK_THROWS_AS(moves.call("action_post", json::array({json::array({move_id})})),
                        UserError);
    }
}
