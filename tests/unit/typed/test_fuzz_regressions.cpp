// Inputs the fuzz target fuzz_typed_codec found harmful (docs/testing.md, "Fuzzing"), fed to
// the codec's bytes path exactly as the fuzzer did.
#include <catch2/catch.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/models/estate_property.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <string>

using namespace odoobridge;

TEST_CASE("the bytes path reads a double with a 67-digit mantissa exactly, as the json path") {
    // simdjson's get_double read this commission as 1.3763000461244235e-48.
    const std::string body =
        R"([{"id": 4, "name": "ACC-003", "price": 87000000.0, "rooms": 1, "commission": )"
        R"(0.0244444444444000000000000000000000000000000000000000000000000001024}])";
    const auto from_bytes = odoo::decode_records<models::EstateProperty>(body);
    const auto from_json = odoo::records_from_json<models::EstateProperty>(json::parse(body));
    REQUIRE(from_bytes.size() == 1);
    CHECK(from_bytes[0].commission == 0.0244444444444);
    CHECK(from_bytes == from_json);
}
