// Inputs the fuzz target fuzz_rosdomofon_answer found harmful (docs/testing.md, "Fuzzing"),
// fed to the client exactly as the fuzzer did.
#include <catch2/catch.hpp>
#include <limits>
#include <odoobridge/rosdomofon/client.hpp>

#include "fake_api.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

TEST_CASE("a token answer with the largest expires_in keeps the token instead of overflowing") {
    // {"access_token": ..., "expires_in": 9223372036854775807}: the renewal instant (now +
    // expires_in seconds, in nanoseconds) overflowed, landed in the past, and every call
    // fetched a new token. It is now capped at 30 days.
    FakeRosDomofon fake;
    fake.expires_in = std::numeric_limits<long long>::max();
    const rosdomofon::Client client = fake.client();
    client.authenticate();
    CHECK(client.accounts().empty());
    CHECK(client.accounts().empty());
    CHECK(fake.grants == 1);
}
