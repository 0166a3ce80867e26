#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/core/retry.hpp>

#include <catch2/catch.hpp>

using namespace odoobridge;
using namespace std::chrono_literals;

TEST_CASE("transport options reject values that cannot work") {
    core::TransportOptions options;
    CHECK_NOTHROW(options.validate());
    options.connect_timeout = 0ms;
    CHECK_THROWS_WITH(options.validate(), Catch::Contains("connect_timeout"));
    options = {};
    options.total_timeout = -1ms;
    CHECK_THROWS_AS(options.validate(), ConfigurationError);
    options = {};
    options.max_connections = 0;
    CHECK_THROWS_WITH(options.validate(), Catch::Contains("max_connections"));
    options = {};
    options.max_response_bytes = 0;
    CHECK_THROWS_AS(options.validate(), ConfigurationError);
}

TEST_CASE("retry delays grow, stay under the cap and are jittered") {
    core::RetryPolicy policy{5, 100ms, 400ms};
    CHECK_NOTHROW(policy.validate());
    for (int retry = 1; retry <= 6; ++retry) {
        const auto ceiling = std::min(400LL, 100LL << (retry - 1));
        for (int i = 0; i < 50; ++i) {
            const auto delay = policy.delay_before(retry).count();
            CHECK(delay >= 0);
            CHECK(delay <= ceiling);
        }
    }
    CHECK_THROWS_AS((core::RetryPolicy{0, 1ms, 1ms}.validate()), ConfigurationError);
}

namespace {
template <class E>
bool transient(E error) {
    try {
        throw error;
    } catch (...) {
        return core::is_transient_current_exception();
    }
}
}  // namespace

TEST_CASE("only transient failures are retryable") {
    CHECK(transient(ConnectionError("refused")));
    CHECK(transient(TimeoutError("slow")));
    CHECK(transient(UnexpectedResponseError("bad gateway", "", 502)));
    CHECK(transient(UnexpectedResponseError("unavailable", "", 503)));
    CHECK_FALSE(transient(UnexpectedResponseError("not found", "", 404)));
    CHECK_FALSE(transient(TlsError("bad cert")));
    CHECK_FALSE(transient(ResponseTooLargeError("big")));
    CHECK_FALSE(transient(MalformedResponseError("cut")));
    CHECK_FALSE(transient(ServerError("refused")));
    CHECK_FALSE(transient(std::runtime_error("other")));
}
