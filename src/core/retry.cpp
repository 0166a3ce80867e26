#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/retry.hpp>

#include <algorithm>
#include <random>

namespace odoobridge::core {

void RetryPolicy::validate() const {
    if (max_attempts < 1)
        throw ConfigurationError("RetryPolicy.max_attempts must be at least 1 (1 = no retries), got " +
                                 std::to_string(max_attempts));
    if (initial_delay.count() < 0 || max_delay.count() < 0)
        throw ConfigurationError("RetryPolicy delays must not be negative");
    if (max_retry_after.count() < 0 || max_retry_after > kMaxRetryAfterCap)
        throw ConfigurationError(
            "RetryPolicy.max_retry_after must be between 0 s (never wait for a server's "
            "Retry-After) and " +
            std::to_string(kMaxRetryAfterCap.count()) + " s, got " +
            std::to_string(max_retry_after.count()) + " s");
}

std::chrono::milliseconds RetryPolicy::delay_before(int retry) const {
    const int doublings = std::clamp(retry - 1, 0, 30);
    const auto ceiling = std::min<long long>(max_delay.count(),
                                             initial_delay.count() * (1LL << std::min(doublings, 20)));
    if (ceiling <= 0) return std::chrono::milliseconds{0};
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::uniform_int_distribution<long long> jitter(0, ceiling);
    return std::chrono::milliseconds{jitter(generator)};
}

bool is_transient_current_exception() noexcept {
    try {
        throw;
    } catch (const ResponseTooLargeError&) {
        return false;
    } catch (const TlsError&) {
        return false;
    } catch (const TransportError&) {
        return true;  // refused, reset, DNS, timeout
    } catch (const UnexpectedResponseError& error) {
        const int status = error.http_status();
        return status == 429 || status == 502 || status == 503 || status == 504;
    } catch (...) {
        return false;
    }
}

std::chrono::milliseconds retry_delay_for_current_exception(const RetryPolicy& policy, int retry) {
    try {
        throw;
    } catch (const UnexpectedResponseError& error) {
        const auto asked = error.retry_after();
        if (!asked) return policy.delay_before(retry);
        if (*asked <= policy.max_retry_after) return *asked;
        std::string message = error.what();
        if (!message.ends_with('.')) message += '.';
        throw UnexpectedResponseError(
            message + " The server asked to wait " + std::to_string(asked->count()) +
                " s before trying again (Retry-After), more than "
                "RetryPolicy.max_retry_after (" +
                std::to_string(policy.max_retry_after.count()) +
                " s), so the call was not retried: try again later, or raise max_retry_after in "
                "the client options' retry policy to wait that long.",
            error.endpoint(), error.http_status(), asked);
    } catch (...) {
        return policy.delay_before(retry);
    }
}

}  // namespace odoobridge::core
