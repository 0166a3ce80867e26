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
        return status == 502 || status == 503 || status == 504;
    } catch (...) {
        return false;
    }
}

}  // namespace odoobridge::core
