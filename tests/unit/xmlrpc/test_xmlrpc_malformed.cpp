// Documents the response reader must refuse, each with a MalformedResponseError saying what
// is wrong and at which byte: broken XML, cut bodies, unknown or mismatched elements, bad
// numbers, invalid UTF-8, hostile nesting.

#include <catch2/catch.hpp>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <vector>

#include "capture.hpp"
#include "xmlrpc_codec.hpp"

namespace {

using namespace odoobridge;
namespace codec = odoo::detail::xmlrpc;

const std::string endpoint = "http://odoo.test/xmlrpc/2/object";

std::string answer(const std::string& value_xml) {
    return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + value_xml +
           "</value>\n</param>\n</params>\n</methodResponse>\n";
}

/// The message the reader gives for `body`; fails the test when it reads it.
std::string refusal(const std::string& body) {
    try {
        (void)codec::read_response(body, endpoint, 200);
    } catch (const MalformedResponseError& e) {
        CHECK(e.endpoint() == endpoint);
        CHECK(e.http_status() == 200);
        return e.what();
    }
    FAIL("the reader accepted the document");
    return {};
}

/// A document to refuse: `what` must be in the message, with "at byte N" for the first
/// occurrence of `at` in the body (when `at` is not empty).
struct Bad {
    std::string body;
    std::string what;
    std::string at;
};

void check_refusals(const std::vector<Bad>& cases) {
    for (const Bad& bad : cases) {
        INFO("body: " << bad.body);
        const std::string message = refusal(bad.body);
        INFO("message: " << message);
        CHECK(message.find(bad.what) != std::string::npos);
        if (!bad.at.empty()) {
            REQUIRE(bad.body.find(bad.at) != std::string::npos);
            CHECK(message.find("at byte " + std::to_string(bad.body.find(bad.at))) !=
                  std::string::npos);
        }
        CHECK(message.find("sent an invalid XML-RPC answer") != std::string::npos);
        CHECK(message.find("proxy") != std::string::npos);
    }
}

std::string nested_arrays(int levels) {
    std::string value = "<int>1</int>";
    for (int i = 1; i < levels; ++i)
        value = "<array><data><value>" + value + "</value></data></array>";
    return answer(value);
}

}  // namespace

TEST_CASE("bad scalars name the element, its text and offset", "[xmlrpc][malformed]") {
    check_refusals({
        {answer("<int>12x</int>"), "<int> at byte", "<int>"},
        {answer("<int>12x</int>"), "holds '12x', which is not a decimal integer", ""},
        {answer("<int></int>"), "holds '', which is not a decimal integer", "<int>"},
        {answer("<int> 1</int>"), "holds ' 1', which is not a decimal integer", "<int>"},
        {answer("<int/>"), "<int/> at byte", "<int/>"},
        {answer("<int>2147483648</int>"), "beyond the 32-bit range of <int>", "<int>"},
        {answer("<i4>-2147483649</i4>"), "beyond the 32-bit range of <int>", "<i4>"},
        {answer("<i8>9223372036854775808</i8>"), "beyond the 64-bit range of <i8>", "<i8>"},
        {answer("<ex:i8>-9223372036854775809</ex:i8>"), "beyond the 64-bit range", "<ex:i8>"},
        {answer("<double>abc</double>"), "which is not a decimal number", "<double>"},
        {answer("<double>inf</double>"), "which is not a decimal number", "<double>"},
        {answer("<double>nan</double>"), "which is not a decimal number", "<double>"},
        {answer("<double>-infinity</double>"), "which is not a decimal number", "<double>"},
        {answer("<double>0x10</double>"), "which is not a decimal number", "<double>"},
        {answer("<double>1.5 </double>"), "which is not a decimal number", "<double>"},
        {answer("<double></double>"), "which is not a decimal number", "<double>"},
        {answer("<double>1e400</double>"), "beyond the range of a double", "<double>"},
        {answer("<boolean>true</boolean>"), "which is neither 0 nor 1", "<boolean>"},
        {answer("<boolean>2</boolean>"), "which is neither 0 nor 1", "<boolean>"},
        {answer("<dateTime.iso8601>2024-13-01T00:00:00</dateTime.iso8601>"),
         "month 13 is outside 1-12", "<dateTime"},
        {answer("<dateTime.iso8601>20240131T25:00:00</dateTime.iso8601>"), "hour 25", "<dateTime"},
        {answer("<dateTime.iso8601>yesterday</dateTime.iso8601>"), "not an ISO 8601 date-time",
         "<dateTime"},
        {answer("<dateTime.iso8601>20240131T10:20:30+05:00</dateTime.iso8601>"),
         "not an ISO 8601 date-time", "<dateTime"},
        {answer("<base64>a*b=</base64>"), "not base64 (a stray character at offset 1)", "<base64>"},
        {answer("<base64>abc</base64>"), "whole groups of 4", "<base64>"},
        {answer("<base64>ab=c</base64>"), "data after '='", "<base64>"},
        {answer("<nil>x</nil>"), "holds text; nil has no content", "<nil>"},
    });
}

TEST_CASE("unknown, misplaced and mismatched elements are refused", "[xmlrpc][malformed]") {
    check_refusals({
        {answer("<unknown>1</unknown>"), "the unknown element <unknown> at byte", "<unknown>"},
        {answer("<string>x</int>"), "</int> at byte", "</int>"},
        {answer("<string>x</int>"), "where </string> belongs (mismatched end tag)", ""},
        {answer("<int><b>1</b></int>"), "the element <b> at byte", "<b>"},
        {answer("<int><b>1</b></int>"), "inside <int> (at byte 63), which holds text only", ""},
        {answer("text<int>1</int>"), "<int> at byte", "<int>"},
        {answer("<int>1</int><int>2</int>"), "where </value> belongs", "<int>2"},
        {answer("<array/>"), "<array/> at byte", "<array/>"},
        {answer("<array/>"), "without <data>", ""},
        {answer("<array><value><int>1</int></value></array>"), "where <data> belongs",
         "<value><int>"},
        {answer("<struct><member><name>a</name></member></struct>"), "where <value> belongs",
         "</member>"},
        {answer("<struct>x<member></member></struct>"), "the text 'x' at byte", "x<member>"},
        {answer("<struct><value>1</value></struct>"), "where <member> or </struct> belongs",
         "<value>1"},
        {answer("<string attr=1>x</string>"), "an unquoted attribute value", "1>x"},
        {answer("<string a=\"<\">x</string>"), "a '<' inside an attribute value", "<\">"},
        {answer("<string/ >"), "a '/' not followed by '>'", "/ >"},
        {answer("< string>x</string>"), "a '<' followed by ' '", "< string"},
        {answer("< string>x</string>"), ", which starts no element name", ""},
    });
}

TEST_CASE("text must be UTF-8 and XML 1.0 characters", "[xmlrpc][malformed]") {
    check_refusals({
        {answer("<string>caf\xE9</string>"), "invalid UTF-8 (byte 0xE9)", "\xE9"},
        {answer("<string>\xC0\xAF</string>"), "invalid UTF-8 (byte 0xC0)", "\xC0"},
        {answer("<string>\xED\xA0\x80</string>"), "invalid UTF-8 (byte 0xED)", "\xED"},
        {answer("<string>\xF5\x80\x80\x80</string>"), "invalid UTF-8 (byte 0xF5)", "\xF5"},
        {answer("untyped \xFF"), "invalid UTF-8 (byte 0xFF)", "\xFF"},
        {answer("<string>a\x01z</string>"), "the control character U+0001", "\x01"},
        {answer("<string>\xEF\xBF\xBE</string>"), "the character U+FFFE", "\xEF\xBF\xBE"},
        {answer("<string>&#1;</string>"), "the character reference '&#1;'", "&#1;"},
        {answer("<string>&#1;</string>"), "to U+0001, which XML 1.0 does not allow", ""},
        {answer("<string>&#xD800;</string>"), "to U+D800", "&#xD800;"},
        {answer("<string>&#x110000;</string>"), "to U+110000", "&#x110000;"},
        {answer("<string>&#xZZ;</string>"), "the malformed character reference '&#xZZ;'", "&#x"},
        {answer("<string>a&foo;b</string>"), "the unknown entity '&foo;'", "&foo;"},
        {answer("<string>a & b</string>"), "a '&' that starts no entity", "& b"},
        {answer("<string>]]></string>"), "\"]]>\" in text", "]]>"},
        {answer("<string>x<![CDATA[a\x02]]></string>"), "the control character U+0002", "\x02"},
    });
}

TEST_CASE("documents that are not one methodResponse are refused", "[xmlrpc][malformed]") {
    const std::string fault_start =
        "<methodResponse><fault><value><struct><member><name>faultCode</name><value>";
    check_refusals({
        {"Service temporarily unavailable",
         "the text 'Service temporarily unavailable' at byte 0 where an element belongs", ""},
        {"<?xml version=\"1.0\"?><html><body>maintenance</body></html>",
         "the root element <html> at byte 21", ""},
        {"<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY a \"b\">]><methodResponse/>",
         "a DOCTYPE or other declaration at byte 21", ""},
        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodResponse/>",
         "the encoding 'ISO-8859-1' at byte", "encoding"},
        {"<?xml version='1.0'?><?xml version='1.0'?><methodResponse/>",
         "an XML declaration at byte 21 after the start of the document", ""},
        {"<methodResponse><params></params></methodResponse>", "where <param> belongs",
         "</params>"},
        {"<methodResponse><params/></methodResponse>",
         "<params/> at byte 16, which carries no result", ""},
        {"<methodResponse><result/></methodResponse>",
         "<result/> at byte 16 where <params> or <fault> belongs", ""},
        {"<methodResponse><params><param><value>1</value></param><param><value>2</value>"
         "</param></params></methodResponse>",
         "a second <param>", "<param><value>2"},
        {"<methodResponse><params><param><value>1</value></param></params></methodResponse>junk",
         "content after the end of the document element", "junk"},
        {"<methodResponse><params><param><value>1</value></param></params></methodResponse><x/>",
         "content after the end of the document element", "<x/>"},
        {"<methodResponse><params><param><value>1</value></param></params></methodResponse2>",
         "where </methodResponse> belongs (mismatched end tag)", "</methodResponse2>"},
        {fault_start + "<int>1</int></value></member></struct></value></fault></methodResponse>",
         "the <fault> at byte 16 has no faultString member holding a string", ""},
        {fault_start + "<i8>4294967296</i8></value></member><member><name>faultString</name>"
                       "<value>x</value></member></struct></value></fault></methodResponse>",
         "the <fault> at byte 16 has no faultCode member holding an <int>", ""},
        {"<methodResponse><fault><value>text</value></fault></methodResponse>",
         "the <fault> at byte 16 holds string where a struct with faultCode and faultString "
         "belongs",
         ""},
    });
    const std::string empty = refusal("");
    CHECK(empty.find("sent an empty body (HTTP 200, 0 bytes)") != std::string::npos);
}

TEST_CASE("every cut of a real answer is reported as truncated", "[xmlrpc][malformed]") {
    const std::string body =
        test::load_capture("odoo16/xmlrpc/partner_search_read.json").response_body;
    const std::size_t complete = body.rfind("</methodResponse>") + 17;
    REQUIRE(complete <= body.size());
    for (std::size_t size = 1; size < complete; ++size) {
        const std::string cut = body.substr(0, size);
        std::string message;
        try {
            (void)codec::read_response(cut, endpoint, 200);
        } catch (const MalformedResponseError& e) {
            message = e.what();
        }
        const bool reported =
            message.find("sent a truncated XML-RPC answer") != std::string::npos &&
            message.find("the body ends at byte " + std::to_string(size) + ",") !=
                std::string::npos;
        if (!reported) {
            INFO("cut at " << size << ": " << message);
            CHECK(reported);
            break;
        }
    }
    CHECK(std::holds_alternative<json>(
        codec::read_response(body.substr(0, complete), endpoint, 200)));
}

TEST_CASE("messages never echo large bodies", "[xmlrpc][malformed]") {
    const std::string large = answer("<string>" + std::string(1 << 20, 'x') + "</int>");
    const std::string message = refusal(large);
    CHECK(message.find("mismatched end tag") != std::string::npos);
    CHECK(message.size() < 600);
    const std::string text = refusal(answer("<struct>" + std::string(1 << 20, 'y') + "</struct>"));
    CHECK(text.size() < 600);
}

TEST_CASE("nesting is bounded: 512 levels read, deeper ones fail cleanly", "[xmlrpc][malformed]") {
    const codec::Reply deep = codec::read_response(nested_arrays(512), endpoint, 200);
    const json* value = &std::get<json>(deep);
    int levels = 1;
    for (; value->is_array(); value = &(*value)[0]) ++levels;
    CHECK(levels == 512);
    CHECK(*value == 1);

    check_refusals({{nested_arrays(513), "a <value> nested deeper than 512 levels", ""}});
    // A bomb: a million unclosed levels must fail at level 513, without exhausting the stack.
    std::string bomb = "<methodResponse><params><param><value>";
    for (int i = 0; i < 1'000'000; ++i) bomb += "<array><data><value>";
    const std::string message = refusal(bomb);
    CHECK(message.find("nested deeper than 512 levels at byte " + std::to_string(38 + 512 * 20)) !=
          std::string::npos);
    std::string structs = "<methodResponse><params><param><value>";
    for (int i = 0; i < 100'000; ++i) structs += "<struct><member><name>a</name><value>";
    CHECK(refusal(structs).find("nested deeper than 512 levels") != std::string::npos);
}
