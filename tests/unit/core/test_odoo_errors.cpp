#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>

#include <catch2/catch.hpp>

using namespace odoobridge;
using namespace odoobridge::odoo;

namespace {
template <class Expected>
void check_maps(const std::string& server_class) {
    ErrorDetails details;
    details.server_class = server_class;
    details.server_message = "the message";
    details.model = "res.partner";
    details.method = "write";
    details.protocol = "jsonrpc";
    details.endpoint = "http://h/jsonrpc";
    details.debug = "Traceback ...";
    try {
        throw_server_error(details);
    } catch (const Expected& error) {
        CHECK(error.server_class() == server_class);
        const std::string what = error.what();
        CHECK(what.find("res.partner.write") != std::string::npos);
        CHECK(what.find("the message") != std::string::npos);
        CHECK(what.find("jsonrpc") != std::string::npos);
        CHECK(what.find("Traceback") == std::string::npos);
        CHECK(error.details().debug == "Traceback ...");
        return;
    }
    FAIL("wrong class for " << server_class);
}
}  // namespace

TEST_CASE("Odoo exception classes map to the hierarchy") {
    check_maps<AuthenticationError>("odoo.exceptions.AccessDenied");
    check_maps<AuthenticationError>("werkzeug.exceptions.Unauthorized");
    check_maps<AccessError>("odoo.exceptions.AccessError");
    check_maps<SessionExpiredError>("odoo.http.SessionExpiredException");
    check_maps<ValidationError>("odoo.exceptions.ValidationError");
    check_maps<MissingError>("odoo.exceptions.MissingError");
    check_maps<UserError>("odoo.exceptions.UserError");
    check_maps<odoo::ServerError>("builtins.ValueError");
    check_maps<odoo::ServerError>("psycopg2.OperationalError");
}

TEST_CASE("the hierarchy follows Odoo's own") {
    ErrorDetails details;
    details.server_class = "odoo.exceptions.MissingError";
    CHECK_THROWS_AS(throw_server_error(details), UserError);
    CHECK_THROWS_AS(throw_server_error(details), odoobridge::ServerError);
    CHECK_THROWS_AS(throw_server_error(details), odoobridge::Error);
    details.server_class = "odoo.exceptions.ValidationError";
    CHECK_THROWS_AS(throw_server_error(details), UserError);
}

TEST_CASE("protocol names parse and print") {
    CHECK(parse_protocol_kind("auto") == ProtocolKind::automatic);
    CHECK(parse_protocol_kind("xmlrpc") == ProtocolKind::xmlrpc);
    CHECK(parse_protocol_kind("json2") == ProtocolKind::json2);
    CHECK(to_string(ProtocolKind::session) == "session");
    CHECK_THROWS_WITH(parse_protocol_kind("soap"), Catch::Contains("auto, xmlrpc, jsonrpc"));
}

TEST_CASE("server versions parse from common.version and /web/version") {
    const auto v16 = parse_server_version(
        json::parse(R"({"server_version":"16.0","server_version_info":[16,0,0,"final",0,""]})"),
        "e");
    CHECK(v16.major == 16);
    CHECK(v16.version == "16.0");
    const auto v19 =
        parse_server_version(json::parse(R"({"version_info":[19,0,0,"final",0,""],"version":"19.0"})"), "e");
    CHECK(v19.major == 19);
    CHECK(v19.minor == 0);
    CHECK_THROWS_AS(parse_server_version(json::parse(R"({"foo":1})"), "e"), MalformedResponseError);
}

TEST_CASE("credentials expose login and secret") {
    Credentials password = Password{"admin", "pw"};
    Credentials key = ApiKey{"bot", "k"};
    CHECK(login_of(password) == "admin");
    CHECK(secret_of(password) == "pw");
    CHECK(login_of(key) == "bot");
    CHECK(secret_of(key) == "k");
}
