// Every field type through both decode paths (json DOM and bytes), its write form, and the
// errors a mismatch raises.

#include "typed_records.hpp"

#include <odoobridge/core/codec.hpp>
#include <odoobridge/odoo/fields.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace typed_test {

enum class Warn { no_message, warning, block };
BOOST_DESCRIBE_ENUM(Warn, no_message, warning, block)
/// Keys that are no C++ identifier come from the enum's own `enum_key`.
constexpr std::string_view enum_key(Warn value) {
    switch (value) {
        case Warn::no_message:
            return "no-message";
        case Warn::warning:
            return "warning";
        case Warn::block:
            return "block";
    }
    return {};
}

struct Address {
    std::string street;
    std::optional<std::string> city;
    friend bool operator==(const Address&, const Address&) = default;
};
BOOST_DESCRIBE_STRUCT(Address, (), (street, city))

struct Everything {
    static constexpr std::string_view odoo_model = "test.everything";
    odoo::Id id = 0;
    bool flag = false;
    int count = 0;
    std::int64_t big = 0;
    double ratio = 0;
    odoo::Monetary amount = 0;
    std::string title;
    odoo::Html body;
    std::optional<odoo::Text> note;
    Warn warn = Warn::warning;
    std::optional<PropertyState> state;
    odoo::Date day{};
    std::optional<odoo::Datetime> moment;
    odoo::Many2one owner;
    std::optional<odoo::Many2one> parent_id;
    odoo::X2many tag_ids;
    std::optional<odoo::Binary> file;
    std::optional<odoo::Reference> source;
    odoo::Json properties;
    std::vector<std::string> labels;
    std::optional<bool> reviewed;
    Address address;
    friend bool operator==(const Everything&, const Everything&) = default;
};
BOOST_DESCRIBE_STRUCT(Everything, (),
                      (id, flag, count, big, ratio, amount, title, body, note, warn, state, day,
                       moment, owner, parent_id, tag_ids, file, source, properties, labels,
                       reviewed, address))

}  // namespace typed_test

namespace {

using odoobridge::DecodeError;
using odoobridge::json;
namespace odoo = odoobridge::odoo;
using namespace typed_test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

/// Decodes `list` on the json path and on the bytes path; both must agree.
template <class T>
std::vector<T> decode_both(const json& list) {
    auto from_json = odoo::records_from_json<T>(list);
    auto from_bytes = odoo::decode_records<T>(list.dump());
    REQUIRE(from_json == from_bytes);
    return from_json;
}

/// The DecodeError of decoding `text` (a JSON list) on both paths; both must raise the same.
template <class T>
DecodeError decode_error_both(const std::string& text) {
    std::optional<DecodeError> from_json;
    std::optional<DecodeError> from_bytes;
    try {
        (void)odoo::records_from_json<T>(json::parse(text));
    } catch (const DecodeError& error) {
        from_json = error;
    }
    try {
        (void)odoo::decode_records<T>(text);
    } catch (const DecodeError& error) {
        from_bytes = error;
    }
    REQUIRE(from_json.has_value());
    REQUIRE(from_bytes.has_value());
    CHECK(std::string(from_json->what()) == from_bytes->what());
    CHECK(from_json->record_id() == from_bytes->record_id());
    CHECK(from_json->field() == from_bytes->field());
    return *from_bytes;
}

const char* const kEverything = R"([{
    "id": 7, "flag": true, "count": -12, "big": 3000000000.0, "ratio": 0.25, "amount": 1500,
    "title": "Quote \"A\" \u00e9t\u00e9 \\ done", "body": "<p>Hello</p>", "note": false,
    "warn": "no-message", "state": "new", "day": "2024-02-29",
    "moment": "2024-02-29 23:59:58", "owner": [3, "Mitchell Admin"], "parent_id": false,
    "tag_ids": [4, 5, 6], "file": "aGVsbG8=", "source": "res.partner,42",
    "properties": [{"name": "floor_heating", "type": "boolean", "value": true}],
    "labels": ["a", "b"], "reviewed": false,
    "address": {"street": "Абая 10", "city": null, "ignored": [1, {"x": 2}]}
}])";

}  // namespace

TEST_CASE("every field type decodes the same on both paths", "[typed][fields]") {
    const auto records = decode_both<Everything>(json::parse(kEverything));
    REQUIRE(records.size() == 1);
    const Everything& e = records[0];
    CHECK(e.id == 7);
    CHECK(e.flag);
    CHECK(e.count == -12);
    CHECK(e.big == 3000000000);  // an integer sent as a double (XML-RPC beyond 32 bits)
    CHECK(e.ratio == 0.25);
    CHECK(e.amount == 1500.0);  // an integer where a float is declared
    CHECK(e.title == "Quote \"A\" \xc3\xa9t\xc3\xa9 \\ done");
    CHECK(e.body == "<p>Hello</p>");
    CHECK_FALSE(e.note.has_value());
    CHECK(e.warn == Warn::no_message);
    CHECK(e.state == PropertyState::new_);
    CHECK(e.day == std::chrono::year{2024} / 2 / 29);
    CHECK(e.moment == std::chrono::sys_days(std::chrono::year{2024} / 2 / 29) + 23h + 59min + 58s);
    CHECK(e.owner == odoo::Many2one{3, "Mitchell Admin"});
    CHECK_FALSE(e.parent_id.has_value());
    CHECK(e.tag_ids.ids == std::vector<odoo::Id>{4, 5, 6});
    REQUIRE(e.file.has_value());
    CHECK(e.file->bytes == std::vector<std::uint8_t>{'h', 'e', 'l', 'l', 'o'});
    CHECK(e.source == odoo::Reference{"res.partner", 42});
    CHECK(e.properties == json::parse(R"([{"name": "floor_heating", "type": "boolean",
                                           "value": true}])"));
    CHECK(e.labels == std::vector<std::string>{"a", "b"});
    CHECK(e.reviewed == false);  // an optional bool keeps false as a value
    CHECK(e.address == Address{"Абая 10", std::nullopt});
}

TEST_CASE("every field type encodes to Odoo's write form", "[typed][fields]") {
    const auto e = decode_both<Everything>(json::parse(kEverything)).at(0);
    const json values = odoo::to_values(e);
    CHECK(values == json::parse(R"({
        "flag": true, "count": -12, "big": 3000000000, "ratio": 0.25, "amount": 1500.0,
        "title": "Quote \"A\" \u00e9t\u00e9 \\ done", "body": "<p>Hello</p>", "note": false,
        "warn": "no-message", "state": "new", "day": "2024-02-29",
        "moment": "2024-02-29 23:59:58", "owner": 3, "parent_id": false,
        "tag_ids": [[6, 0, [4, 5, 6]]], "file": "aGVsbG8=", "source": "res.partner,42",
        "properties": [{"name": "floor_heating", "type": "boolean", "value": true}],
        "labels": ["a", "b"], "reviewed": false,
        "address": {"street": "Абая 10", "city": false}
    })"));
}

TEST_CASE("empty values: false and null both decode to an empty optional", "[typed][fields]") {
    const auto records = decode_both<Everything>(json::parse(R"([
        {"id": 1, "note": null, "state": null, "moment": false, "parent_id": null,
         "file": false, "source": false, "reviewed": null},
        {"id": 2, "note": "text", "reviewed": true}
    ])"));
    CHECK_FALSE(records[0].note.has_value());
    CHECK_FALSE(records[0].state.has_value());
    CHECK_FALSE(records[0].moment.has_value());
    CHECK_FALSE(records[0].parent_id.has_value());
    CHECK_FALSE(records[0].file.has_value());
    CHECK_FALSE(records[0].source.has_value());
    CHECK_FALSE(records[0].reviewed.has_value());
    CHECK(records[1].note == "text");
    CHECK(records[1].reviewed == true);
    // Members the answer does not mention keep their defaults.
    CHECK(records[1].warn == Warn::warning);
    CHECK(records[1].count == 0);
}

TEST_CASE("many2one accepts [id, name], [id, false] and a bare id", "[typed][fields]") {
    const auto records = decode_both<Everything>(json::parse(R"([
        {"id": 1, "owner": [9, false]}, {"id": 2, "owner": 11}
    ])"));
    CHECK(records[0].owner == odoo::Many2one{9, ""});
    CHECK(records[1].owner == odoo::Many2one{11, ""});
    CHECK(odoo::to_value(odoo::Many2one{}) == false);
    CHECK(odoo::to_value(std::optional<odoo::Many2one>{}) == false);
}

TEST_CASE("unknown fields in answers are ignored", "[typed][fields]") {
    const auto records = decode_both<Small>(json::parse(R"([
        {"display_name": "x", "id": 3, "__last_update": "2024-01-01 00:00:00",
         "nested": {"a": [1, 2, {"b": null}], "c": "]}"}, "name": "kept", "tail": [[]],
         "count": 4, "extra": -1.5e10}
    ])"));
    REQUIRE(records.size() == 1);
    CHECK(records[0] == Small{3, "kept", 4});
}

TEST_CASE("integers: ranges, and doubles only when integral", "[typed][fields]") {
    CHECK(decode_both<Small>(json::parse(R"([{"count": 2147483647.0}])"))[0].count ==
          std::numeric_limits<int>::max());
    CHECK(decode_both<Small>(json::parse(R"([{"count": -2147483648}])"))[0].count ==
          std::numeric_limits<int>::min());

    const auto fractional = decode_error_both<Small>(R"([{"id": 5, "count": 1.5}])");
    CHECK(fractional.field() == "count");
    CHECK(fractional.received() == "1.5");
    CHECK_THAT(fractional.expected(), Contains("integer between -2147483648 and 2147483647"));

    const auto too_big = decode_error_both<Small>(R"([{"id": 5, "count": 3000000000}])");
    CHECK(too_big.received() == "3000000000");
    CHECK(decode_error_both<Small>(R"([{"id": 5, "count": 9223372036854775808}])").field() ==
          "count");
}

TEST_CASE("a type mismatch names model, record, field, expected type and value",
          "[typed][fields][errors]") {
    SECTION("false in a non-optional member suggests std::optional") {
        const auto error = decode_error_both<Partner>(
            R"([{"id": 1, "name": "ok"}, {"id": 9, "name": false, "vat": false}])");
        CHECK(error.model() == "res.partner");
        CHECK(error.record_id() == 9);
        CHECK(error.field() == "name");
        CHECK(error.expected() == "string");
        CHECK(error.received() == "false");
        CHECK(error.failure().record_index == 1u);
        CHECK_THAT(error.what(), Contains("res.partner record 9 (index 1 in the answer)"));
        CHECK_THAT(error.what(), Contains("field 'name' expected string, received false"));
        CHECK_THAT(error.what(), Contains("declare the member as std::optional<...>"));
    }
    SECTION("the record id is named even when it comes after the bad field") {
        const auto error = decode_error_both<Small>(R"([{"name": 12, "id": 77}])");
        CHECK(error.record_id() == 77);
        CHECK(error.field() == "name");
        CHECK(error.received() == "12");
        CHECK_THAT(error.what(), Contains("test.small record 77"));
        CHECK_THAT(error.what(), Contains("Change the member's C++ type"));
    }
    SECTION("an unknown selection key lists the keys") {
        const auto error = decode_error_both<Everything>(R"([{"id": 3, "warn": "maybe"}])");
        CHECK(error.field() == "warn");
        CHECK(error.expected() == R"(one of the keys "no-message", "warning", "block")");
        CHECK(error.received() == R"("maybe")");
        CHECK_THAT(error.what(), Contains("Add the key to the enum"));
    }
    SECTION("many2one, x2many, date, datetime, binary, reference, bool, list, object") {
        struct Case {
            const char* text;
            const char* field;
            const char* expected;
            const char* received;
        };
        const Case cases[] = {
            {R"([{"id": 1, "owner": "Mitchell"}])", "owner", "many2one [id, \"name\"]",
             "\"Mitchell\""},
            {R"([{"id": 1, "owner": [1, "a", 3]}])", "owner", "many2one [id, \"name\"]",
             "[1,\"a\",3]"},
            {R"([{"id": 1, "tag_ids": [1, "x"]}])", "tag_ids", "list of record ids", "[1,\"x\"]"},
            {R"([{"id": 1, "day": "2023-02-29"}])", "day", "date \"YYYY-MM-DD\"", "\"2023-02-29\""},
            {R"([{"id": 1, "moment": "2024-01-01 24:00:00"}])", "moment",
             "datetime \"YYYY-MM-DD HH:MM:SS\" (UTC)", "\"2024-01-01 24:00:00\""},
            {R"([{"id": 1, "file": "12.5 Kb"}])", "file", "base64 text", "\"12.5 Kb\""},
            {R"([{"id": 1, "source": "res.partner"}])", "source", "reference \"model,id\"",
             "\"res.partner\""},
            {R"([{"id": 1, "flag": 1}])", "flag", "boolean", "1"},
            {R"([{"id": 1, "labels": "a"}])", "labels", "list", "\"a\""},
            {R"([{"id": 1, "address": []}])", "address", "object", "[]"},
            {R"([{"id": 1, "address": {"street": false}}])", "address", "string", "false"},
        };
        for (const auto& c : cases) {
            INFO(c.text);
            const auto error = decode_error_both<Everything>(c.text);
            CHECK(error.record_id() == 1);
            CHECK(error.field() == c.field);
            CHECK(error.expected() == c.expected);
            CHECK(error.received() == c.received);
        }
    }
    SECTION("an answer that is no list of records") {
        const auto not_a_list = decode_error_both<Small>(R"({"id": 1})");
        CHECK(not_a_list.field().empty());
        CHECK(not_a_list.expected() == "list of records");
        CHECK_THAT(not_a_list.what(), Contains("cannot decode the test.small answer"));
        const auto not_a_record = decode_error_both<Small>(R"([{"id": 1}, 2])");
        CHECK(not_a_record.expected() == "record (JSON object)");
        CHECK(not_a_record.received() == "2");
        CHECK(not_a_record.failure().record_index == 1u);
    }
    SECTION("long values are cut in the message") {
        const std::string long_name(500, 'x');
        const auto error =
            decode_error_both<Small>(R"([{"id": 1, "count": ")" + long_name + R"("}])");
        CHECK(error.received().size() < 100);
        CHECK_THAT(error.received(), Contains("…"));
    }
}

TEST_CASE("DecodeError carries the endpoint and status it was given", "[typed][errors]") {
    const odoo::DecodeOrigin origin{"", "https://erp.example.kz/jsonrpc", 200};
    try {
        (void)odoo::decode_records<Small>(R"([{"id": 2, "name": null}])", origin);
        FAIL("no DecodeError");
    } catch (const odoobridge::ProtocolError& error) {  // DecodeError is a ProtocolError
        CHECK(error.endpoint() == "https://erp.example.kz/jsonrpc");
        CHECK(error.http_status() == 200);
        CHECK_THAT(error.what(), Contains("from https://erp.example.kz/jsonrpc"));
        CHECK_THAT(error.what(), Contains("test.small record 2"));
    }
}

TEST_CASE("dates and datetimes: text forms", "[typed][fields]") {
    using std::chrono::year;
    CHECK(odoo::format_date(year{2026} / 1 / 5) == "2026-01-05");
    CHECK(odoo::format_date(year{987} / 12 / 31) == "0987-12-31");
    CHECK(odoo::parse_date("2024-02-29") == year{2024} / 2 / 29);
    CHECK_FALSE(odoo::parse_date("2024-2-29").has_value());
    CHECK_FALSE(odoo::parse_date("2024-02-30").has_value());
    CHECK_FALSE(odoo::parse_date("2024-02-29 10:00:00").has_value());
    CHECK_THROWS_AS(odoo::format_date(year{2024} / 2 / 30), odoobridge::ConfigurationError);
    CHECK_THROWS_AS(odoo::format_date(year{10000} / 1 / 1), odoobridge::ConfigurationError);

    const odoo::Datetime instant = std::chrono::sys_days(year{2026} / 11 / 22) + 10h + 7min + 9s;
    CHECK(odoo::format_datetime(instant) == "2026-11-22 10:07:09");
    CHECK(odoo::parse_datetime("2026-11-22 10:07:09") == instant);
    CHECK(odoo::parse_datetime("2026-11-22T10:07:09") == instant);
    CHECK(odoo::parse_datetime("2026-11-22 10:07:09.123456") == instant);
    CHECK_FALSE(odoo::parse_datetime("2026-11-22 10:07").has_value());
    CHECK_FALSE(odoo::parse_datetime("2026-11-22 10:07:60").has_value());
    CHECK_FALSE(odoo::parse_datetime("2026-11-22 10:07:09Z").has_value());
    CHECK_FALSE(odoo::parse_datetime("2026-11-22 10:07:09.").has_value());
    // Sub-second precision is dropped, never rounded into the next second.
    CHECK(odoo::format_datetime(std::chrono::floor<std::chrono::seconds>(
              std::chrono::sys_days(year{1970} / 1 / 1) + 999ms)) == "1970-01-01 00:00:00");
}

TEST_CASE("binary: base64 both ways", "[typed][fields]") {
    using odoobridge::core::base64_decode;
    using odoobridge::core::base64_encode;
    const std::vector<std::uint8_t> all = [] {
        std::vector<std::uint8_t> bytes;
        for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<std::uint8_t>(i));
        return bytes;
    }();
    for (std::size_t n = 0; n <= 5; ++n) {
        const std::vector<std::uint8_t> part(all.begin(), all.begin() + static_cast<long>(n));
        CHECK(base64_decode(base64_encode(part)) == part);
    }
    CHECK(base64_decode(base64_encode(all)) == all);
    CHECK(base64_encode(std::vector<std::uint8_t>{'M', 'a'}) == "TWE=");
    CHECK(base64_decode("TWE") == std::vector<std::uint8_t>{'M', 'a'});     // padding optional
    CHECK(base64_decode("TW\nE=") == std::vector<std::uint8_t>{'M', 'a'});  // wrapped lines
    CHECK_FALSE(base64_decode("TWE=x").has_value());
    CHECK_FALSE(base64_decode("T").has_value());
    CHECK_FALSE(base64_decode("TW=E").has_value());
    CHECK_FALSE(base64_decode("TWE===").has_value());
    CHECK_FALSE(base64_decode("TW!=").has_value());
}

TEST_CASE("reference text form", "[typed][fields]") {
    CHECK(odoo::parse_reference("crm.lead,15") == odoo::Reference{"crm.lead", 15});
    CHECK_FALSE(odoo::parse_reference(",15").has_value());
    CHECK_FALSE(odoo::parse_reference("crm.lead,").has_value());
    CHECK_FALSE(odoo::parse_reference("crm.lead,1x").has_value());
    CHECK_FALSE(odoo::parse_reference("crm.lead,99999999999999999999").has_value());
    CHECK(odoo::to_value(odoo::Reference{"crm.lead", 15}) == "crm.lead,15");
    CHECK(odoo::to_value(odoo::Reference{}) == false);
}

TEST_CASE("selection keys: identifiers, keywords, digits and enum_key", "[typed][fields]") {
    CHECK(odoo::to_value(PropertyState::new_) == "new");
    CHECK(odoo::to_value(Priority::_3) == "3");
    CHECK(odoo::to_value(Warn::no_message) == "no-message");
    CHECK(odoo::to_value(District::bostandyk) == "bostandyk");
    CHECK_THROWS_AS(odoo::to_value(static_cast<District>(99)), odoobridge::ConfigurationError);
}

TEST_CASE("x2many commands in Odoo's numeric form", "[typed][fields]") {
    using odoo::Command;
    const json values = {{"name", "Line"}};
    CHECK(Command::create(values).to_json() == json::parse(R"([0, 0, {"name": "Line"}])"));
    CHECK(Command::update(7, values).to_json() == json::parse(R"([1, 7, {"name": "Line"}])"));
    CHECK(Command::delete_(7).to_json() == json::parse("[2, 7, 0]"));
    CHECK(Command::unlink(7).to_json() == json::parse("[3, 7, 0]"));
    CHECK(Command::link(7).to_json() == json::parse("[4, 7, 0]"));
    CHECK(Command::clear().to_json() == json::parse("[5, 0, 0]"));
    CHECK(Command::set({1, 2}).to_json() == json::parse("[6, 0, [1, 2]]"));
    CHECK(Command::update(7, values).kind() == Command::Kind::update);
    CHECK(Command::update(7, values).id() == 7);
    CHECK_THROWS_AS(Command::create(json::array()), odoobridge::ConfigurationError);
    CHECK_THROWS_AS(Command::update(1, "x"), odoobridge::ConfigurationError);

    odoo::X2many lines;
    lines.ids = {1, 2};
    CHECK(odoo::to_value(lines) == json::parse("[[6, 0, [1, 2]]]"));
    lines.commands = {Command::link(3), Command::unlink(1),
                      Command::create(odoo::to_values(Small{0, "new", 1}))};
    CHECK(odoo::to_value(lines) ==
          json::parse(R"([[4, 3, 0], [3, 1, 0], [0, 0, {"name": "new", "count": 1}]])"));
}
