// Inputs the fuzz target fuzz_bitrix24_answer found harmful (docs/testing.md, "Fuzzing"),
// fed to the client exactly as the fuzzer did. Before the fixes these converted doubles
// to integers out of range (undefined behaviour that UBSan reports; on x86 without it the
// results happened to look right), so under the clang fuzz build they fail loudly, and here
// they pin the answers' meaning.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/testing/fake_transport.hpp>

#include "b24_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

core::Response raw_json(const std::string& body) {
    return core::Response{200, {{"Content-Type", "application/json"}}, body};
}

}  // namespace

TEST_CASE("total and next beyond std::int64_t are no numbers, not undefined conversions") {
    auto transport = std::make_shared<testing::FakeTransport>();
    transport->push(raw_json(R"({"result": [], "total": 1e300, "next": -9.3e18})"));
    transport->push(raw_json(R"({"result": [], "total": 9223372036854775808.0, "next": 50.0})"));
    transport->push(raw_json(R"({"result": [], "total": -9223372036854775808.0, "next": 2.5})"));
    const bitrix24::Client client(fast_options(transport));

    const bitrix24::Answer huge = client.call_answer("user.get");
    CHECK_FALSE(huge.total.has_value());
    CHECK_FALSE(huge.next.has_value());

    const bitrix24::Answer edge = client.call_answer("user.get");
    CHECK_FALSE(edge.total.has_value());  // 2^63 does not fit
    CHECK(edge.next == 50);

    const bitrix24::Answer lowest = client.call_answer("user.get");
    CHECK(lowest.total == std::numeric_limits<std::int64_t>::min());
    CHECK_FALSE(lowest.next.has_value());  // not a whole number
}

TEST_CASE("an operating_reset_at of \"nan\" is ignored, not turned into an undefined wait") {
    auto transport = std::make_shared<testing::FakeTransport>();
    transport->push(raw_json(
        R"({"result": [], "time": {"operating": 1000, "operating_reset_at": "nan", "finish": 1}})"));
    transport->push(ok(json::array()));
    const bitrix24::Client client(fast_options(transport));
    (void)client.call("user.get");
    const auto started = std::chrono::steady_clock::now();
    (void)client.call("user.get");  // no reset instant is known: no wait
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK(transport->request_count() == 2);
}
