// The codec's response reader against the oracle, xmlrpc-c (xmlrpc_oracle.hpp): every
// answer in the wire captures, documents written by xmlrpc-c itself, and hand-written
// documents using each XML and XML-RPC feature must read the same, down to the bits of each
// double.

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>
#include <xmlrpc-c/base.hpp>
#include <xmlrpc-c/xml.hpp>

#include "capture.hpp"
#include "xmlrpc_codec.hpp"
#include "xmlrpc_oracle.hpp"
#include "xmlrpc_test_support.hpp"

namespace {

using namespace odoobridge;
namespace codec = odoo::detail::xmlrpc;
namespace oracle = test::xmlrpc::oracle;

/// Empty when `a` and `b` are the same JSON, kinds and double bits included, else where
/// they first differ.
std::string strict_difference(const json& a, const json& b, const std::string& path = "$") {
    if (a.type() != b.type() && !(a.is_number_integer() && b.is_number_integer()))
        return path + ": " + a.type_name() + " vs " + b.type_name();
    if (a.is_number_float()) {
        const auto x = std::bit_cast<std::uint64_t>(a.get<double>());
        const auto y = std::bit_cast<std::uint64_t>(b.get<double>());
        return x == y ? std::string{} : path + ": " + a.dump() + " vs " + b.dump();
    }
    if (a.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (auto d = strict_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
                !d.empty())
                return d;
        return {};
    }
    if (a.is_object() && a.size() == b.size()) {
        for (const auto& [key, item] : a.items()) {
            if (!b.contains(key)) return path + ": key " + key + " missing";
            if (auto d = strict_difference(item, b.at(key), path + "." + key); !d.empty()) return d;
        }
        return {};
    }
    return a == b ? std::string{} : path + ": " + a.dump() + " vs " + b.dump();
}

/// Empty when the codec reads `body` as xmlrpc-c does, else how they differ.
std::string reading_difference(const std::string& body) {
    const oracle::Reply expected = oracle::read_response(body);
    const codec::Reply actual = codec::read_response(body, "http://odoo.test/xmlrpc/2/object", 200);
    if (expected.index() != actual.index())
        return expected.index() == 0 ? "the codec read a fault" : "the codec read no fault";
    if (const auto* fault = std::get_if<oracle::Fault>(&expected)) {
        const auto& ours = std::get<codec::Fault>(actual);
        if (ours.code != fault->code) return "fault codes differ";
        return ours.message == fault->message ? std::string{} : "fault strings differ";
    }
    return strict_difference(std::get<json>(actual), std::get<json>(expected));
}

/// The `methodResponse` document around `value_xml`, as Odoo's Python writes it.
std::string answer(const std::string& value_xml) {
    return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + value_xml +
           "</value>\n</param>\n</params>\n</methodResponse>\n";
}

/// A pseudo-random XML-RPC value (fixed seed: the same values on every run).
xmlrpc_c::value random_value(std::mt19937_64& random, int depth) {
    const auto pick = [&](std::uint64_t n) { return random() % n; };
    static const std::vector<std::string> texts = {"",
                                                   "Royal Estate",
                                                   "проспект Абая, 10",
                                                   "a & b < c > d",
                                                   "\"quoted\" 'single'",
                                                   "tab\tline\nend",
                                                   "]]> not a CDATA end",
                                                   "漢字",
                                                   "  spaced  "};
    switch (pick(depth < 4 ? 10 : 7)) {
        case 0:
            return xmlrpc_c::value_int(static_cast<int>(random()));
        case 1:
            return xmlrpc_c::value_i8(static_cast<xmlrpc_int64>(random()));
        case 2:
            return xmlrpc_c::value_boolean(pick(2) == 1);
        case 3: {
            const double magnitude = std::ldexp(static_cast<double>(random() >> 11), -40);
            return xmlrpc_c::value_double(pick(2) == 1 ? magnitude : -magnitude);
        }
        case 4:
            return xmlrpc_c::value_string(texts[pick(texts.size())]);
        case 5:
            return xmlrpc_c::value_nil();
        case 6: {
            std::vector<unsigned char> bytes(pick(40));
            for (auto& byte : bytes) byte = static_cast<unsigned char>(random());
            return xmlrpc_c::value_bytestring(bytes);
        }
        case 7:
        case 8: {
            std::vector<xmlrpc_c::value> items;
            for (std::uint64_t i = pick(6); i > 0; --i)
                items.push_back(random_value(random, depth + 1));
            return xmlrpc_c::value_array(items);
        }
        default: {
            std::map<std::string, xmlrpc_c::value> members;
            for (std::uint64_t i = pick(6); i > 0; --i)
                members.emplace("field_" + std::to_string(pick(20)),
                                random_value(random, depth + 1));
            return xmlrpc_c::value_struct(members);
        }
    }
}

}  // namespace

TEST_CASE("every recorded XML-RPC answer reads as xmlrpc-c reads it", "[xmlrpc][differential]") {
    namespace fs = std::filesystem;
    std::size_t answers = 0;
    for (const auto& entry : fs::recursive_directory_iterator(test::wire_dir())) {
        if (entry.path().extension() != ".json") continue;
        const std::string relative = fs::relative(entry.path(), test::wire_dir()).string();
        const nlohmann::json file =
            nlohmann::json::parse(test::read_text_file(entry.path().string()));
        if (!file.contains("request") || !file.contains("response") ||
            !file["response"].contains("body"))
            continue;
        const test::Capture capture = test::load_capture(relative);
        if (capture.response_body.find("<methodResponse") == std::string::npos) continue;
        INFO(relative);
        ++answers;
        CHECK(reading_difference(capture.response_body) == "");
    }
    // odoo16/xmlrpc holds 41 captures; odoo19 has three XML-RPC ones.
    CHECK(answers >= 44);
}

TEST_CASE("documents written by xmlrpc-c read as xmlrpc-c reads them", "[xmlrpc][differential]") {
    std::mt19937_64 random(20240318);
    for (int round = 0; round < 300; ++round) {
        const xmlrpc_c::value value = random_value(random, 0);
        const std::string body = test::xmlrpc::response_document(value);
        INFO("round " << round << ": " << body.substr(0, 300));
        CHECK(reading_difference(body) == "");
    }
    CHECK(reading_difference(test::xmlrpc::fault_document(4, "Access <denied> & \"logged\"")) ==
          "");
}

TEST_CASE("each XML and XML-RPC feature reads as xmlrpc-c reads it", "[xmlrpc][differential]") {
    const std::vector<std::string> values = {
        // every type, Odoo's way
        "<int>42</int>",
        "<int>-2147483648</int>",
        "<i4>2147483647</i4>",
        "<int>+7</int>",
        "<int>007</int>",
        "<i8>9223372036854775807</i8>",
        "<i8>-9223372036854775808</i8>",
        "<ex:i8>5</ex:i8>",
        "<boolean>1</boolean>",
        "<boolean>0</boolean>",
        "<string>Алматы</string>",
        "<string></string>",
        "<string/>",
        "untyped text",
        "",
        "   ",
        "<nil/>",
        "<nil></nil>",
        "<ex:nil/>",
        // doubles, exactly
        "<double>0.1</double>",
        "<double>-0.0</double>",
        "<double>1e300</double>",
        "<double>1E5</double>",
        "<double>-.5e-3</double>",
        "<double>5.</double>",
        "<double>+1.5</double>",
        "<double>45000000.0</double>",
        "<double>4294967296</double>",
        "<double>0.087616777458059847</double>",
        "<double>1.7976931348623157e308</double>",
        // dates and binaries
        "<dateTime.iso8601>20240131T10:20:30</dateTime.iso8601>",
        "<dateTime.iso8601>2024-01-31T10:20:30</dateTime.iso8601>",
        "<dateTime.iso8601>20240131T102030</dateTime.iso8601>",
        "<dateTime.iso8601>20240131T10:20:30.123</dateTime.iso8601>",
        "<dateTime.iso8601>20240131T10:20:30Z</dateTime.iso8601>",
        "<base64>aGVsbG8=</base64>",
        "<base64>aGVs\nbG8=</base64>",
        "<base64>aGVsbG9=</base64>",
        "<base64>aGVsbB==</base64>",
        "<base64></base64>",
        "<base64/>",
        // XML text
        "<string>&lt;&gt;&amp;&quot;&apos;</string>",
        "<string>&#65;&#x42;&#x416;&#xFFFD;</string>",
        "<string>a\r\nb\rc</string>",
        "<string><![CDATA[x<y & z]]></string>",
        "<string>a<![CDATA[\r\n]]>b</string>",
        "<string>a<!-- comment -->b</string>",
        "<string>a<?pi data?>b</string>",
        "<string>é ü 漢 \xEF\xBF\xBD</string>",
        "untyped &amp; &#x41;",
        "  <string>whitespace around</string>  ",
        "<!-- c --><int>5</int>",
        "<string attr=\"1\" other='2'>x</string>",
        "<string >x</string >",
        // containers
        "<struct></struct>",
        "<struct/>",
        "<array><data></data></array>",
        "<array><data/></array>",
        "<struct><member><name>a</name><value><int>1</int></value></member>"
        "<member><name>a</name><value><int>2</int></value></member></struct>",
        "<struct><member><name/><value>x</value></member></struct>",
        "<struct><member><name>&lt;key&gt;</name><value><array><data><value><struct>"
        "<member><name>ids</name><value><array><data><value><int>1</int></value>"
        "<value>two</value></data></array></value></member></struct></value></data></array>"
        "</value></member></struct>",
        "<struct>\n <member>\n  <name>x</name>\n  <value><nil/></value>\n </member>\n</struct>",
    };
    for (const std::string& value : values) {
        INFO(value);
        CHECK(reading_difference(answer(value)) == "");
    }
    // Documents: a byte-order mark, declarations, comments and processing instructions
    // around the root, CR LF line ends, faults.
    const std::vector<std::string> documents = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param>"
        "<value><int>1</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value>x</value></param></params></methodResponse>",
        "<?xml version='1.0' encoding='utf-8'?>\r\n<!-- before -->\r\n<?pi x?>\r\n"
        "<methodResponse>\r\n<params>\r\n<param>\r\n<value><string>a\r\nb</string></value>\r\n"
        "</param>\r\n</params>\r\n</methodResponse>\r\n<!-- after -->\r\n",
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n"
        "<name>faultCode</name>\n<value><int>2</int></value>\n</member>\n<member>\n"
        "<name>faultString</name>\n<value><string>Record does not exist &amp; more</string>"
        "</value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n",
        "<methodResponse><fault><value><struct><member><name>faultString</name><value>plain"
        "</value></member><member><name>faultCode</name><value><i4>-1</i4></value></member>"
        "</struct></value></fault></methodResponse>",
    };
    for (const std::string& document : documents) {
        INFO(document);
        CHECK(reading_difference(document) == "");
    }
}

TEST_CASE("the differential comparison can fail", "[xmlrpc][differential]") {
    // Guards the guard: a difference in kind, value or double bits is reported.
    CHECK(strict_difference(json(1), json(1.0)) != "");
    CHECK(strict_difference(json(0.0), json(-0.0)) != "");
    CHECK(strict_difference(json{{"a", 1}}, json{{"a", 2}}) == "$.a: 1 vs 2");
    CHECK(strict_difference(json::array({1, 2}), json::array({1})) != "");
    CHECK(strict_difference(json{{"a", {1, "x"}}}, json{{"a", {1, "x"}}}) == "");
}
