// core::parse_json_body / parse_json_members (simdjson) must give exactly what
// nlohmann's json::parse gives, and core::append_json exactly what dump() writes.

#include <array>
#include <capture.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <string>
#include <thread>
#include <vector>

using namespace odoobridge;

namespace {

const std::string endpoint = "http://h/jsonrpc";

json parse(std::string_view body) { return core::parse_json_body(body, endpoint, 200); }

/// Equal values of equal types all the way down (json's == treats 1, 1u and 1.0 as equal).
bool same(const json& a, const json& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case json::value_t::object: {
            if (a.size() != b.size()) return false;
            for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt)
                if (it.key() != jt.key() || !same(*it, *jt)) return false;
            return true;
        }
        case json::value_t::array: {
            if (a.size() != b.size()) return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!same(a[i], b[i])) return false;
            return true;
        }
        case json::value_t::number_float:
            return a.get<double>() == b.get<double>() &&
                   std::signbit(a.get<double>()) == std::signbit(b.get<double>());
        default:
            return a == b;
    }
}

/// The message of the MalformedResponseError `body` raises ("" when none is raised).
std::string malformed_message(std::string_view body) {
    try {
        (void)parse(body);
    } catch (const MalformedResponseError& error) {
        CHECK(error.endpoint() == endpoint);
        return error.what();
    }
    return {};
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("parse_json_body gives json::parse's value for every wire capture") {
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::wire_dir())) {
        if (entry.path().extension() != ".json") continue;
        const json file = json::parse(test::read_text_file(entry.path().string()));
        for (const char* side : {"request", "response"}) {
            if (!file.contains(side) || !file[side].contains("body")) continue;
            const json& stored = file[side]["body"];
            const std::string body = stored.is_string() ? stored.get<std::string>() : stored.dump();
            INFO(entry.path().string() << ' ' << side);
            json expected;
            try {
                expected = json::parse(body);
            } catch (const json::parse_error&) {
                CHECK_THROWS_AS(parse(body), MalformedResponseError);  // XML, plain text
                continue;
            }
            CHECK(same(parse(body), expected));
            ++compared;
        }
    }
    CHECK(compared > 100);
}

TEST_CASE("integers keep nlohmann's types up to 64 bits and become doubles beyond") {
    CHECK(same(parse("0"), json(std::uint64_t{0})));
    // simdjson's tape does not keep the sign of an integer zero: "-0" reads as unsigned 0
    // (nlohmann: signed 0); equal either way.
    CHECK(parse("-0") == json(0));
    CHECK(parse("-0").is_number_integer());
    CHECK(same(parse("-1"), json(std::int64_t{-1})));
    CHECK(same(parse("9223372036854775807"), json(std::uint64_t{9223372036854775807u})));
    CHECK(same(parse("9223372036854775808"), json(std::uint64_t{9223372036854775808u})));
    CHECK(same(parse("-9223372036854775808"), json(std::numeric_limits<std::int64_t>::min())));
    CHECK(same(parse("18446744073709551615"), json(std::numeric_limits<std::uint64_t>::max())));
    CHECK(same(parse("[18446744073709551616]"), json::array({18446744073709551616.0})));
    CHECK(same(parse("-9223372036854775809"), json(-9223372036854775809.0)));
    CHECK(same(parse(R"({"n":123456789012345678901234567890})"),
               json{{"n", 123456789012345678901234567890.0}}));
    for (const char* text : {"[1,-1,9223372036854775807,18446744073709551615,1e2,1.0,-0.0,0]",
                             "123456789012345678901234567890", "-123456789012345678901"})
        CHECK(same(parse(text), json::parse(text)));
}

TEST_CASE("doubles are read exactly") {
    CHECK(parse("0.1").get<double>() == 0.1);
    CHECK(parse("1.7976931348623157e308").get<double>() == std::numeric_limits<double>::max());
    CHECK(parse("5e-324").get<double>() == std::numeric_limits<double>::denorm_min());
    CHECK(parse("2.2250738585072014E-308").get<double>() == std::numeric_limits<double>::min());
    CHECK(std::signbit(parse("-0.0").get<double>()));
    CHECK(parse("1e-400").get<double>() == 0.0);
    CHECK(same(parse("[0.30000000000000004, 1E+2, 12.5e-1]"),
               json::parse("[0.30000000000000004, 1E+2, 12.5e-1]")));
    CHECK(contains(malformed_message("[1e400]"), "beyond the range of a double"));
}

TEST_CASE("strings: escapes, surrogate pairs and UTF-8") {
    CHECK(parse(R"("a\"b\\c\/d\b\f\n\r\t")").get<std::string>() == "a\"b\\c/d\b\f\n\r\t");
    CHECK(parse(R"("\u00e9\u20AC\ud83d\ude00")").get<std::string>() ==
          "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    CHECK(parse(R"("\u0000x")").get<std::string>() == std::string("\0x", 2));
    CHECK(parse("\"Алматы\"").get<std::string>() == "Алматы");
    CHECK(parse(R"({"ключ":"значение"})")["ключ"] == "значение");
    CHECK(contains(malformed_message(R"("\ud800")"), "invalid JSON"));       // lone high surrogate
    CHECK(contains(malformed_message(R"("\udc00x")"), "invalid JSON"));      // lone low surrogate
    CHECK(contains(malformed_message("\"a\nb\""), "invalid JSON"));          // raw control char
    CHECK(contains(malformed_message("\"\xc3\x28\""), "invalid JSON"));      // bad UTF-8
    CHECK(contains(malformed_message("\"\xed\xa0\x80\""), "invalid JSON"));  // UTF-8 surrogate
    CHECK(contains(malformed_message(R"("\x")"), "invalid JSON"));
}

TEST_CASE("objects keep the last of repeated keys; a byte order mark is skipped") {
    CHECK(same(parse(R"({"a":1,"b":2,"a":[3]})"), json{{"a", json::array({3u})}, {"b", 2u}}));
    CHECK(same(parse("\xEF\xBB\xBF{\"a\":1}"), json{{"a", 1u}}));
    CHECK(same(parse(" \t\r\n[ ] "), json::array()));
    CHECK(same(parse("null"), json(nullptr)));
    CHECK(same(parse("[true,false,null,\"\",{}]"), json::parse("[true,false,null,\"\",{}]")));
}

TEST_CASE("invalid and truncated bodies are MalformedResponseErrors saying where") {
    for (const char* truncated :
         {"", "   ", R"({"result": [1, 2)", R"({"a":)", "[", R"(")", R"(["abc)", "[tr", "[1.5"}) {
        INFO(truncated);
        CHECK(contains(malformed_message(truncated), "truncated JSON"));
    }
    for (const char* invalid : {"<html>oops</html>", "{} x", "[1,2,]", R"({"a" 1})", "[tru]", "01",
                                "{'a':1}", "[1 2]", R"({"a":1,})", "[nul]"}) {
        INFO(invalid);
        const std::string message = malformed_message(invalid);
        INFO(message);
        CHECK(contains(message, "invalid JSON from http://h/jsonrpc (HTTP 200"));
        CHECK(contains(message, "error at byte"));
    }
    CHECK(contains(malformed_message("<html>oops</html>"), "the body starts with '<html>oops"));
}

TEST_CASE("nesting is limited to 1024 levels") {
    const auto nested = [](int depth) {
        return std::string(static_cast<std::size_t>(depth), '[') +
               std::string(static_cast<std::size_t>(depth), ']');
    };
    const json value = parse(nested(1024));
    int depth = 1;
    for (const json* v = &value; !v->empty(); v = &v->front()) ++depth;
    CHECK(depth == 1024);
    CHECK(contains(malformed_message(nested(1025)), "nested deeper than 1024 levels"));
    CHECK(contains(malformed_message(nested(100000)), "nested deeper than 1024"));
    CHECK(contains(malformed_message(std::string(100000, '[')), "truncated JSON"));
}

TEST_CASE("bodies above the per-thread parser's limit parse alike") {
    std::string body = "[";
    for (int i = 0; i < 70000; ++i) body += std::to_string(i * 7 - 5) + ",\"x\\u00e9\",";
    body += "0.5]";
    REQUIRE(body.size() > (std::size_t{1} << 20));
    CHECK(same(parse(body), json::parse(body)));
    CHECK(same(parse("[1]"), json::array({1u})));  // the thread's own parser still works
}

TEST_CASE("parse_json_body is safe from several threads at once") {
    const std::string body = R"({"jsonrpc":"2.0","id":7,"result":[{"id":1,"name":"Азия"}]})";
    const json expected = json::parse(body);
    std::array<int, 4> failures{};
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < failures.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i)
                if (!same(parse(body), expected)) ++failures[t];
        });
    for (auto& thread : threads) thread.join();
    CHECK(failures == std::array<int, 4>{});
}

TEST_CASE("parse_json_members converts only the named members") {
    static constexpr std::array<std::string_view, 2> names{"error", "result"};
    std::array<std::optional<json>, 2> values;
    REQUIRE(core::parse_json_members(R"({"id":1,"result":[1,{"a":-2}],"x":{}})", names, values,
                                     endpoint, 200));
    CHECK_FALSE(values[0]);
    REQUIRE(values[1]);
    CHECK(same(*values[1], json::parse(R"([1,{"a":-2}])")));

    REQUIRE(core::parse_json_members(R"({"error":null,"result":1,"result":2})", names, values,
                                     endpoint, 200));
    CHECK(same(*values[0], json(nullptr)));
    CHECK(same(*values[1], json(2u)));

    // A number only nlohmann reads (beyond 64 bits) takes the other path, same result.
    REQUIRE(core::parse_json_members(R"({"result":[100000000000000000000]})", names, values,
                                     endpoint, 200));
    CHECK_FALSE(values[0]);
    CHECK(same(*values[1], json::array({1e20})));

    CHECK_FALSE(core::parse_json_members("[1]", names, values, endpoint, 200));
    CHECK_FALSE(values[1]);
    CHECK_FALSE(core::parse_json_members("[100000000000000000000]", names, values, endpoint, 200));
    CHECK_THROWS_AS(core::parse_json_members(R"({"result":)", names, values, endpoint, 502),
                    MalformedResponseError);
    std::array<std::optional<json>, 1> too_few;
    CHECK_THROWS_AS(core::parse_json_members("{}", names, too_few, endpoint, 200),
                    std::invalid_argument);
}

TEST_CASE("append_json writes exactly what dump() writes") {
    const json values[] = {
        json::parse(R"({"b":[1,-2,3.5,null,true,false],"a":{"z":"","y":{}},"c":[]})"),
        json("quote\" backslash\\ slash/ \b\f\n\r\t \x01\x1f\x7f"
             " end"),
        json("Алматы € 😀"),
        json(0.0),
        json(-0.0),
        json(1e20),
        json(0.1),
        json(1.5e-7),
        json(123456789.0),
        json(std::numeric_limits<double>::quiet_NaN()),
        json(INFINITY),
        json(std::numeric_limits<std::int64_t>::min()),
        json(std::numeric_limits<std::uint64_t>::max()),
        json(nullptr),
        json::object(),
        json::array({json::array({json::array()}), json::object({{"k", "v"}})}),
        json::binary({1, 2, 3}, 7),
    };
    for (const json& value : values) {
        std::string out = "prefix:";
        core::append_json(out, value);
        CHECK(out == "prefix:" + value.dump());
    }
    std::string text;
    core::append_json_string(text, "a\"\\\x02é");
    CHECK(text == json("a\"\\\x02é").dump());
}

TEST_CASE("append_json refuses invalid UTF-8 as dump() does") {
    for (const char* bad : {"\xff", "ab\xc3", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                            "\xe2\x82", "x\x80y", "\xf0\x8f\xbf\xbf"}) {
        INFO(bad);
        CHECK_THROWS_AS(json(bad).dump(), json::type_error);
        std::string out;
        CHECK_THROWS_AS(core::append_json(out, json::array({"ok", bad})), json::type_error);
        CHECK_THROWS_AS(core::append_json_string(out, bad), json::type_error);
    }
    for (const char* good : {"\xc2\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf0\x90\x80\x80",
                             "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf"}) {
        std::string out;
        core::append_json_string(out, good);
        CHECK(out == json(good).dump());
    }
}
