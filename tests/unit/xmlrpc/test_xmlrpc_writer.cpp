// The codec's request writer, checked by reading its documents back with the oracle,
// xmlrpc-c (xmlrpc_oracle.hpp): every JSON value Odoo calls carry must come back as it went.

#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <vector>
#include <xmlrpc-c/base.hpp>
#include <xmlrpc-c/xml.hpp>

#include "xmlrpc_codec.hpp"
#include "xmlrpc_oracle.hpp"
#include "xmlrpc_test_support.hpp"

namespace {

using namespace odoobridge;
namespace codec = odoo::detail::xmlrpc;
namespace oracle = test::xmlrpc::oracle;

/// The document the writer makes for `echo(value)`.
std::string document_for(const json& value) {
    const std::array<codec::NamedParam, 1> params{{{"value", value}}};
    return codec::write_call("echo", params, "test.echo");
}

/// `value` written as the only param of a call and read back by xmlrpc-c.
json round_trip(const json& value) {
    const oracle::Call call = oracle::read_call(document_for(value));
    REQUIRE(call.method == "echo");
    REQUIRE(call.params.size() == 1);
    return call.params[0];
}

/// Whether `a` and `b` are the same JSON, with doubles compared by their bits (so that
/// -0.0 and 0.0 differ) and integers of either signedness alike.
bool same(const json& a, const json& b) {
    if (a.is_number_float() && b.is_number_float())
        return std::bit_cast<std::uint64_t>(a.get<double>()) ==
               std::bit_cast<std::uint64_t>(b.get<double>());
    if (a.is_number_integer() != b.is_number_integer() || a.type() != b.type()) {
        if (!(a.is_number_integer() && b.is_number_integer())) return false;
    }
    if (a.is_array() || a.is_object()) {
        if (a.size() != b.size()) return false;
        if (a.is_array()) {
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!same(a[i], b[i])) return false;
            return true;
        }
        for (const auto& [key, item] : a.items())
            if (!b.contains(key) || !same(item, b.at(key))) return false;
        return true;
    }
    return a == b;
}

/// The XML-RPC type xmlrpc-c reads for `value` once written.
xmlrpc_c::value::type_t sent_type(const json& value) {
    std::string method;
    xmlrpc_c::paramList params;
    xmlrpc_c::xml::parseCall(document_for(value), &method, &params);
    REQUIRE(params.size() == 1);
    return params[0].type();
}

/// The ConfigurationError message for writing `value`.
std::string refusal(const json& value) {
    try {
        (void)document_for(value);
    } catch (const ConfigurationError& e) {
        return e.what();
    }
    FAIL("no ConfigurationError for "
         << value.dump(-1, ' ', false, json::error_handler_t::replace));
    return {};
}

constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t int32_min = std::numeric_limits<std::int32_t>::min();

}  // namespace

TEST_CASE("written values read back unchanged by xmlrpc-c", "[xmlrpc][writer]") {
    const std::vector<json> values = {
        nullptr,
        true,
        false,
        // strings: Unicode (within the BMP: xmlrpc-c refuses others, see
        // test_xmlrpc_beyond_oracle.cpp), markup, line ends, XML's edge characters
        "",
        "plain",
        "проспект Абая, 10",
        "漢字",
        "a & b < c > d",
        "]]>",
        "\"double\" 'single'",
        "tab\there",
        "line\nfeed",
        "&amp; stays literal",
        "<value><int>1</int></value>",
        "\xEF\xBF\xBD",
        "\xEE\x80\x80",
        "\x7F",
        std::string(5000, 'x'),
        // integers around the <int>/<i8> boundary and at the ends of 64 bits
        0,
        1,
        -1,
        int32_max,
        int32_min,
        int32_max + 1,
        int32_min - 1,
        std::numeric_limits<std::int64_t>::max(),
        std::numeric_limits<std::int64_t>::min(),
        std::uint64_t{42},
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
        // doubles, to the last bit
        0.1,
        0.2,
        1.0 / 3,
        1e300,
        -1e300,
        0.0,
        -0.0,
        std::numeric_limits<double>::max(),
        1e-7,
        123456.789,
        45000000.0,
        9007199254740994.0,
        -76.94615012,
        // containers
        json::array(),
        json::object(),
        json::array({json::array()}),
        json::array({1, "a", nullptr, true, 2.5, json::object()}),
        json{{"", 1}},
        json{{"a&b<c>", "x"}, {"ключ", {1, 2}}, {"tab\tkey", false}},
        json{{"domain", {{"is_company", "=", true}, "|", {"id", "in", {1, 2, 3}}}},
             {"fields", {"name", "email", "country_id"}},
             {"limit", 80},
             {"context", {{"lang", "ru_RU"}, {"tz", "Asia/Almaty"}, {"active_test", false}}}},
    };
    for (const json& value : values) {
        INFO(value.dump());
        CHECK(same(round_trip(value), value));
    }
    json nested = "bottom";
    for (int level = 0; level < 40; ++level)
        nested = level % 2 == 0 ? json::array({nested, level}) : json{{"level", nested}};
    CHECK(same(round_trip(nested), nested));
}

TEST_CASE("the round-trip check can fail", "[xmlrpc][writer]") {
    CHECK_FALSE(same(json(0.0), json(-0.0)));
    CHECK_FALSE(same(json(1), json(1.0)));
    CHECK_FALSE(same(json{{"a", {1, 2}}}, json{{"a", {1, 3}}}));
    CHECK(same(json(std::uint64_t{5}), json(5)));
}

TEST_CASE("integers within 32 bits are written as <int>, others as <i8>", "[xmlrpc][writer]") {
    CHECK(sent_type(int32_max) == xmlrpc_c::value::TYPE_INT);
    CHECK(sent_type(int32_min) == xmlrpc_c::value::TYPE_INT);
    CHECK(sent_type(int32_max + 1) == xmlrpc_c::value::TYPE_I8);
    CHECK(sent_type(int32_min - 1) == xmlrpc_c::value::TYPE_I8);
    CHECK(sent_type(std::uint64_t{2147483648}) == xmlrpc_c::value::TYPE_I8);
    CHECK(sent_type(2.0) == xmlrpc_c::value::TYPE_DOUBLE);
    CHECK(sent_type(nullptr) == xmlrpc_c::value::TYPE_NIL);
}

TEST_CASE("the call document has the method, every param in order, and no exponent",
          "[xmlrpc][writer]") {
    const json database = "db";
    const json uid = 2;
    const json big = 1e300;
    const std::array<codec::NamedParam, 3> params{
        {{"database", database}, {"uid", uid}, {"x", big}}};
    const std::string document = codec::write_call("execute_kw", params, "res.partner.read");
    CHECK(document.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    const oracle::Call call = oracle::read_call(document);
    CHECK(call.method == "execute_kw");
    CHECK(same(call.params, json::array({"db", 2, 1e300})));
    CHECK(document.find_first_of("eE", document.find("<double>") + 8) > document.find("</double>"));
    CHECK(document.find("<string>db</string>") != std::string::npos);
}

TEST_CASE("values XML cannot carry are refused with their path, never their text",
          "[xmlrpc][writer]") {
    const std::string nonchar = refusal(json::array({1, {{"a", {"ok", "x\xEF\xBF\xBEy"}}}}));
    INFO(nonchar);
    CHECK(nonchar.find("test.echo") != std::string::npos);
    CHECK(nonchar.find("value[1].a[1]") != std::string::npos);
    CHECK(nonchar.find("U+FFFE") != std::string::npos);
    CHECK(nonchar.find("offset 1") != std::string::npos);

    const std::string key = refusal(json{{std::string("k\x01"), 1}});
    CHECK(key.find("has a key that contains the character U+0001") != std::string::npos);

    const std::string overlong = refusal(std::string("pw\xC0\xAFsecret"));
    CHECK(overlong.find("UTF-8 (byte 0xC0 at offset 2)") != std::string::npos);
    CHECK(overlong.find("secret") == std::string::npos);
    CHECK(refusal(std::string("\xED\xA0\x80")).find("bad sequence at offset 0") !=
          std::string::npos);
    CHECK(refusal(std::string("ab\xE2\x82")).find("cut short at offset 2") != std::string::npos);
    CHECK(refusal(std::numeric_limits<double>::infinity()).find("finite") != std::string::npos);
    CHECK(refusal(std::numeric_limits<std::uint64_t>::max()).find("i8") != std::string::npos);

    const json fine = "fine";
    const std::array<codec::NamedParam, 1> params{{{"value", fine}}};
    try {
        (void)codec::write_call("bad\x02method", params, "test.echo");
        FAIL("no ConfigurationError");
    } catch (const ConfigurationError& e) {
        CHECK(std::string(e.what()).find("the method name contains the character U+0002") !=
              std::string::npos);
    }
}
