// JSON ⇄ XML-RPC conversion, seen through the protocol: what the client writes (read back
// with xmlrpc-c's parseCall) and what it makes of each XML-RPC type it may receive.

#include "capture.hpp"
#include "xmlrpc_test_support.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <xmlrpc-c/base.h>
#include <xmlrpc-c/base64.hpp>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace odoobridge;
using test::load_capture;
namespace x = test::xmlrpc;

/// Sends `res.partner.write(args)` and returns the args the server would read.
xmlrpc_c::value sent_args(const json& args) {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), x::xml_response(x::response_document(
                                                             xmlrpc_c::value_boolean(true)))));
    (void)fixture.protocol->execute_kw(odoo::Call{"res.partner", "write", args});
    const auto requests = fixture.transport->requests();
    REQUIRE(requests.size() == 2);
    const x::ParsedCall call = x::parse_call(requests[1].body);
    REQUIRE(call.params.size() == 6);
    return call.params[5];
}

/// The XML-RPC value at `args[index]` once sent.
xmlrpc_c::value sent_arg(const json& value) {
    const auto items = xmlrpc_c::value_array(sent_args(json::array({value}))).vectorValueValue();
    REQUIRE(items.size() == 1);
    return items[0];
}

/// What execute_kw returns for an answer carrying `result`.
json received(const xmlrpc_c::value& result) {
    x::Fixture fixture;
    fixture.transport->on(
        x::route(x::login_response(2), x::xml_response(x::response_document(result))));
    return fixture.protocol->execute_kw(odoo::Call{"res.partner", "read", json::array()});
}

/// What execute_kw returns for an answer whose `<value>` is `value_xml`.
json received_xml(const std::string& value_xml) {
    x::Fixture fixture;
    fixture.transport->on(x::route(
        x::login_response(2),
        x::xml_response("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" +
                        value_xml + "</value>\n</param>\n</params>\n</methodResponse>\n")));
    return fixture.protocol->execute_kw(odoo::Call{"res.partner", "read", json::array()});
}

/// The ConfigurationError message for sending `args`, with no request but the login sent.
std::string refusal(const json& args, const std::string& password = x::secret) {
    x::Fixture fixture("testdb", password);
    fixture.transport->on(x::route(x::login_response(2), x::xml_response("")));
    try {
        (void)fixture.protocol->execute_kw(odoo::Call{"res.partner", "write", args});
    } catch (const ConfigurationError& e) {
        CHECK(fixture.transport->request_count() == 1);  // the login only
        return e.what();
    }
    FAIL("no ConfigurationError");
    return {};
}

}  // namespace

TEST_CASE("integers within 32 bits are <int>, larger ones <i8>", "[xmlrpc][codec]") {
    const std::int64_t two_to_40 = std::int64_t{1} << 40;
    const xmlrpc_c::value big = sent_arg(two_to_40);
    REQUIRE(big.type() == xmlrpc_c::value::TYPE_I8);
    CHECK(xmlrpc_c::value_i8(big).cvalue() == two_to_40);

    CHECK(sent_arg(std::numeric_limits<std::int32_t>::max()).type() == xmlrpc_c::value::TYPE_INT);
    CHECK(sent_arg(std::numeric_limits<std::int32_t>::min()).type() == xmlrpc_c::value::TYPE_INT);
    CHECK(sent_arg(std::int64_t{2147483648}).type() == xmlrpc_c::value::TYPE_I8);
    CHECK(sent_arg(std::int64_t{-2147483649}).type() == xmlrpc_c::value::TYPE_I8);
    CHECK(sent_arg(std::uint64_t{42}).type() == xmlrpc_c::value::TYPE_INT);
    const auto unsigned_big = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    CHECK(xmlrpc_c::value_i8(sent_arg(unsigned_big)).cvalue() ==
          std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("the body carries <i8> and <nil/> as Odoo's Python reads them", "[xmlrpc][codec]") {
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), x::xml_response(x::response_document(
                                                             xmlrpc_c::value_boolean(true)))));
    (void)fixture.protocol->execute_kw(
        odoo::Call{"res.partner", "write", json::array({std::int64_t{1} << 40, nullptr})});
    const std::string body = fixture.transport->requests().at(1).body;
    CHECK(body.find("<i8>1099511627776</i8>") != std::string::npos);
    CHECK(body.find("<nil/>") != std::string::npos);
    CHECK(body.find("ex:") == std::string::npos);  // not the Apache dialect
}

TEST_CASE("JSON values map to their XML-RPC types", "[xmlrpc][codec]") {
    CHECK(sent_arg(nullptr).type() == xmlrpc_c::value::TYPE_NIL);
    CHECK(sent_arg(true).type() == xmlrpc_c::value::TYPE_BOOLEAN);
    CHECK(xmlrpc_c::value_boolean(sent_arg(false)).cvalue() == false);
    CHECK(xmlrpc_c::value_double(sent_arg(30'000'000.5)).cvalue() == 30'000'000.5);
    CHECK(sent_arg(json::array()).type() == xmlrpc_c::value::TYPE_ARRAY);
    CHECK(sent_arg(json::object()).type() == xmlrpc_c::value::TYPE_STRUCT);

    const json nested = {{"name", "Royal"},
                         {"price", 45'000'000},
                         {"commission", 2.5},
                         {"has_parking", true},
                         {"deal_date", false},
                         {"note", nullptr},
                         {"image_ids", json::array({json::array({0, 0, {{"sequence", 1}}})})}};
    CHECK(x::to_json(sent_arg(nested)) == nested);
}

TEST_CASE("Cyrillic text round-trips", "[xmlrpc][codec]") {
    // A real value from the Royal Estate database, decoded from its capture.
    x::Fixture fixture;
    fixture.transport->on(
        x::route(x::login_response(2),
                 load_capture("odoo16/xmlrpc/royal_estate_search_read.json").response()));
    const json records = fixture.protocol->execute_kw(
        odoo::Call{"estate.property", "search_read", json::array({json::array()})});
    REQUIRE(records.is_array());
    REQUIRE(!records.empty());
    const std::string name = records[0].at("name").get<std::string>();
    CHECK(name.find("\xD0") != std::string::npos);  // Cyrillic in UTF-8

    const json record = {{"name", name}, {"street", "проспект Абая, 10"}};
    CHECK(x::to_json(sent_arg(record)) == record);
    CHECK(received(xmlrpc_c::value_string(name)) == name);
}

TEST_CASE("carriage returns are sent as character references", "[xmlrpc][codec]") {
    // A raw CR would be turned into LF by the server's XML parser; &#x0d; survives.
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), x::xml_response(x::response_document(
                                                             xmlrpc_c::value_boolean(true)))));
    (void)fixture.protocol->execute_kw(
        odoo::Call{"res.partner", "write", json::array({"line 1\r\nline 2\nline\t3\r"})});
    const std::string body = fixture.transport->requests().at(1).body;
    CHECK(body.find("line 1&#x0d;\nline 2\nline\t3&#x0d;") != std::string::npos);
}

TEST_CASE("doubles are written with the digits that read back exactly", "[xmlrpc][codec]") {
    // xmlrpc-c alone writes 16 significant digits, which loses the last bit of these.
    const std::vector<double> numbers{
        1.2345678901234567, 123456789012.34567, 0.1, 43.2383541, -76.94615012, 1e22, 5e-324};
    x::Fixture fixture;
    fixture.transport->on(x::route(x::login_response(2), x::xml_response(x::response_document(
                                                             xmlrpc_c::value_boolean(true)))));
    const json args = json::array({json{{"b", numbers[0]}, {"a", numbers[1]}, {"c", {numbers[2]}}},
                                   numbers[3], numbers[4], numbers[5], numbers[6]});
    (void)fixture.protocol->execute_kw(odoo::Call{"res.partner", "write", args});
    const std::string body = fixture.transport->requests().at(1).body;
    std::vector<double> written;
    for (auto open = body.find("<double>"); open != std::string::npos;
         open = body.find("<double>", open + 1)) {
        const auto begin = open + 8;
        const std::string text = body.substr(begin, body.find('<', begin) - begin);
        CHECK(text.find_first_of("eE") == std::string::npos);  // XML-RPC has no exponent form
        written.push_back(std::strtod(text.c_str(), nullptr));
    }
    // Document order: struct members by key (a, b, c), then the array items.
    const std::vector<double> expected{numbers[1], numbers[0], numbers[2], numbers[3],
                                       numbers[4], numbers[5], numbers[6]};
    CHECK(written == expected);
}

TEST_CASE("doubles are read exactly", "[xmlrpc][codec]") {
    // xmlrpc-c alone reads 0.02 as 0.020000000000000004.
    for (const std::string text :
         {"0.02", "43.2383541", "76.9461501", "0.087616777458059847", "-82.821778502587023",
          "45000000.0", "0.35089811378291957", "+1.5", "1e-07"}) {
        INFO(text);
        const json value = received_xml("<double>" + text + "</double>");
        REQUIRE(value.is_number_float());
        std::string plain = text;
        plain.erase(0, plain.find_first_not_of("+"));
        CHECK(value.get<double>() == std::strtod(plain.c_str(), nullptr));
    }
    const json many = received_xml(
        "<array><data><value><double>0.02</double></value><value><double>0.03</double></value>"
        "<value><struct><member><name>k</name><value><double>0.07</double></value></member>"
        "</struct></value></data></array>");
    CHECK(many == json::array({0.02, 0.03, {{"k", 0.07}}}));
}

TEST_CASE("values XML-RPC cannot carry are refused before sending", "[xmlrpc][codec]") {
    SECTION("control characters") {
        const std::string what =
            refusal(json::array({json::array({1}), {{"name", std::string("a\x01z")}}}));
        INFO(what);
        CHECK(what.find("res.partner.write") != std::string::npos);
        CHECK(what.find("args[1].name") != std::string::npos);
        CHECK(what.find("U+0001") != std::string::npos);
    }
    SECTION("invalid UTF-8, without quoting the text") {
        const std::string what = refusal(json::array({std::string("secret\xFF")}));
        INFO(what);
        CHECK(what.find("args[0]") != std::string::npos);
        CHECK(what.find("UTF-8") != std::string::npos);
        CHECK(what.find("secret") == std::string::npos);
    }
    SECTION("an invalid password is named, not shown") {
        const std::string bad_password = "pa\x02ssword-XYZ";
        x::Fixture fixture("testdb", bad_password);
        try {
            (void)fixture.protocol->authenticate();
            FAIL("no exception");
        } catch (const ConfigurationError& e) {
            const std::string what = e.what();
            INFO(what);
            CHECK(what.find("password") != std::string::npos);
            CHECK(what.find("XYZ") == std::string::npos);
        }
        CHECK(fixture.transport->request_count() == 0);
    }
    SECTION("non-finite numbers") {
        CHECK(refusal(json::array({std::numeric_limits<double>::quiet_NaN()})).find("finite") !=
              std::string::npos);
        CHECK(refusal(json::array({std::numeric_limits<double>::infinity()})).find("finite") !=
              std::string::npos);
    }
    SECTION("integers beyond 64 bits") {
        const std::string what = refusal(json::array({std::numeric_limits<std::uint64_t>::max()}));
        CHECK(what.find("18446744073709551615") != std::string::npos);
        CHECK(what.find("i8") != std::string::npos);
    }
    SECTION("JSON binary values") {
        CHECK(refusal(json::array({json::binary({1, 2, 3})})).find("base64") != std::string::npos);
    }
    SECTION("args that are not an array, kwargs that are not an object, before any login") {
        x::Fixture fixture;
        try {
            (void)fixture.protocol->execute_kw(odoo::Call{"res.partner", "read", json::object()});
            FAIL("no exception");
        } catch (const ConfigurationError& e) {
            CHECK(std::string(e.what()).find("args of res.partner.read") != std::string::npos);
        }
        CHECK_THROWS_AS(fixture.protocol->execute_kw(
                            odoo::Call{"res.partner", "read", json::array(), json::array()}),
                        ConfigurationError);
        CHECK(fixture.transport->request_count() == 0);
    }
}

TEST_CASE("XML-RPC answers map to JSON values", "[xmlrpc][codec]") {
    CHECK(received_xml("<int>42</int>") == 42);
    CHECK(received_xml("<i4>-7</i4>") == -7);
    const json big = received_xml("<i8>1099511627776</i8>");
    CHECK(big.is_number_integer());
    CHECK(big.get<std::int64_t>() == (std::int64_t{1} << 40));
    CHECK(received_xml("<boolean>0</boolean>") == false);
    CHECK(received_xml("<boolean>1</boolean>") == true);
    CHECK(received_xml("<nil/>").is_null());
    CHECK(received_xml("<string>Алматы</string>") == "Алматы");
    CHECK(received_xml("untyped text") == "untyped text");
    CHECK(received_xml("<array><data></data></array>") == json::array());
    CHECK(received_xml("<struct></struct>") == json::object());
    CHECK(received_xml("<struct><member><name>ids</name><value><array><data><value><int>1</int>"
                       "</value><value><int>2</int></value></data></array></value></member>"
                       "</struct>") == json{{"ids", {1, 2}}});
}

TEST_CASE("doubles stay doubles, also integral ones above 2^31", "[xmlrpc][codec]") {
    const json value = received_xml("<double>2147483648.0</double>");
    CHECK(value.is_number_float());
    CHECK(value.get<double>() == 2147483648.0);
    CHECK(received_xml("<double>0.5</double>") == 0.5);
}

TEST_CASE("dateTime.iso8601 becomes Odoo's datetime text", "[xmlrpc][codec]") {
    CHECK(received_xml("<dateTime.iso8601>20240131T10:20:30</dateTime.iso8601>") ==
          "2024-01-31 10:20:30");
    xmlrpc_datetime when{};
    when.Y = 2025;
    when.M = 3;
    when.D = 9;
    when.h = 8;
    when.m = 5;
    when.s = 1;
    CHECK(received(xmlrpc_c::value_datetime(when)) == "2025-03-09 08:05:01");
}

TEST_CASE("base64 becomes its base64 text", "[xmlrpc][codec]") {
    CHECK(received_xml("<base64>aGVsbG8=</base64>") == "aGVsbG8=");
    const std::vector<unsigned char> bytes(200, 0xAB);  // long enough to be line-wrapped
    const json text = received(xmlrpc_c::value_bytestring(bytes));
    REQUIRE(text.is_string());
    CHECK(text.get<std::string>().find('\n') == std::string::npos);
    CHECK(xmlrpc_c::bytesFromBase64(text.get<std::string>()) == bytes);
}
