// Replays every /jsonrpc capture (odoo16/jsonrpc/*, odoo19/5x_jsonrpc_*) against the
// JSON-RPC protocol: the request the client encodes for the capture's case must equal the
// recorded request (as JSON, ignoring the envelope id and with the test's own password),
// and the recorded answer must decode to its result or raise the listed error class.

#include "capture.hpp"
#include "expected_error.hpp"
#include "jsonrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace odoobridge;
using namespace odoobridge::test;

struct ErrorCase {
    std::string_view file;
    Expect expect;
    std::string_view server_class;
};

// What each error capture must raise. A capture not listed here must decode to its result.
constexpr std::array<ErrorCase, 16> error_cases{{
    {"odoo16/jsonrpc/common_login_bad_password.json", Expect::authentication,
     "odoo.exceptions.AccessDenied"},
    {"odoo16/jsonrpc/common_login_unknown_db.json", Expect::server, "psycopg2.OperationalError"},
    {"odoo16/jsonrpc/error_access_error_demo.json", Expect::access, "odoo.exceptions.AccessError"},
    {"odoo16/jsonrpc/error_access_error_demo_read_model.json", Expect::access,
     "odoo.exceptions.AccessError"},
    {"odoo16/jsonrpc/error_bad_arguments.json", Expect::server, "builtins.TypeError"},
    {"odoo16/jsonrpc/error_bad_domain.json", Expect::server, "builtins.ValueError"},
    {"odoo16/jsonrpc/error_missing_record_write.json", Expect::missing,
     "odoo.exceptions.MissingError"},
    {"odoo16/jsonrpc/error_private_method.json", Expect::access, "odoo.exceptions.AccessError"},
    {"odoo16/jsonrpc/error_required_field.json", Expect::validation,
     "odoo.exceptions.ValidationError"},
    {"odoo16/jsonrpc/error_unknown_db_execute.json", Expect::server, "psycopg2.OperationalError"},
    {"odoo16/jsonrpc/error_unknown_method.json", Expect::server, "builtins.AttributeError"},
    {"odoo16/jsonrpc/error_unknown_model.json", Expect::user, "odoo.exceptions.UserError"},
    {"odoo16/jsonrpc/error_user_error_post_empty_invoice.json", Expect::user,
     "odoo.exceptions.UserError"},
    {"odoo16/jsonrpc/error_validation_sql_constraint.json", Expect::validation,
     "odoo.exceptions.ValidationError"},
    {"odoo16/jsonrpc/error_wrong_password.json", Expect::authentication,
     "odoo.exceptions.AccessDenied"},
    {"odoo19/53_jsonrpc_error_unknown_model.json", Expect::user, "odoo.exceptions.UserError"},
}};

const ErrorCase* error_case(std::string_view file) {
    const auto it = std::ranges::find(error_cases, file, &ErrorCase::file);
    return it == error_cases.end() ? nullptr : &*it;
}

/// Every odoo16/jsonrpc capture and every odoo19 capture of POST /jsonrpc, sorted.
std::vector<std::string> jsonrpc_capture_files() {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(wire_dir() + "/odoo16/jsonrpc"))
        files.push_back("odoo16/jsonrpc/" + entry.path().filename().string());
    for (const auto& entry : fs::directory_iterator(wire_dir() + "/odoo19")) {
        const std::string name = "odoo19/" + entry.path().filename().string();
        if (entry.path().extension() == ".json" && !name.starts_with("odoo19/_") &&
            load_capture(name).request_path == "/jsonrpc")
            files.push_back(name);
    }
    std::ranges::sort(files);
    return files;
}

/// Runs `run`, which must throw the error `expected` describes for `model`.`method`.
void require_server_error(const ErrorCase& expected, const Capture& capture,
                          const std::string& model, const std::string& method,
                          const std::function<void()>& run,
                          const std::function<void(const std::string&)>& check_what = {}) {
    try {
        run();
        FAIL("no exception from " << expected.file);
    } catch (const odoo::ServerError& error) {
        check_server_error(error, {expected.expect, expected.server_class, model, method, "jsonrpc",
                                   base_url + "/jsonrpc", capture.status});
        const std::string what = error.what();
        INFO(what);
        const json answer = json::parse(capture.response_body);
        if (answer.contains("error")) {
            const std::string server_message = answer["error"]["data"]["message"];
            CHECK(error.server_message() == server_message);
            CHECK(what.find(server_message) != std::string::npos);
            CHECK(error.details().debug == answer["error"]["data"]["debug"].get<std::string>());
            CHECK(what.find("Traceback") == std::string::npos);
        }
        require_no_secret(error);
        if (check_what) check_what(what);
    }
}

/// The body the client must send: the capture's request with the test password.
json expected_request(const Capture& capture, std::size_t secret_index) {
    json expected = body_without_id(capture.request_body);
    expected["params"]["args"][secret_index] = secret;
    return expected;
}

void check_execute_kw(const std::string& file, const Capture& capture) {
    const json recorded = json::parse(capture.request_body);
    const json& args = recorded["params"]["args"];
    const int uid = args[1].get<int>();
    const odoo::Call call{args[3].get<std::string>(), args[4].get<std::string>(), args[5],
                          args.size() > 6 ? args[6] : json::object()};
    Fixture fixture(odoo::ProtocolKind::jsonrpc, args[0].get<std::string>());
    fixture.transport->push(result_response(uid));  // the lazy login
    fixture.transport->push(capture.response());

    if (const ErrorCase* expected = error_case(file)) {
        require_server_error(*expected, capture, call.model, call.method,
                             [&] { (void)fixture.protocol->execute_kw(call); });
    } else {
        CHECK(fixture.protocol->execute_kw(call) == result_of(capture.response_body));
    }
    CHECK(fixture.protocol->uid() == uid);
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    CHECK(body_without_id(requests[0].body)["params"] ==
          json{{"service", "common"}, {"method", "login"}, {"args", {args[0], "admin", secret}}});
    CHECK(path_of(requests[1].url) == capture.request_path);
    CHECK(body_without_id(requests[1].body) == expected_request(capture, 2));
}

void check_login(const std::string& file, const Capture& capture) {
    const json recorded = json::parse(capture.request_body);
    const json& args = recorded["params"]["args"];
    const auto database = args[0].get<std::string>();
    const auto login = args[1].get<std::string>();
    Fixture fixture(odoo::ProtocolKind::jsonrpc, database, login);
    fixture.transport->push(capture.response());

    if (const ErrorCase* expected = error_case(file)) {
        const bool refused = expected->expect == Expect::authentication;
        require_server_error(
            *expected, capture, "", refused ? "login" : "common.login",
            [&] { fixture.protocol->authenticate(); },
            [&](const std::string& what) {
                if (!refused) return;
                // `false` from login: the message says which login and database failed.
                CHECK(what.find("'" + login + "'") != std::string::npos);
                CHECK(what.find("'" + database + "'") != std::string::npos);
            });
        CHECK(fixture.protocol->uid() == 0);
    } else {
        const int uid = fixture.protocol->authenticate();
        CHECK(uid == result_of(capture.response_body).get<int>());
        CHECK(fixture.protocol->uid() == uid);
    }
    const auto requests = fixture.transport->requests();
    REQUIRE(!requests.empty());
    CHECK(path_of(requests[0].url) == capture.request_path);
    CHECK(body_without_id(requests[0].body) == expected_request(capture, 2));
}

// common.authenticate answers like common.login; the client logs in with common.login.
void check_authenticate_answer(const Capture& capture) {
    const json recorded = json::parse(capture.request_body);
    const json& args = recorded["params"]["args"];
    Fixture fixture(odoo::ProtocolKind::jsonrpc, args[0].get<std::string>(),
                    args[1].get<std::string>());
    fixture.transport->push(capture.response());
    CHECK(fixture.protocol->authenticate() == result_of(capture.response_body).get<int>());
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(body_without_id(requests[0].body)["params"] ==
          json{{"service", "common"}, {"method", "login"}, {"args", {args[0], args[1], secret}}});
}

void check_version(const Capture& capture) {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(capture.response());
    const json result = result_of(capture.response_body);
    const odoo::ServerVersion version = fixture.protocol->version();
    CHECK(version.raw == result);
    CHECK(version.version == result["server_version"].get<std::string>());
    CHECK(version.major == result["server_version_info"][0].get<int>());
    CHECK(version.minor == result["server_version_info"][1].get<int>());
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(path_of(requests[0].url) == capture.request_path);
    CHECK(body_without_id(requests[0].body) == body_without_id(capture.request_body));
}

void check_db_list(const Capture& capture) {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(capture.response());
    CHECK(fixture.protocol->list_databases() ==
          result_of(capture.response_body).get<std::vector<std::string>>());
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(body_without_id(requests[0].body) == body_without_id(capture.request_body));
}

// Odoo answers a body it cannot parse with HTTP 400 text/html "Invalid JSON data".
void check_malformed_request(const Capture& capture) {
    Fixture fixture(odoo::ProtocolKind::jsonrpc);
    fixture.transport->push(capture.response());
    try {
        (void)fixture.protocol->version();
        FAIL("no exception for the 400 answer");
    } catch (const UnexpectedResponseError& error) {
        const std::string what = error.what();
        INFO(what);
        CHECK(error.http_status() == 400);
        CHECK(error.endpoint() == base_url + "/jsonrpc");
        CHECK(what.find("Invalid JSON data") != std::string::npos);
        require_no_secret(error);
    }
}

}  // namespace

TEST_CASE("every /jsonrpc capture encodes and decodes like the real server", "[jsonrpc][wire]") {
    const auto files = jsonrpc_capture_files();
    REQUIRE(files.size() >= 49);  // 45 Odoo 16 and 4 Odoo 19 captures when written
    for (const std::string& file : files) {
        DYNAMIC_SECTION(file) {
            const Capture capture = load_capture(file);
            if (file == "odoo16/jsonrpc/error_malformed_json.json") {
                check_malformed_request(capture);
            } else {
                const json params = json::parse(capture.request_body).at("params");
                const std::string call = params.at("service").get<std::string>() + "." +
                                         params.at("method").get<std::string>();
                if (call == "object.execute_kw")
                    check_execute_kw(file, capture);
                else if (call == "common.login")
                    check_login(file, capture);
                else if (call == "common.authenticate")
                    check_authenticate_answer(capture);
                else if (call == "common.version")
                    check_version(capture);
                else if (call == "db.list")
                    check_db_list(capture);
                else
                    FAIL("no test for " << call << " in " << file);
            }
        }
    }
}

TEST_CASE("every listed error capture exists", "[jsonrpc][wire]") {
    const auto files = jsonrpc_capture_files();
    for (const ErrorCase& expected : error_cases) {
        INFO(expected.file);
        CHECK(std::ranges::find(files, expected.file) != files.end());
    }
}
