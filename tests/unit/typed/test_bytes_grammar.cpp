// The bytes path reads JSON text itself: it must accept and refuse exactly what the json path
// (core::parse_json_body) accepts and refuses, values no member reads included, give the
// same records, and match keys to members in any order and spelling.

#include <catch2/catch.hpp>
#include <cmath>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "typed_records.hpp"

namespace typed_test {

/// Field names of every length class the key matcher treats apart (1-3, 4-7, 8-16 and
/// more than 16 bytes), with shared prefixes and suffixes.
struct Names {
    static constexpr std::string_view odoo_model = "test.names";
    odoo::Id id = 0;
    int a = 0;
    int ab = 0;
    int abc = 0;
    int name = 0;
    int names = 0;
    int name_id = 0;
    int name_ids = 0;
    int partner_id = 0;
    int partner_ids = 0;
    int property_account_receivable_id = 0;
    int property_account_payable_id = 0;
    int property_account_income_id = 0;
    friend bool operator==(const Names&, const Names&) = default;
};
BOOST_DESCRIBE_STRUCT(Names, (),
                      (id, a, ab, abc, name, names, name_id, name_ids, partner_id, partner_ids,
                       property_account_receivable_id, property_account_payable_id,
                       property_account_income_id))

/// Collects views of its elements and copies them only once all are read: the views of
/// unescaped strings must stay valid until the decode call returns.
struct Words {
    std::vector<std::string> words;
    friend bool operator==(const Words&, const Words&) = default;
};

struct Sentence {
    static constexpr std::string_view odoo_model = "test.sentence";
    odoo::Id id = 0;
    Words words;
    friend bool operator==(const Sentence&, const Sentence&) = default;
};
BOOST_DESCRIBE_STRUCT(Sentence, (), (id, words))

struct Ratio {
    static constexpr std::string_view odoo_model = "test.ratio";
    odoo::Id id = 0;
    double value = 0;
};
BOOST_DESCRIBE_STRUCT(Ratio, (), (id, value))

}  // namespace typed_test

namespace odoobridge::core {

template <>
struct Codec<typed_test::Words, odoo::Dialect> {
    template <class Reader>
    static void decode(Reader& reader, typed_test::Words& out) {
        if (reader.kind() != ValueKind::array) return reader.fail("list of words");
        std::vector<std::string_view> views;
        reader.for_each_element([&](Reader& element) { views.push_back(element.get_string()); });
        out.words.assign(views.begin(), views.end());
    }
};

}  // namespace odoobridge::core

namespace {

using odoobridge::MalformedResponseError;
namespace core = odoobridge::core;
namespace odoo = odoobridge::odoo;
using namespace typed_test;
using Catch::Matchers::Contains;

const std::string endpoint = "https://erp.example.kz/json/2/res.partner/search_read";

/// Records of `text` on the json path (parse_json_body, then the dynamic decode).
template <class T>
std::vector<T> from_json_path(std::string_view text) {
    return odoo::records_from_json<T>(core::parse_json_body(text, endpoint, 200));
}

}  // namespace

TEST_CASE("values no member reads are checked as strictly as the json path checks them",
          "[typed][bytes]") {
    const std::vector<std::string> bad = {
        R"([{"id": 1, "x": tru}])",
        R"([{"id": 1, "x": nul}])",
        R"([{"id": 1, "x": [1, }]}])",
        R"([{"id": 1, "x": [1 2]}])",
        R"([{"id": 1, "x": [1}]}])",
        R"([{"id": 1, "x": {"a" 1}}])",
        R"([{"id": 1, "x": {"a": 1,}}])",
        R"([{"id": 1, "x": {1: 2}}])",
        R"([{"id": 1, "x": 01}])",
        R"([{"id": 1, "x": 1.}])",
        R"([{"id": 1, "x": -}])",
        R"([{"id": 1, "x": .5}])",
        R"([{"id": 1, "x": 1e}])",
        R"([{"id": 1, "x": +1}])",
        R"([{"id": 1, "x": "\x"}])",
        R"([{"id": 1, "x": "\u12g4"}])",
        R"([{"id": 1, "x": "\ud800"}])",
        R"([{"id": 1, "x": "\udc00\ud800"}])",
        R"([{"id": 1, "x": 'single'}])",
        R"([{"id": 1,}])",
        R"([{"id": 1 "name": "a"}])",
        R"([{"id": 1}, ])",
        R"([{"id": 1}])",                               // valid, with bytes appended below
        std::string("[{\"id\": 1, \"x\": \"a\tb\"}]"),  // raw control character
        std::string("[{\"id\": 1, \"x\": \"a") + '\0' + "b\"}]",  // NUL inside a string
        std::string("[{\"id\": 1, \"x\": 1}") + '\0' + "]",       // NUL between values
        std::string("[{\"id\": 1, \"x\": \"\xff\xfe\"}]"),        // not UTF-8
        std::string("[{\"id\": 1, \"x\": \"\xc3\"}]"),            // truncated UTF-8 sequence
        std::string("\xEF\xBB\xBF[{\"id\": 1}]"),                 // byte order mark
    };
    for (std::string text : bad) {
        if (text == R"([{"id": 1}])") text += " [2]";  // content after the value
        INFO(text);
        CHECK_THROWS_AS(odoo::decode_records<Small>(text, {{}, endpoint, 200}),
                        MalformedResponseError);
        CHECK_THROWS_AS(odoo::decode_jsonrpc_result_records<Small>(
                            R"({"jsonrpc": "2.0", "id": 1, "result": )" + text + "}"),
                        MalformedResponseError);
        if (text.starts_with("\xEF\xBB\xBF")) continue;  // the json path skips a BOM
        CHECK_THROWS_AS(core::parse_json_body(text, endpoint, 200), MalformedResponseError);
    }
}

TEST_CASE("a malformed answer's message says what is wrong and where", "[typed][bytes]") {
    try {
        (void)odoo::decode_records<Small>(R"([{"id": 1, "name": "a"} x])", {{}, endpoint, 502});
        FAIL("no MalformedResponseError");
    } catch (const MalformedResponseError& error) {
        CHECK_THAT(error.what(), Contains("expected ',' or ']' at byte 24"));
        CHECK_THAT(error.what(), Contains("from " + endpoint + " (HTTP 502)"));
        CHECK(error.http_status() == 502);
    }
    CHECK_THROWS_WITH(odoo::decode_records<Small>(R"([{"id": 1, "name": "abc)"),
                      Contains("unterminated string at byte 19"));
    CHECK_THROWS_WITH(odoo::decode_records<Small>(""),
                      Contains("the text ends where a value was expected at byte 0"));
}

TEST_CASE("valid JSON of any layout decodes as on the json path", "[typed][bytes]") {
    const std::vector<std::string> good = {
        "[]",
        " \n[ ] \r\n",
        "[{}]",
        R"([{"id":1,"name":"compact","count":2}])",
        "[\n\t{ \"id\" :\r\n 7 ,\t\"name\" : \"spaced\" , \"count\":\n-3 } ,{\"id\":8}\n]\n",
        R"([{"id": 2, "name": "\"quoted\" \\ back\/slash \b\f\n\r\t", "count": 0}])",
        R"([{"id": 3, "name": "\u0410\u0439\u0433\u0435\u0440\u0438\u043c \u00e9 \ud83d\ude00"}])",
        R"([{"id": 4, "name": "nul \u0000 inside"}])",
        R"([{"\u0069d": 5, "na\u006de": "escaped keys"}])",
        R"([{"id": 6, "skipped": {"a": [1, -2.5e-3, "x", true, false, null, {}, []]},
              "also": [[[[{"deep": [{}]}]]]], "name": "after"}])",
        R"([{"id": 9, "tiny": 1e-400, "neg": -0, "exp": 1E+2, "big": 123456789012345678901234}])",
        R"([{"id": 10, "name": "dup", "name": "last wins"}])",
    };
    for (const std::string& text : good) {
        INFO(text);
        CHECK(odoo::decode_records<Small>(text) == from_json_path<Small>(text));
    }
    const auto escaped = odoo::decode_records<Small>(good[6]);
    CHECK(escaped.at(0).name == "Айгерим é 😀");
    CHECK(odoo::decode_records<Small>(good[7]).at(0).name == std::string("nul \0 inside", 12));
}

TEST_CASE("deep nesting in a skipped value is read without recursion", "[typed][bytes]") {
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const std::string text = R"([{"id": 1, "deep": )" + deep + R"(, "name": "kept"}])";
    const auto rows = odoo::decode_records<Small>(text);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "kept");
    const std::string unbalanced = R"([{"id": 1, "deep": )" + std::string(5000, '[') + "]}]";
    CHECK_THROWS_AS(odoo::decode_records<Small>(unbalanced), MalformedResponseError);
}

TEST_CASE("numbers: doubles read exactly, tiny ones as zero, huge ones refused", "[typed][bytes]") {
    const auto rows = odoo::decode_records<Ratio>(
        R"([{"id": 1, "value": 0.1}, {"id": 2, "value": 1e-400}, {"id": 3, "value": -1e-400},
            {"id": 4, "value": 2.2250738585072011e-308}, {"id": 5, "value": 4.9e-324},
            {"id": 6, "value": 1.7976931348623157e308}, {"id": 7, "value": 12345678901234567890},
            {"id": 8, "value": 0.000000000000000000000000000000000000000000000000001e-300}])");
    REQUIRE(rows.size() == 8);
    CHECK(rows[0].value == 0.1);
    CHECK(rows[1].value == 0.0);
    CHECK(rows[2].value == 0.0);
    CHECK(std::signbit(rows[2].value));
    CHECK(rows[3].value == 2.2250738585072011e-308);
    CHECK(rows[4].value == 4.9e-324);
    CHECK(rows[5].value == 1.7976931348623157e308);
    CHECK(rows[6].value == 12345678901234567890.0);
    CHECK(rows[7].value == 0.0);
    for (const char* huge : {"1e400", "-1e400", "1.8e308", "100000000000e300"}) {
        INFO(huge);
        const std::string text = std::string(R"([{"id": 1, "value": )") + huge + "}]";
        CHECK_THROWS_WITH(odoo::decode_records<Ratio>(text),
                          Contains("a number beyond the range of a double"));
        CHECK_THROWS_AS(core::parse_json_body(text, endpoint, 200), MalformedResponseError);
    }
}

TEST_CASE("keys match their members in any order, and near misses do not", "[typed][bytes]") {
    const std::string in_order =
        R"([{"id": 1, "a": 2, "ab": 3, "abc": 4, "name": 5, "names": 6, "name_id": 7,
             "name_ids": 8, "partner_id": 9, "partner_ids": 10,
             "property_account_receivable_id": 11, "property_account_payable_id": 12,
             "property_account_income_id": 13}])";
    const std::string shuffled =
        R"([{"property_account_income_id": 13, "name_ids": 8, "b": 0, "abc": 4, "id": 1,
             "property_account_payable_id": 12, "nam": 0, "a": 2, "names": 6,
             "property_account_receivable_id": 11, "partner_ids": 10, "ab": 3,
             "property_account_receivable_ix": 0, "partner_id": 9, "name_id": 7, "name": 5,
             "property_account_income_ix": 0, "partner_ix": 0, "name_ix": 0, "": 0}])";
    const Names expected{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    CHECK(odoo::decode_records<Names>(in_order).at(0) == expected);
    CHECK(odoo::decode_records<Names>(shuffled).at(0) == expected);
    CHECK(from_json_path<Names>(shuffled).at(0) == expected);
}

TEST_CASE("unescaped strings stay valid until the decode returns", "[typed][bytes]") {
    const std::string text =
        R"([{"id": 1, "words": ["\u0430", "b\nc", "plain", "\"q\"", "\u00e9\u00e9\u00e9"]}])";
    const auto rows = odoo::decode_records<Sentence>(text);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].words.words == std::vector<std::string>{"а", "b\nc", "plain", "\"q\"", "ééé"});
}

TEST_CASE("x2many ids are stored without regrowing", "[typed][bytes]") {
    std::string ids;
    for (int i = 1; i <= 100; ++i) ids += (i > 1 ? ", " : "") + std::to_string(i);
    const auto rows = odoo::decode_records<Partner>(R"([{"id": 1, "name": "n", "category_id": [)" +
                                                    ids + R"(], "child_ids": []}])");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].category_id.ids.size() == 100);
    CHECK(rows[0].category_id.ids.capacity() == 100);
    CHECK(rows[0].child_ids.ids.capacity() == 0);
}

TEST_CASE("huge-page advice accepts any block", "[typed][bytes]") {
    std::vector<char> block(std::size_t{9} << 20, 'x');
    core::codec_detail::advise_huge_pages(block.data(), block.size());
    core::codec_detail::advise_huge_pages(block.data() + 1, block.size() - 1);
    core::codec_detail::advise_huge_pages(block.data(), 100);
    core::codec_detail::advise_huge_pages(nullptr, 0);
    CHECK(block.front() == 'x');
    CHECK(block.back() == 'x');
}
