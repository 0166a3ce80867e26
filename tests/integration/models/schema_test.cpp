// Model<T>::verify_schema for every business model against the fake Odoo 16 and Odoo 19
// servers, on every protocol.
#include <catch2/catch.hpp>

#include "models_fixture.hpp"

using namespace models_test;

namespace {

void verify_every_model(const odoo::Client& client) {
    CHECK_NOTHROW(odoo::verify_schema<models::EstateProperty>(client));
    CHECK_NOTHROW(odoo::verify_schema<models::EstatePropertyImage>(client));
    CHECK_NOTHROW(odoo::verify_schema<models::ResPartner>(client));
    CHECK_NOTHROW(odoo::verify_schema<models::CrmLead>(client));
    CHECK_NOTHROW(odoo::verify_schema<models::AccountMove>(client));
    CHECK_NOTHROW(odoo::verify_schema<models::AccountMoveLine>(client));
}

/// A description that does not fit: proves the check can fail on this server.
struct MisdescribedLead {
    static constexpr std::string_view odoo_model = "crm.lead";
    odoo::Id id = 0;
    std::string partner_id;    // a many2one
    int revenue_forecast = 0;  // no such field
};
BOOST_DESCRIBE_STRUCT(MisdescribedLead, (), (id, partner_id, revenue_forecast))

}  // namespace

TEST_CASE("every business model matches the Odoo 16 schema on every protocol", "[models]") {
    fresh_server();
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = FakeOdoo::instance().connect(kind);
        verify_every_model(client);
        try {
            odoo::verify_schema<MisdescribedLead>(client);
            FAIL("a wrong description passed verify_schema");
        } catch (const odoo::SchemaMismatchError& e) {
            CHECK(e.problems().size() == 2);
        }
    }
}

TEST_CASE("every business model matches the Odoo 19 schema on every protocol", "[models]") {
    for (const auto kind : kAllProtocols) {
        INFO(odoo::to_string(kind));
        const auto client = connect_odoo19(kind);
        REQUIRE(client.version().major == 19);
        verify_every_model(client);
    }
}
