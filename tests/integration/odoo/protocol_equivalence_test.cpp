// The same calls give the same results and the same error classes on all four protocols,
// against the fake Odoo server over real HTTP (libcurl).
#include "fake_odoo_fixture.hpp"

#include <odoobridge/odoo/errors.hpp>

#include <catch2/catch.hpp>

#include <functional>

using namespace odoobridge;
using namespace odoobridge::odoo;
using odoobridge::test::FakeOdoo;
using odoobridge::test::kAllProtocols;

namespace {

/// Read-only calls whose results must not depend on the protocol.
const std::vector<Call>& read_calls() {
    static const std::vector<Call> calls{
        {"res.partner", "search_read", {{{"is_company", "=", true}}},
         {{"fields", {"name", "email", "country_id", "category_id", "child_ids", "credit_limit", "active", "vat"}},
          {"limit", 3}, {"order", "id"}}},
        {"res.partner", "search", {{{"is_company", "=", true}}}, {{"order", "id"}}},
        {"res.partner", "search_count", {{{"is_company", "=", true}}}, json::object()},
        {"res.partner", "read", {{1, 9}}, {{"fields", {"name", "image_128", "create_date"}}}},
        {"res.partner", "name_search", {"Azure"}, {{"limit", 5}}},
        {"res.partner", "fields_get", json::array(), {{"attributes", {"string", "type"}}}},
        {"crm.lead", "search_read", {json::array()}, {{"fields", {"name", "partner_id", "tag_ids", "expected_revenue", "date_deadline"}}}},
        {"crm.lead", "read_group", {json::array(), {"expected_revenue:sum"}, {"stage_id"}}, {{"lazy", true}}},
        {"account.move", "search_read", {{{"move_type", "=", "out_invoice"}}}, {{"fields", {"name", "state", "amount_total", "invoice_date", "partner_id"}}}},
        {"estate.property", "search_read", {{{"price", ">=", 30000000}}}, {{"fields", {"name", "price", "state", "district", "latitude", "owner_id", "image_ids"}}, {"order", "price desc"}}},
    };
    return calls;
}

}  // namespace

TEST_CASE("read calls give identical results on every protocol") {
    auto& server = FakeOdoo::instance();
    const auto reference = server.connect(ProtocolKind::jsonrpc);
    for (const auto kind : kAllProtocols) {
        const auto client = server.connect(kind);
        CHECK(client.protocol() == kind);
        CHECK(client.uid() == 2);
        for (const auto& call : read_calls()) {
            INFO(to_string(kind) << " " << call.model << "." << call.method);
            const json expected = reference.execute_kw(call.model, call.method, call.args, call.kwargs);
            const json actual = client.execute_kw(call.model, call.method, call.args, call.kwargs);
            CHECK(actual == expected);
            CHECK_FALSE(expected.empty());
        }
    }
}

TEST_CASE("create, write, read, unlink round trip the same on every protocol") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        const json id = client.execute_kw("res.partner", "create", {{{"name", "Equivalence Test"}, {"email", "eq@example.kz"}}});
        REQUIRE(id.is_number_integer());
        const json ids = client.execute_kw("res.partner", "create", {{{{"name", "Multi A"}}, {{"name", "Multi B"}}}});
        REQUIRE(ids.is_array());
        CHECK(ids.size() == 2);
        CHECK(client.execute_kw("res.partner", "write", {{id}, {{"phone", "+7 701 000 00 00"}, {"email", false}}}) == true);
        const json records = client.execute_kw("res.partner", "read", {{id}}, {{"fields", {"name", "phone", "email"}}});
        REQUIRE(records.size() == 1);
        CHECK(records[0]["name"] == "Equivalence Test");
        CHECK(records[0]["phone"] == "+7 701 000 00 00");
        CHECK(records[0]["email"] == false);
        json all_ids = ids;
        all_ids.push_back(id);
        CHECK(client.execute_kw("res.partner", "unlink", {all_ids}) == true);
        CHECK(client.execute_kw("res.partner", "read", {{id}}, {{"fields", {"name"}}}) == json::array());
    }
}

namespace {
template <class Expected>
void expect_error(const Client& client, const std::string& model, const std::string& method,
                  json args, json kwargs, const std::string& server_class) {
    try {
        (void)client.execute_kw(model, method, std::move(args), std::move(kwargs));
        FAIL("no error from " << model << "." << method);
    } catch (const Expected& error) {
        CHECK(error.model() == model);
        CHECK(error.method() == method);
        if (!server_class.empty()) CHECK(error.server_class() == server_class);
        CHECK(std::string(error.what()).find(model + "." + method) != std::string::npos);
    }
}
}  // namespace

TEST_CASE("the same server error gives the same class on every protocol") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto admin = server.connect(kind);
        const auto demo = server.connect(kind, "demo");
        CHECK(demo.uid() == 6);
        expect_error<AccessError>(demo, "res.users", "write", {{2}, {{"name", "Hacked"}}}, json::object(),
                                  "odoo.exceptions.AccessError");
        expect_error<MissingError>(admin, "res.partner", "write", {{999999}, {{"name", "ghost"}}},
                                   json::object(), "odoo.exceptions.MissingError");
        expect_error<ValidationError>(admin, "estate.property", "create",
                                      {{{"name", "Bad"}, {"price", -5}}}, json::object(),
                                      "odoo.exceptions.ValidationError");
        const json invoice = admin.execute_kw("account.move", "create", {{{"move_type", "out_invoice"}, {"partner_id", 9}}});
        expect_error<UserError>(admin, "account.move", "action_post", {{invoice}}, json::object(),
                                "odoo.exceptions.UserError");
        expect_error<odoo::ServerError>(admin, "res.partner", "search", {{{"no_such_field", "=", 1}}},
                                        json::object(), "");
        expect_error<AccessError>(admin, "res.partner", "_read", {{1}}, json::object(), "");
        (void)admin.execute_kw("account.move", "unlink", {{invoice}});
    }
}

TEST_CASE("wrong credentials are an AuthenticationError on every protocol") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        auto options = server.options(kind);
        if (kind == ProtocolKind::json2) options.credentials = ApiKey{"admin", "wrong-key-0000"};
        else options.credentials = Password{"admin", "wrong-password-0000"};
        try {
            (void)Client::connect(options);
            FAIL("login accepted");
        } catch (const AuthenticationError& error) {
            const std::string what = error.what();
            CHECK(what.find("wrong-key-0000") == std::string::npos);
            CHECK(what.find("wrong-password-0000") == std::string::npos);
        }
    }
}

TEST_CASE("version and database list agree across protocols") {
    auto& server = FakeOdoo::instance();
    for (const auto kind : kAllProtocols) {
        INFO(to_string(kind));
        const auto client = server.connect(kind);
        CHECK(client.version().major >= 16);
        CHECK(client.list_databases() == std::vector<std::string>{"testdb"});
    }
}
