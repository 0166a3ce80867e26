// models::Partners against the fake Odoo server on every protocol: create a customer, find
// by email, upsert by email (idempotent, refusing duplicates, wildcards taken literally).
#include <catch2/catch.hpp>
#include <vector>

#include "models_fixture.hpp"

using namespace models_test;

namespace {

std::int64_t partners_with_email(const odoo::Client& client, const std::string& email) {
    return client.model<models::ResPartner>().search_count(odoo::field("email") == email);
}

odoo::Partial<models::ResPartner> named(const std::string& name) {
    odoo::Partial<models::ResPartner> values;
    values.set(&models::ResPartner::name, name);
    return values;
}

}  // namespace

TEST_CASE("Partners creates customers and finds them by email", "[models][partners]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Partners partners{client};
        const std::string email = "buyer+" + std::string(odoo::to_string(kind)) + "@example.kz";

        odoo::Partial<models::ResPartner> extra;
        extra.set(&models::ResPartner::phone, "+7 701 111 2233");
        const odoo::Id id = partners.create_customer("Дана Сейтова", "  " + email + " ", extra);
        const auto customer = read_back<models::ResPartner>(client, id);
        CHECK(customer.name == "Дана Сейтова");
        CHECK(customer.email == email);
        CHECK(customer.phone == "+7 701 111 2233");
        CHECK(customer.customer_rank == 1);

        std::string shouted = email;
        for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const auto found = partners.find_by_email("\t" + shouted);
        REQUIRE(found.size() == 1);
        CHECK(found[0] == customer);
        CHECK(partners.ids_by_email(email) == std::vector<odoo::Id>{id});
        CHECK(partners.find_by_email("nobody@example.kz").empty());
        CHECK_THROWS_AS(partners.create_customer("", email), ob::ConfigurationError);
        CHECK_THROWS_AS(partners.find_by_email("not an email"), ob::ConfigurationError);
    }
}

TEST_CASE("Partners upsert_by_email creates once, then updates", "[models][partners]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Partners partners{client};
        const std::string email = "aigerim." + std::string(odoo::to_string(kind)) + "@example.kz";

        auto values = named("Aigerim Sultanova");
        values.set(&models::ResPartner::customer_rank, 1);
        const auto first = partners.upsert_by_email(
            " Aigerim." + std::string(odoo::to_string(kind)) + "@Example.KZ", values);
        CHECK(first.created);
        CHECK(partners_with_email(client, email) == 1);

        // Running the same sync again finds the partner: no duplicate, values rewritten.
        auto again = named("Aigerim Sultanova-Nur");
        again.set(&models::ResPartner::city, "Алматы");
        const auto second = partners.upsert_by_email(email, again);
        CHECK_FALSE(second.created);
        CHECK(second.id == first.id);
        CHECK(partners_with_email(client, email) == 1);
        const auto stored = read_back<models::ResPartner>(client, first.id);
        CHECK(stored.name == "Aigerim Sultanova-Nur");
        CHECK(stored.city == "Алматы");
        CHECK(stored.email == email);
        CHECK(stored.customer_rank == 1);

        // Nothing to write: the partner is found and left alone.
        CHECK(partners.upsert_by_email(email).id == first.id);

        // The email is the key: values may repeat it, not change it.
        auto same = named("Aigerim");
        same.set(&models::ResPartner::email,
                 "AIGERIM." + std::string(odoo::to_string(kind)) + "@example.kz");
        CHECK(partners.upsert_by_email(email, same).id == first.id);
        auto other = named("Aigerim");
        other.set(&models::ResPartner::email, "someone.else@example.kz");
        CHECK_THROWS_AS(partners.upsert_by_email(email, other), ob::ConfigurationError);

        // A new contact needs a name: the server's constraint says so.
        CHECK_THROWS_AS(partners.upsert_by_email("nameless." + email), odoo::ValidationError);
    }
}

TEST_CASE("Partners upsert_by_email refuses to pick one of several matches", "[models][partners]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Partners partners{client};
        const std::string email = "twins." + std::string(odoo::to_string(kind)) + "@example.kz";
        auto model = client.model<models::ResPartner>();
        const odoo::Id a = model.dynamic().create({{"name", "Twin A"}, {"email", email}});
        const odoo::Id b = model.dynamic().create(
            {{"name", "Twin B"},
             {"email", "TWINS." + std::string(odoo::to_string(kind)) + "@EXAMPLE.KZ"}});
        try {
            (void)partners.upsert_by_email(email, named("Twin C"));
            FAIL("upsert_by_email picked one of two partners");
        } catch (const models::AmbiguousMatchError& e) {
            CHECK(e.model() == "res.partner");
            CHECK(e.ids() == std::vector<odoo::Id>{a, b});
            const std::string message = e.what();
            CHECK(message.find(email) != std::string::npos);
            CHECK(message.find(std::to_string(a) + ", " + std::to_string(b)) != std::string::npos);
        }
        CHECK(read_back<models::ResPartner>(client, a).name == "Twin A");  // nothing written
        CHECK(read_back<models::ResPartner>(client, b).name == "Twin B");
        CHECK(partners.find_by_email(email).size() == 2);
    }
}

TEST_CASE("Partners matches LIKE wildcards in emails literally", "[models][partners]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        const models::Partners partners{client};
        const std::string tag(odoo::to_string(kind));
        const odoo::Id look_alike = client.model<models::ResPartner>().dynamic().create(
            {{"name", "Look-alike"}, {"email", "johnXdoe" + tag + "@example.kz"}});
        const auto result =
            partners.upsert_by_email("john_doe" + tag + "@example.kz", named("John Doe"));
        CHECK(result.created);
        CHECK(result.id != look_alike);
        const auto percent = partners.upsert_by_email("100%" + tag + "@example.kz", named("Pct"));
        CHECK(percent.created);
        CHECK(partners.upsert_by_email("100%" + tag + "@example.kz").id == percent.id);
    }
}
