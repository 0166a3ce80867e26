// Every Odoo 19 JSON-2 call capture: the same execute_kw call a user writes for XML-RPC
// (positional args, keyword kwargs) must produce exactly the recorded request, and the
// recorded answer must decode to its result or to the right exception class.

#include <string>
#include <vector>

#include "json2_harness.hpp"

namespace {

using namespace odoobridge;
using namespace odoobridge::test;
using namespace odoobridge::test::json2;

struct SuccessCase {
    std::string file;
    std::string model;
    std::string method;
    std::string args;    // JSON
    std::string kwargs;  // JSON
};

const std::vector<SuccessCase> success_cases = {
    {"02_json2_search_read", "res.partner", "search_read", R"([[["is_company","=",true]]])",
     R"({"fields":["name","country_id"],"limit":3})"},
    {"03_json2_search_count", "res.partner", "search_count", R"([[["is_company","=",true]]])",
     "{}"},
    {"04_json2_read", "res.partner", "read",
     R"([[9,15],["name","email","is_company","country_id","category_id"]])", "{}"},
    {"05_json2_search", "res.partner", "search", R"([[["is_company","=",true]]])",
     R"({"limit":5,"order":"name asc"})"},
    {"06_json2_name_search", "res.partner", "name_search", R"(["Azure"])", R"({"limit":5})"},
    {"07_json2_search_read_context", "res.partner", "search_read",
     R"([[["is_company","=",true]],["name","active"]])",
     R"({"limit":2,"offset":1,"order":"id desc","context":{"active_test":false,"lang":"en_US"}})"},
    {"08_json2_create", "res.partner", "create",
     R"([[{"name":"JSON2 Throwaway Partner","email":"throwaway@example.com","is_company":false}]])",
     "{}"},
    {"09_json2_write", "res.partner", "write",
     R"([[48],{"phone":"+1 555 0100","comment":"written via JSON-2"}])", "{}"},
    {"10_json2_read_after_write", "res.partner", "read", R"([[48],["name","email","phone"]])",
     "{}"},
    {"11_json2_unlink", "res.partner", "unlink", "[[48]]", "{}"},
    {"13_json2_error_missing_record_read", "res.partner", "read", R"([[48],["name"]])", "{}"},
    {"14_json2_fields_get_crm_lead", "crm.lead", "fields_get", "[]",
     R"({"attributes":["string","type","required","readonly","relation","selection"]})"},
    {"15_json2_search_read_crm_lead", "crm.lead", "search_read",
     R"([[["type","=","opportunity"]]])",
     R"({"fields":["name","partner_id","expected_revenue","stage_id"],"limit":3,"order":"id asc"})"},
    {"34_json2_create_company", "res.partner", "create",
     R"([[{"name":"JSON2 Throwaway Co","is_company":true}]])", "{}"},
    {"35_json2_create_empty_invoice", "account.move", "create",
     R"([[{"move_type":"out_invoice","partner_id":49}]])", "{}"},
    {"38_json2_unlink_invoice", "account.move", "unlink", "[[59]]", "{}"},
    {"39_json2_unlink_company", "res.partner", "unlink", "[[49]]", "{}"},
};

TEST_CASE("JSON-2 success captures: positional calls give the recorded request and result",
          "[json2][capture]") {
    for (const auto& c : success_cases) {
        SECTION(c.file) {
            const Capture capture = load_capture("odoo19/" + c.file + ".json");
            Harness h;
            h.transport->push(capture.response());
            const json result =
                h.call(c.model, c.method, json::parse(c.args), json::parse(c.kwargs));
            REQUIRE(h.transport->request_count() == 1);
            check_request(h.transport->requests().front(), capture);
            CHECK(result == json::parse(capture.response_body));
        }
    }
}

TEST_CASE("JSON-2 captures: decoded results keep Odoo's values", "[json2][capture]") {
    Harness h;
    SECTION("search_count answers a bare integer") {
        h.transport->push(load_capture("odoo19/03_json2_search_count.json").response());
        CHECK(h.call("res.partner", "search_count",
                     json::parse(R"([[["is_company","=",true]]])")) == 11);
    }
    SECTION("read of a deleted id is an empty list, not an error") {
        h.transport->push(
            load_capture("odoo19/13_json2_error_missing_record_read.json").response());
        CHECK(h.call("res.partner", "read", json::parse(R"([[48],["name"]])")) == json::array());
    }
    SECTION("many2one false stays false") {
        h.transport->push(load_capture("odoo19/15_json2_search_read_crm_lead.json").response());
        const json leads = h.call("crm.lead", "search_read", json::parse(R"([[]])"));
        REQUIRE(leads.size() == 3);
        CHECK(leads[0]["partner_id"] == false);
        CHECK(leads[1]["partner_id"] == json::parse(R"([9,"Acme Corporation"])"));
    }
    SECTION("write answers true") {
        h.transport->push(load_capture("odoo19/09_json2_write.json").response());
        CHECK(h.call("res.partner", "write", json::parse(R"([[48],{"phone":"1"}])")) == true);
    }
}

TEST_CASE("JSON-2 without a database sends no X-Odoo-Database header", "[json2][capture]") {
    const Capture capture = load_capture("odoo19/30b_json2_no_db_header.json");
    Harness h("");
    h.transport->push(capture.response());
    CHECK(h.call("res.partner", "search_count", json::parse("[[]]")) == 40);
    check_request(h.transport->requests().front(), capture);
}

struct ErrorCase {
    std::string file;
    std::string model;
    std::string method;
    std::string args;
    std::string kwargs;
    Expect expect;
    std::vector<std::string> fragments;  // what() must contain each
    std::string db = database;
    std::string key = api_key;
};

const std::vector<ErrorCase> error_cases = {
    {"12_json2_error_missing_record",
     "res.partner",
     "write",
     R"([[48],{"name":"ghost"}])",
     "{}",
     Expect::missing,
     {"Record does not exist or has been deleted", "HTTP 404"}},
    {"20_json2_error_unknown_model",
     "no.such.model",
     "search_read",
     "[[]]",
     "{}",
     Expect::server,
     {"the model 'no.such.model' does not exist"}},
    {"21_json2_error_unknown_method",
     "res.partner",
     "no_such_method",
     "[]",
     "{}",
     Expect::server,
     {"The method 'res.partner.no_such_method' does not exist"}},
    {"22_json2_error_private_method",
     "res.partner",
     "_compute_display_name",
     "[]",
     "{}",
     Expect::access,
     {"Private methods", "cannot be called remotely"}},
    {"23_json2_error_bad_argument",
     "res.partner",
     "search_count",
     "[[]]",
     R"({"foo":1})",
     Expect::server,
     {"got an unexpected keyword argument 'foo'", "res.partner.search_count takes (domain, limit)",
      "/doc-bearer/res.partner.json"}},
    {"23a_json2_error_bad_argument_typo",
     "res.partner",
     "search_count",
     "[]",
     R"({"domian":[]})",
     Expect::server,
     {"missing a required argument: 'domain'"}},
    {"23b_json2_error_missing_argument",
     "res.partner",
     "write",
     "[[1]]",
     "{}",
     Expect::server,
     {"missing a required argument: 'vals'", "res.partner.write takes (ids, vals)"}},
    {"23c_json2_error_bad_argument_kwargs_method",
     "res.partner",
     "search_read",
     "[]",
     R"({"domian":[],"limit":1})",
     Expect::server,
     {"TypeError", "got an unexpected keyword argument 'domian'", "HTTP 500"}},
    {"24_json2_error_bad_domain_field",
     "res.partner",
     "search_read",
     R"([[["no_such_field","=",1]]])",
     R"({"limit":1})",
     Expect::server,
     {"ValueError", "Invalid field res.partner.no_such_field"}},
    {"25_json2_error_ids_on_model_method",
     "res.partner",
     "create",
     R"([[{"name":"x"}]])",
     R"({"ids":[1]})",
     Expect::server,
     {"cannot call res.partner.create with ids", "res.partner.create takes (vals_list)"}},
    {"26_json2_error_bad_key",
     "res.partner",
     "search_read",
     "[[]]",
     R"({"limit":1})",
     Expect::authentication,
     {"refused the API key of login 'admin'", "database 'o19db'", "Invalid apikey"},
     database,
     "0123456789abcdef0123456789abcdef01234567"},
    {"30c_json2_wrong_db_header",
     "res.partner",
     "search_count",
     "[[]]",
     "{}",
     Expect::unexpected,
     {"HTTP 404", "'nosuchdb'", "X-Odoo-Database", "Odoo 19"},
     "nosuchdb"},
    {"31_json2_error_access",
     "res.users",
     "write",
     R"([[2],{"name":"hacked"}])",
     "{}",
     Expect::access,
     {"You are not allowed to modify 'User' (res.users) records", "HTTP 403"}},
    {"32_json2_error_access_create",
     "res.country",
     "create",
     R"([[{"name":"Nowhere","code":"ZZ"}]])",
     "{}",
     Expect::access,
     {"You are not allowed to create 'Country'"}},
    {"33_json2_error_access_read_invoice",
     "account.move",
     "search_read",
     "[[]]",
     R"({"fields":["name"],"limit":1})",
     Expect::access,
     {"You are not allowed to access 'Journal Entry'"}},
    {"37_json2_error_validation",
     "res.partner",
     "write",
     R"([[49],{"parent_id":49}])",
     "{}",
     Expect::validation,
     {"You cannot create recursive Partner hierarchies"}},
};

std::string run_expecting(Expect expect, Harness& h, const ErrorCase& c) {
    return exact_error(type_of(expect), [&] {
        (void)h.call(c.model, c.method, json::parse(c.args), json::parse(c.kwargs));
    });
}

TEST_CASE("JSON-2 error captures: recorded request, right class, clear message, no key",
          "[json2][capture][errors]") {
    for (const auto& c : error_cases) {
        SECTION(c.file) {
            const Capture capture = load_capture("odoo19/" + c.file + ".json");
            Harness h(c.db, c.key);
            h.transport->push(capture.response());
            const std::string message = run_expecting(c.expect, h, c);
            REQUIRE(h.transport->request_count() == 1);
            check_request(h.transport->requests().front(), capture, c.key);
            INFO(message);
            CHECK(message.find(c.model) != std::string::npos);
            CHECK(message.find(c.method) != std::string::npos);
            CHECK(message.find(c.key) == std::string::npos);
            for (const auto& fragment : c.fragments)
                CHECK(message.find(fragment) != std::string::npos);
        }
    }
}

TEST_CASE("JSON-2 error details carry class, status and traceback outside what()",
          "[json2][capture][errors]") {
    Harness h;
    h.transport->push(load_capture("odoo19/37_json2_error_validation.json").response());
    try {
        (void)h.call("res.partner", "write", json::parse(R"([[49],{"parent_id":49}])"));
        FAIL("no exception");
    } catch (const odoo::ValidationError& e) {
        CHECK(e.server_class() == "odoo.exceptions.ValidationError");
        CHECK(e.model() == "res.partner");
        CHECK(e.method() == "write");
        CHECK(e.details().protocol == "json2");
        CHECK(e.details().http_status == 422);
        CHECK(e.details().endpoint == base_url + "/json/2/res.partner/write");
        CHECK(e.details().debug.find("Traceback") != std::string::npos);
        CHECK(std::string(e.what()).find("Traceback") == std::string::npos);
        CHECK(e.endpoint() == base_url + "/json/2/res.partner/write");
    }
}

// Answers to requests this client never sends (no Authorization, invalid JSON, GET, no
// method segment, text/plain): a server or proxy could still answer them, so they must map.
struct AnswerCase {
    std::string file;
    Expect expect;
    std::string fragment;
};

TEST_CASE("JSON-2 answers to malformed requests still map to clear errors",
          "[json2][capture][errors]") {
    const std::vector<AnswerCase> cases = {
        {"27_json2_error_no_auth", Expect::authentication, "refused the API key of login 'admin'"},
        {"28_json2_error_invalid_json", Expect::server, "could not parse the body as json"},
        {"29_json2_error_get_method", Expect::server,
         "Did you mean POST /json/2/<model>/<method>?"},
        {"30_json2_error_no_method_path", Expect::server, "Did you mean POST"},
        {"30d_json2_wrong_content_type", Expect::unexpected, "HTTP 415"},
    };
    for (const auto& c : cases) {
        SECTION(c.file) {
            Harness h;
            h.transport->push(load_capture("odoo19/" + c.file + ".json").response());
            const ErrorCase call{
                c.file, "res.partner", "search_read", "[[]]", R"({"limit":1})", c.expect, {}};
            const std::string message = run_expecting(c.expect, h, call);
            INFO(message);
            CHECK(message.find(c.fragment) != std::string::npos);
            CHECK(message.find("search_read") != std::string::npos);
            CHECK(message.find(api_key) == std::string::npos);
        }
    }
}

TEST_CASE("JSON-2 non-Odoo answers", "[json2][errors]") {
    Harness h;
    const auto call = [&] { (void)h.call("res.partner", "search_count", json::parse("[[]]")); };
    SECTION("a proxy's HTML 502 page") {
        h.transport->push(core::Response{502,
                                         {{"Content-Type", "text/html"}},
                                         "<html><body><h1>502 Bad Gateway</h1></body></html>"});
        const std::string message = exact_error<UnexpectedResponseError>(call);
        CHECK(message.find("HTTP 502") != std::string::npos);
        CHECK(message.find("proxy") != std::string::npos);
    }
    SECTION("truncated JSON") {
        h.transport->push(core::Response{
            200, {{"Content-Type", "application/json; charset=utf-8"}}, R"([{"id": 9, "na)"});
        const std::string message = exact_error<MalformedResponseError>(call);
        CHECK(message.find("truncated JSON") != std::string::npos);
        CHECK(message.find("/json/2/res.partner/search_count") != std::string::npos);
    }
    SECTION("invalid JSON") {
        h.transport->push(
            core::Response{200, {{"Content-Type", "application/json"}}, "{not json}"});
        CHECK(exact_error<MalformedResponseError>(call).find("invalid JSON") != std::string::npos);
    }
    SECTION("a JSON error status without an Odoo error object") {
        h.transport->push(
            core::Response{503, {{"Content-Type", "application/json"}}, R"({"status":"down"})"});
        CHECK(exact_error<UnexpectedResponseError>(call).find("HTTP 503") != std::string::npos);
    }
    SECTION("HTTP 200 with a login page") {
        h.transport->push(core::Response{200, {{"Content-Type", "text/html"}}, "<html>login"});
        CHECK(exact_error<UnexpectedResponseError>(call).find("HTTP 200") != std::string::npos);
    }
}

}  // namespace
