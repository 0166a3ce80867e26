// Inputs the fuzz target fuzz_json2_answer found harmful (docs/testing.md, "Fuzzing"), fed
// to the JSON-2 protocol exactly as the fuzzer did.
#include <catch2/catch.hpp>
#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <odoobridge/testing/fake_transport.hpp>

using namespace odoobridge;

TEST_CASE("a /doc-bearer answer with a number beyond a double is a MalformedResponseError") {
    // nlohmann's out_of_range exception (406, number overflow) escaped the JSON-2 protocol
    // as a json::exception instead of the project's error.
    auto transport = std::make_shared<testing::FakeTransport>();
    transport->push(core::Response{
        200,
        {{"Content-Type", "application/json; charset=utf-8"}},
        R"({"model": "estate.property", "methods": {"action_sold": {"parameters": {}}},)"
        R"( "version_info": [381e308, 0]})"});
    auto protocol = odoo::make_protocol(
        odoo::ProtocolKind::json2,
        {"https://erp.example.kz", "db", odoo::ApiKey{"admin", "key-1"}, transport, nullptr});
    const odoo::Call call{"estate.property", "action_sold", json::array({json::array({1}), true}),
                          json::object()};
    try {
        (void)protocol->execute_kw(call);
        FAIL("no exception");
    } catch (const MalformedResponseError& error) {
        CHECK(std::string(error.what()).find("doc-bearer/estate.property.json") !=
              std::string::npos);
        CHECK(error.http_status() == 200);
    }
    REQUIRE(transport->request_count() == 1);
}
