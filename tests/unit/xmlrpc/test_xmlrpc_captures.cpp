// Replays every XML-RPC capture (odoo16/xmlrpc/*, odoo19/54-56) against the XML-RPC
// protocol:
// - the request the client writes for the capture's case reads back (with xmlrpc-c's
//   parseCall) as the recorded request: same method, same params, same XML-RPC types;
// - the recorded answer decodes to the JSON the same case gives over JSON-RPC, or raises the
//   same exception class (with model and method in what(), and never the password).

#include "capture.hpp"
#include "expected_error.hpp"
#include "xmlrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace odoobridge;
using test::Capture;
using test::Expect;
using test::load_capture;
namespace x = test::xmlrpc;

/// What the client does to produce the capture's request.
enum class Drive {
    version,       ///< version()
    login,         ///< authenticate() (common.login)
    authenticate,  ///< authenticate(); recorded with common.authenticate: answer compared only
    db_list,       ///< list_databases()
    object,        ///< execute_kw with the recorded model, method, args and kwargs
    foreign,       ///< a request the client never writes; its answer is decoded for a search call
};

/// How the result or error compares with the JSON-RPC twin.
enum class Twin {
    none,
    same,        ///< identical JSON, same kinds (1 and 1.0 differ); same class and message
    same_shape,  ///< recorded on different runs (new ids): same kinds and shape; same class
    prefix,      ///< the twin asked for more records: ours is its prefix
};

struct Case {
    std::string_view file;
    Drive drive;
    Expect expect;                  ///< what the answer must give
    std::string_view server_class;  ///< for errors
    std::string_view twin;          ///< JSON-RPC capture of the same call
    Twin compare;
};

// Every capture and what it must give. A capture file without a row fails the test.
constexpr std::array<Case, 48> cases{{
    {"odoo16/xmlrpc/common_authenticate.json", Drive::authenticate, Expect::value, "",
     "odoo16/jsonrpc/common_authenticate.json", Twin::same},
    {"odoo16/xmlrpc/common_login.json", Drive::login, Expect::value, "",
     "odoo16/jsonrpc/common_login.json", Twin::same},
    {"odoo16/xmlrpc/common_login_bad_password.json", Drive::login, Expect::authentication,
     "odoo.exceptions.AccessDenied", "", Twin::none},
    {"odoo16/xmlrpc/common_login_unknown_db.json", Drive::login, Expect::server,
     "psycopg2.OperationalError", "odoo16/jsonrpc/common_login_unknown_db.json", Twin::same},
    {"odoo16/xmlrpc/common_version.json", Drive::version, Expect::value, "",
     "odoo16/jsonrpc/common_version.json", Twin::same},
    {"odoo16/xmlrpc/db_list.json", Drive::db_list, Expect::value, "", "odoo16/jsonrpc/db_list.json",
     Twin::same},
    {"odoo16/xmlrpc/error_access_error_demo.json", Drive::object, Expect::access,
     "odoo.exceptions.AccessError", "odoo16/jsonrpc/error_access_error_demo.json", Twin::same},
    {"odoo16/xmlrpc/error_access_error_demo_read_model.json", Drive::object, Expect::access,
     "odoo.exceptions.AccessError", "odoo16/jsonrpc/error_access_error_demo_read_model.json",
     Twin::same},
    {"odoo16/xmlrpc/error_bad_arguments.json", Drive::object, Expect::server, "builtins.TypeError",
     "odoo16/jsonrpc/error_bad_arguments.json", Twin::same},
    {"odoo16/xmlrpc/error_bad_domain.json", Drive::object, Expect::server, "builtins.ValueError",
     "odoo16/jsonrpc/error_bad_domain.json", Twin::same},
    {"odoo16/xmlrpc/error_malformed_xml.json", Drive::foreign, Expect::server,
     "xml.parsers.expat.ExpatError", "", Twin::none},
    {"odoo16/xmlrpc/error_missing_record_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/error_missing_record_read.json", Twin::same},
    {"odoo16/xmlrpc/error_missing_record_write.json", Drive::object, Expect::missing,
     "odoo.exceptions.MissingError", "odoo16/jsonrpc/error_missing_record_write.json",
     Twin::same_shape},
    {"odoo16/xmlrpc/error_private_method.json", Drive::object, Expect::access,
     "odoo.exceptions.AccessError", "odoo16/jsonrpc/error_private_method.json", Twin::same},
    {"odoo16/xmlrpc/error_required_field.json", Drive::object, Expect::validation,
     "odoo.exceptions.ValidationError", "odoo16/jsonrpc/error_required_field.json", Twin::same},
    {"odoo16/xmlrpc/error_unknown_db_execute.json", Drive::object, Expect::server,
     "psycopg2.OperationalError", "odoo16/jsonrpc/error_unknown_db_execute.json", Twin::same},
    {"odoo16/xmlrpc/error_unknown_endpoint.json", Drive::foreign, Expect::server,
     "builtins.KeyError", "", Twin::none},
    {"odoo16/xmlrpc/error_unknown_method.json", Drive::object, Expect::server,
     "builtins.AttributeError", "odoo16/jsonrpc/error_unknown_method.json", Twin::same},
    {"odoo16/xmlrpc/error_unknown_model.json", Drive::object, Expect::user,
     "odoo.exceptions.UserError", "odoo16/jsonrpc/error_unknown_model.json", Twin::same},
    {"odoo16/xmlrpc/error_user_error_post_empty_invoice.json", Drive::object, Expect::user,
     "odoo.exceptions.UserError", "odoo16/jsonrpc/error_user_error_post_empty_invoice.json",
     Twin::same},
    {"odoo16/xmlrpc/error_validation_sql_constraint.json", Drive::object, Expect::validation,
     "odoo.exceptions.ValidationError", "odoo16/jsonrpc/error_validation_sql_constraint.json",
     Twin::same},
    {"odoo16/xmlrpc/error_wrong_password.json", Drive::object, Expect::authentication,
     "odoo.exceptions.AccessDenied", "odoo16/jsonrpc/error_wrong_password.json", Twin::same},
    {"odoo16/xmlrpc/estate_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/estate_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/estate_search_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/estate_search_read.json", Twin::same},
    {"odoo16/xmlrpc/lead_create_with_commands.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/lead_create_with_commands.json", Twin::same_shape},
    {"odoo16/xmlrpc/lead_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/lead_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/lead_read_group.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/lead_read_group.json", Twin::same},
    {"odoo16/xmlrpc/lead_search_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/lead_search_read.json", Twin::same},
    {"odoo16/xmlrpc/lead_unlink.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/lead_unlink.json", Twin::same},
    {"odoo16/xmlrpc/move_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/move_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/move_line_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/move_line_read.json", Twin::same},
    {"odoo16/xmlrpc/move_search_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/move_search_read.json", Twin::same},
    {"odoo16/xmlrpc/partner_create.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_create.json", Twin::same_shape},
    {"odoo16/xmlrpc/partner_create_multi.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_create_multi.json", Twin::same_shape},
    {"odoo16/xmlrpc/partner_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/partner_name_search.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_name_search.json", Twin::same},
    {"odoo16/xmlrpc/partner_read_image.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_read_image.json", Twin::same},
    {"odoo16/xmlrpc/partner_search.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_search.json", Twin::same},
    {"odoo16/xmlrpc/partner_search_count.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_search_count.json", Twin::same},
    {"odoo16/xmlrpc/partner_search_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_search_read.json", Twin::same},
    {"odoo16/xmlrpc/partner_unlink.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_unlink.json", Twin::same},
    {"odoo16/xmlrpc/partner_write.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/partner_write.json", Twin::same},
    {"odoo16/xmlrpc/royal_estate_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/royal_estate_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/royal_estate_image_fields_get.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/royal_estate_image_fields_get.json", Twin::same},
    {"odoo16/xmlrpc/royal_estate_search_read.json", Drive::object, Expect::value, "",
     "odoo16/jsonrpc/royal_estate_search_read.json", Twin::same},
    {"odoo19/54_xmlrpc2_common_version.json", Drive::version, Expect::value, "",
     "odoo19/50_jsonrpc_common_version.json", Twin::same},
    {"odoo19/55_xmlrpc2_object_execute_kw.json", Drive::object, Expect::value, "",
     "odoo19/52_jsonrpc_execute_kw_search_read.json", Twin::prefix},
    {"odoo19/56_xmlrpc2_fault_unknown_model.json", Drive::object, Expect::user,
     "odoo.exceptions.UserError", "odoo19/53_jsonrpc_error_unknown_model.json", Twin::same},
}};

/// The recorded call: database, uid, password and the ORM call (object captures only).
struct RecordedCall {
    std::string database;
    int uid = 0;
    std::string password;
    odoo::Call call;
};

RecordedCall recorded_call(const Capture& capture) {
    const x::ParsedCall parsed = x::parse_call(capture.request_body);
    REQUIRE(parsed.method == "execute_kw");
    REQUIRE(parsed.params.size() >= 6);
    RecordedCall recorded;
    recorded.database = parsed.params.getString(0);
    recorded.uid = parsed.params.getInt(1);
    recorded.password = parsed.params.getString(2);
    recorded.call.model = parsed.params.getString(3);
    recorded.call.method = parsed.params.getString(4);
    recorded.call.args = x::to_json(parsed.params[5]);
    if (parsed.params.size() > 6) recorded.call.kwargs = x::to_json(parsed.params[6]);
    return recorded;
}

/// The login and database a capture was recorded with (service captures).
struct Account {
    std::string database = "testdb";
    std::string login = "admin";
    std::string password = "admin";
};

Account account_of(const Capture& capture, Drive drive) {
    Account account;
    if (drive != Drive::login) return account;
    const x::ParsedCall parsed = x::parse_call(capture.request_body);
    account.database = parsed.params.getString(0);
    account.login = parsed.params.getString(1);
    account.password = parsed.params.getString(2);
    return account;
}

/// A search call, for answers to requests the client never writes.
odoo::Call foreign_call() {
    return odoo::Call{"res.partner", "search", json::array({json::array()})};
}

/// Runs the client's side of `drive` and returns its result (errors propagate).
json run(odoo::Protocol& protocol, Drive drive, const odoo::Call& call) {
    switch (drive) {
        case Drive::version:
            return protocol.version().raw;
        case Drive::login:
        case Drive::authenticate:
            return protocol.authenticate();
        case Drive::db_list:
            return protocol.list_databases();
        case Drive::object:
        case Drive::foreign:
            break;
    }
    return protocol.execute_kw(call);
}

const Case* find_case(std::string_view file) {
    const auto it = std::ranges::find(cases, file, &Case::file);
    return it == cases.end() ? nullptr : &*it;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

TEST_CASE("every XML-RPC capture has an expectation", "[xmlrpc][captures]") {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(fs::path(test::wire_dir()) / "odoo16/xmlrpc"))
        files.push_back("odoo16/xmlrpc/" + entry.path().filename().string());
    for (const auto& entry : fs::directory_iterator(fs::path(test::wire_dir()) / "odoo19"))
        if (entry.path().filename().string().find("_xmlrpc") != std::string::npos)
            files.push_back("odoo19/" + entry.path().filename().string());
    CHECK(files.size() == cases.size());
    for (const auto& file : files) {
        INFO(file);
        CHECK(find_case(file) != nullptr);
    }
}

TEST_CASE("the requests the client writes read back as the recorded ones", "[xmlrpc][captures]") {
    for (const Case& c : cases) {
        if (c.drive == Drive::foreign || c.drive == Drive::authenticate) continue;
        INFO(c.file);
        const Capture capture = load_capture(std::string(c.file));
        std::optional<x::Fixture> fixture;
        odoo::Call call;
        std::size_t index = 0;  // which request to compare
        if (c.drive == Drive::object) {
            const RecordedCall recorded = recorded_call(capture);
            fixture.emplace(recorded.database, recorded.password);
            fixture->transport->on(x::route(x::login_response(recorded.uid), capture.response()));
            call = recorded.call;
            index = 1;  // after the lazy login
        } else {
            const Account account = account_of(capture, c.drive);
            fixture.emplace(account.database, account.password, account.login);
            fixture->transport->push(capture.response());
        }
        try {
            (void)run(*fixture->protocol, c.drive, call);
        } catch (const odoo::ServerError&) {
            // error captures: only the request matters here
        }
        const auto requests = fixture->transport->requests();
        REQUIRE(requests.size() == index + 1);
        const core::Request& sent = requests[index];
        CHECK(sent.method == capture.request_method);
        CHECK(sent.url == x::base_url + capture.request_path);
        CHECK(core::find_header(sent.headers, "Content-Type").value_or("") == "text/xml");
        const x::ParsedCall ours = x::parse_call(sent.body);
        const x::ParsedCall theirs = x::parse_call(capture.request_body);
        CHECK(ours.method == theirs.method);
        REQUIRE(ours.params.size() == theirs.params.size());
        for (unsigned i = 0; i < ours.params.size(); ++i) {
            INFO("param " << i);
            CHECK(x::difference(ours.params[i], theirs.params[i]) == "");
        }
    }
}

TEST_CASE("recorded answers decode like the same call over JSON-RPC", "[xmlrpc][captures]") {
    for (const Case& c : cases) {
        if (c.expect != Expect::value) continue;
        INFO(c.file);
        const Capture capture = load_capture(std::string(c.file));
        x::Fixture fixture;
        odoo::Call call;
        if (c.drive == Drive::object) {
            call = recorded_call(capture).call;
            fixture.transport->on(x::route(x::login_response(2), capture.response()));
        } else {
            fixture.transport->push(capture.response());
        }
        const json ours = run(*fixture.protocol, c.drive, call);
        const json twin = x::jsonrpc_answer(std::string(c.twin)).at("result");
        switch (c.compare) {
            case Twin::same:
                CHECK(x::json_difference(ours, twin) == "");
                break;
            case Twin::same_shape:
                CHECK(x::json_difference(ours, twin, false) == "");
                break;
            case Twin::prefix: {
                REQUIRE(twin.is_array());
                REQUIRE(ours.size() <= twin.size());
                const json head(twin.begin(), twin.begin() + static_cast<long>(ours.size()));
                CHECK(!ours.empty());
                CHECK(x::json_difference(ours, head) == "");
                break;
            }
            case Twin::none:
                break;
        }
        if (c.drive == Drive::login || c.drive == Drive::authenticate)
            CHECK(fixture.protocol->uid() == ours.get<int>());
    }
}

TEST_CASE("recorded faults raise the class JSON-RPC reports", "[xmlrpc][captures]") {
    for (const Case& c : cases) {
        if (c.expect == Expect::value) continue;
        INFO(c.file);
        const Capture capture = load_capture(std::string(c.file));
        x::Fixture fixture;
        odoo::Call call = foreign_call();
        std::string endpoint = x::base_url + "/xmlrpc/2/common";
        if (c.drive == Drive::object || c.drive == Drive::foreign) {
            if (c.drive == Drive::object) call = recorded_call(capture).call;
            fixture.transport->on(x::route(x::login_response(2), capture.response()));
            endpoint = x::base_url + "/xmlrpc/2/object";
        } else {
            fixture.transport->push(capture.response());
            call = odoo::Call{"", "login"};
        }
        try {
            (void)run(*fixture.protocol, c.drive, call);
            FAIL("no exception");
        } catch (const odoo::ServerError& e) {
            test::check_server_error(
                e, {c.expect, c.server_class, call.model, call.method, "xmlrpc", endpoint, 200});
            const std::string what = e.what();
            INFO(what);
            const std::string called =
                call.model.empty() ? call.method : call.model + "." + call.method;
            CHECK(what.find(" calling " + called + " ") != std::string::npos);
            CHECK(what.find(x::secret) == std::string::npos);
            CHECK(!e.server_message().empty());
            CHECK(e.server_message().find("Traceback") == std::string::npos);
            CHECK(what.find(e.server_message()) != std::string::npos);
            if (c.compare != Twin::none) {
                const json error = x::jsonrpc_answer(std::string(c.twin)).at("error").at("data");
                CHECK(e.server_class() == error.at("name").get<std::string>());
                if (c.compare == Twin::same)
                    CHECK(trimmed(e.server_message()) ==
                          trimmed(error.at("message").get<std::string>()));
            }
        }
    }
}

TEST_CASE("faults keep the whole traceback as debug text", "[xmlrpc][captures]") {
    const Capture capture = load_capture("odoo16/xmlrpc/error_bad_domain.json");
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), capture.response()));
    try {
        (void)fixture.protocol->execute_kw(recorded_call(capture).call);
        FAIL("no exception");
    } catch (const odoo::ServerError& e) {
        CHECK(e.details().debug.starts_with("Traceback (most recent call last):"));
        CHECK(e.details().debug.find("osv/expression.py") != std::string::npos);
        CHECK(std::string(e.what()).find("expression.py") == std::string::npos);
        CHECK(e.server_message() ==
              "Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)");
    }
}
