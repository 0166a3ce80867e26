// Inputs the fuzz target fuzz_typed_codec found harmful (docs/testing.md, "Fuzzing"), fed to
// core::parse_json_body exactly as the fuzzer did.
#include <catch2/catch.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <string>

using namespace odoobridge;

TEST_CASE("a JSON body with NUL bytes and garbage after the value is malformed") {
    // The json path returned [] for this body; the bytes path refused it.
    std::string body = "\x5b\t\t\t\t\t\t\t\t\t\x5d\t\t\t\t\t\t\t\t";
    body.append(80, '\0');
    body += "\t\t134\"}, {\", \"re&\": false}]";
    CHECK_THROWS_AS(core::parse_json_body(body, "https://erp.example.kz/json/2/x/y", 200),
                    MalformedResponseError);
    std::string nul_in_string = "[\"a";
    nul_in_string += '\0';
    nul_in_string += "b\"]";
    CHECK_THROWS_AS(core::parse_json_body(nul_in_string, "https://erp.example.kz/json/2/x/y", 200),
                    MalformedResponseError);
    CHECK(core::parse_json_body("[1, \"a\\u0000b\"]", "https://erp.example.kz/json/2/x/y", 200) ==
          json::parse("[1, \"a\\u0000b\"]"));
}
