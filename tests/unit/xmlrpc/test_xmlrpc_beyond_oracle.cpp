// Where xmlrpc-c cannot serve as the oracle, the codec is checked against XML 1.0 and exact
// arithmetic directly. xmlrpc-c 1.33 refuses characters outside Unicode's Basic Multilingual
// Plane (emoji: the old codec failed on them), reads every CR as LF (also &#13;, which XML
// keeps as CR), refuses a byte-order mark and subnormal doubles, and reads decimals a few
// ULPs off.

#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "xmlrpc_codec.hpp"

namespace {

using namespace odoobridge;
namespace codec = odoo::detail::xmlrpc;

json read_value(const std::string& value_xml) {
    const std::string body = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" +
                             value_xml + "</value>\n</param>\n</params>\n</methodResponse>\n";
    return std::get<json>(codec::read_response(body, "http://odoo.test/xmlrpc/2/object", 200));
}

/// The document the writer makes for `echo(value)`.
std::string document_for(const json& value) {
    const std::array<codec::NamedParam, 1> params{{{"value", value}}};
    return codec::write_call("echo", params, "test.echo");
}

/// `value` written by the writer and read by the reader: the writer's `<param>` content
/// placed in a methodResponse.
json through_codec(const json& value) {
    const std::string call = document_for(value);
    const auto begin = call.find("<param>") + 7;
    const auto end = call.rfind("</param>");
    const std::string body = "<methodResponse><params><param>" + call.substr(begin, end - begin) +
                             "</param></params></methodResponse>";
    return std::get<json>(codec::read_response(body, "http://odoo.test/xmlrpc/2/object", 200));
}

std::uint64_t bits(double value) { return std::bit_cast<std::uint64_t>(value); }

/// The text of the first <double> of `document`.
std::string double_text(const std::string& document) {
    const auto begin = document.find("<double>") + 8;
    return document.substr(begin, document.find('<', begin) - begin);
}

}  // namespace

TEST_CASE("characters beyond the BMP read and write as UTF-8", "[xmlrpc][reader][writer]") {
    CHECK(read_value("<string>😀 &#128512; &#x1F600; \xF4\x8F\xBF\xBF</string>") ==
          "😀 😀 😀 \xF4\x8F\xBF\xBF");
    CHECK(document_for("Café 😀").find("<string>Café 😀</string>") != std::string::npos);
    CHECK(through_codec(json{{"emoji 😀", "𝄞 clef"}}) == json{{"emoji 😀", "𝄞 clef"}});
}

TEST_CASE("line ends follow XML 1.0: &#13; stays CR, raw CR LF and CR read as LF",
          "[xmlrpc][reader]") {
    CHECK(read_value("<string>a&#13;b\r\nc\rd&#xD;&#10;</string>") == "a\rb\nc\nd\r\n");
    CHECK(read_value("<string><![CDATA[x\r\ny]]></string>") == "x\ny");
    CHECK(through_codec("cr\r\nlf\r") == "cr\r\nlf\r");
    CHECK(through_codec(json{{"cr\rkey", "v"}}) == json{{"cr\rkey", "v"}});
}

TEST_CASE("a byte-order mark and <value/> are read", "[xmlrpc][reader]") {
    const std::string body =
        "\xEF\xBB\xBF<?xml version=\"1.0\"?><methodResponse><params><param><value/></param>"
        "</params></methodResponse>";
    CHECK(std::get<json>(codec::read_response(body, "http://odoo.test/xmlrpc/2/object", 200)) ==
          "");
    CHECK(read_value("<array><data><value/><value>x</value></data></array>") ==
          json::array({"", "x"}));
}

TEST_CASE("doubles are read as the nearest double, subnormals included", "[xmlrpc][reader]") {
    for (const std::string text :
         {"5e-324", "4.9406564584124654e-324", "2.2250738585072014e-308", "2.225073858507201e-308",
          "1.7976931348623157e308", "0.1", "-0.0", "123456789012345678901234567890.5",
          "0.000000000000000000000000000000000000001"}) {
        INFO(text);
        const json value = read_value("<double>" + text + "</double>");
        REQUIRE(value.is_number_float());
        CHECK(bits(value.get<double>()) == bits(std::strtod(text.c_str(), nullptr)));
    }
}

TEST_CASE("every double is written with digits that read back to its bits",
          "[xmlrpc][writer][reader]") {
    std::vector<double> numbers = {5e-324,
                                   -5e-324,
                                   std::numeric_limits<double>::min(),
                                   std::numeric_limits<double>::max(),
                                   -std::numeric_limits<double>::max(),
                                   -0.0,
                                   0.0};
    std::mt19937_64 random(7);
    while (numbers.size() < 3000) {
        const double number = std::bit_cast<double>(random());
        if (std::isfinite(number)) numbers.push_back(number);
    }
    for (int i = 0; i < 1000; ++i) numbers.push_back(static_cast<double>(random() % 100000) / 100);
    for (const double number : numbers) {
        const std::string document = document_for(number);
        const std::string text = double_text(document);
        INFO(text);
        CHECK(text.find_first_of("eE") == std::string::npos);
        CHECK(bits(std::strtod(text.c_str(), nullptr)) == bits(number));
        const json back = through_codec(number);
        CHECK(bits(back.get<double>()) == bits(number));
    }
}

TEST_CASE("written values read back unchanged by the reader", "[xmlrpc][writer][reader]") {
    const std::vector<json> values = {
        nullptr,
        true,
        "",
        "a & b < c > d ]]>",
        "tab\tline\nend",
        std::int64_t{1} << 40,
        std::numeric_limits<std::int64_t>::min(),
        2147483647,
        -2147483648LL,
        0.1,
        json::array(),
        json::object(),
        json{{"ids", {1, 2, 3}}, {"nested", {{"deep", {nullptr, false, 2.5}}}}}};
    for (const json& value : values) {
        INFO(value.dump());
        CHECK(through_codec(value) == value);
    }
}
