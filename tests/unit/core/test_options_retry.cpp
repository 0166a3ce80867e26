#include <catch2/catch.hpp>
#include <chrono>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/core/retry.hpp>
#include <optional>
#include <string>
#include <vector>

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

TEST_CASE("RetryPolicy.max_retry_after is validated") {
    core::RetryPolicy policy;
    CHECK(policy.max_retry_after == 30s);
    policy.max_retry_after = 0s;  // never wait for a server's Retry-After
    CHECK_NOTHROW(policy.validate());
    policy.max_retry_after = core::RetryPolicy::kMaxRetryAfterCap;
    CHECK_NOTHROW(policy.validate());
    policy.max_retry_after = -1s;
    CHECK_THROWS_WITH(policy.validate(),
                      Catch::Contains("max_retry_after") && Catch::Contains("got -1 s"));
    policy.max_retry_after = core::RetryPolicy::kMaxRetryAfterCap + 1s;
    CHECK_THROWS_AS(policy.validate(), ConfigurationError);
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
    CHECK(transient(UnexpectedResponseError("too many requests", "", 429)));
    CHECK_FALSE(transient(UnexpectedResponseError("not found", "", 404)));
    CHECK_FALSE(transient(TlsError("bad cert")));
    CHECK_FALSE(transient(ResponseTooLargeError("big")));
    CHECK_FALSE(transient(MalformedResponseError("cut")));
    CHECK_FALSE(transient(ServerError("refused")));
    CHECK_FALSE(transient(std::runtime_error("other")));
}

namespace {

/// A 429 or 503 answer's error, as the clients build it from the response.
UnexpectedResponseError refusal(int status, std::optional<std::chrono::seconds> retry_after) {
    return UnexpectedResponseError(
        "https://api.example.test/x answered HTTP " + std::to_string(status) + ".",
        "https://api.example.test/x", status, retry_after);
}

/// Runs `with_retries` over an attempt that throws `errors[i]` on try i and then returns
/// 42; counts the tries and times the call.
struct Run {
    int tries = 0;
    double seconds = 0;
    std::exception_ptr error;
};

template <class E>
Run run_with_retries(const core::RetryPolicy& policy, std::vector<E> errors) {
    Run run;
    const auto start = std::chrono::steady_clock::now();
    try {
        const int result =
            core::with_retries(policy, core::logger_or_silent(nullptr), "test call", [&] {
                ++run.tries;
                if (run.tries <= static_cast<int>(errors.size())) throw errors[run.tries - 1];
                return 42;
            });
        CHECK(result == 42);
    } catch (...) {
        run.error = std::current_exception();
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

std::string message_of(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("retry delay: the server's Retry-After replaces the backoff, up to the cap") {
    const core::RetryPolicy policy{3, 10'000ms, 10'000ms};  // backoff up to 10 s
    auto delay_after = [&](const auto& error) {
        try {
            throw error;
        } catch (...) {
            return core::retry_delay_for_current_exception(policy, 1);
        }
    };
    CHECK(delay_after(refusal(429, 0s)) == 0ms);
    CHECK(delay_after(refusal(503, 7s)) == 7'000ms);
    CHECK(delay_after(refusal(429, 30s)) == 30'000ms);  // at the cap: still honoured
    CHECK(delay_after(refusal(503, std::nullopt)) <= 10'000ms);
    CHECK(delay_after(ConnectionError("reset")) <= 10'000ms);

    try {
        (void)delay_after(refusal(429, 31s));
        FAIL("a wait above max_retry_after must be rethrown");
    } catch (const UnexpectedResponseError& error) {
        CHECK_THAT(error.what(), Catch::StartsWith("https://api.example.test/x answered HTTP 429. "
                                                   "The server asked to wait 31 s"));
        CHECK_THAT(error.what(), Catch::Contains("RetryPolicy.max_retry_after (30 s)") &&
                                     Catch::Contains("raise max_retry_after"));
        CHECK(error.endpoint() == "https://api.example.test/x");
        CHECK(error.http_status() == 429);
        CHECK(error.retry_after() == 31s);
    }
}

TEST_CASE("with_retries waits as long as Retry-After asks, then tries again") {
    const core::RetryPolicy policy{3, 0ms, 0ms};  // no backoff of its own
    const Run run = run_with_retries(policy, std::vector{refusal(503, 1s)});
    CHECK_FALSE(run.error);
    CHECK(run.tries == 2);
    CHECK(run.seconds >= 1.0);
    CHECK(run.seconds < 2.5);
}

TEST_CASE("with_retries retries 429 without Retry-After on its own backoff") {
    const core::RetryPolicy policy{3, 1ms, 1ms};
    const Run run = run_with_retries(
        policy, std::vector{refusal(429, std::nullopt), refusal(429, std::nullopt)});
    CHECK_FALSE(run.error);
    CHECK(run.tries == 3);
    CHECK(run.seconds < 1.0);
}

TEST_CASE("with_retries fails at once when Retry-After is above max_retry_after") {
    core::RetryPolicy policy{5, 1ms, 1ms};
    policy.max_retry_after = 2s;
    const Run run = run_with_retries(policy, std::vector{refusal(429, 3600s)});
    REQUIRE(run.error);
    CHECK(run.tries == 1);
    CHECK(run.seconds < 1.0);
    CHECK_THAT(message_of(run.error),
               Catch::Contains("asked to wait 3600 s") && Catch::Contains("max_retry_after (2 s)"));
    CHECK_THROWS_AS(std::rethrow_exception(run.error), UnexpectedResponseError);
}

TEST_CASE("with_retries leaves non-transient errors and the last try's error untouched") {
    const core::RetryPolicy policy{3, 1ms, 1ms};
    SECTION("a 404 is thrown as it came, whatever it carries") {
        const Run run = run_with_retries(policy, std::vector{refusal(404, 3600s)});
        CHECK(run.tries == 1);
        CHECK(message_of(run.error) == "https://api.example.test/x answered HTTP 404.");
    }
    SECTION("a server error is never retried") {
        const Run run = run_with_retries(policy, std::vector{ServerError("refused")});
        CHECK(run.tries == 1);
        CHECK_THROWS_AS(std::rethrow_exception(run.error), ServerError);
    }
    SECTION("after the last try, even a long Retry-After is thrown as it came") {
        const Run run = run_with_retries(
            policy, std::vector{refusal(503, 0s), refusal(503, 0s), refusal(503, 3600s)});
        CHECK(run.tries == 3);
        CHECK(message_of(run.error) == "https://api.example.test/x answered HTTP 503.");
    }
}
