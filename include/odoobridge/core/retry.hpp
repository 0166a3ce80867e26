#pragma once
/// \file
/// Retry model (DESIGN rule 6): only calls that are safe to repeat are retried, with
/// exponential backoff and full jitter, on failures that may be transient.

#include <chrono>
#include <odoobridge/core/logging.hpp>
#include <string_view>
#include <thread>

namespace odoobridge::core {

/// How often and how patiently to retry a call that is safe to repeat. Value type.
struct RetryPolicy {
    /// Total tries including the first; 1 disables retries.
    int max_attempts = 3;
    /// Delay before the first retry; doubled each time, capped by `max_delay`, then a
    /// random fraction of it is used (full jitter).
    std::chrono::milliseconds initial_delay{200};
    std::chrono::milliseconds max_delay{5'000};

    /// \throws ConfigurationError when `max_attempts < 1` or a delay is negative.
    void validate() const;

    /// The jittered delay before retry number `retry` (1-based).
    [[nodiscard]] std::chrono::milliseconds delay_before(int retry) const;
};

/// True for errors that may pass if the same request is sent again: connection failures,
/// timeouts, and HTTP 502/503/504 answers from a proxy. Call from inside a `catch` block.
[[nodiscard]] bool is_transient_current_exception() noexcept;

/// Runs `attempt()` and returns its result; while it throws a transient error (see
/// `is_transient_current_exception`) and tries remain, logs a warning naming `what` (never a
/// secret), sleeps `policy.delay_before(n)` and tries again. Only for calls safe to repeat.
/// \throws whatever the last try threw.
/// Thread safety: as thread-safe as `attempt`; `logger` must not be null.
template <class Function>
auto with_retries(const RetryPolicy& policy, const LoggerPtr& logger, std::string_view what,
                  Function&& attempt) {
    for (int tries = 1;; ++tries) {
        try {
            return attempt();
        } catch (...) {
            if (tries >= policy.max_attempts || !is_transient_current_exception()) throw;
            const auto delay = policy.delay_before(tries);
            logger->warn("{} failed transiently (try {} of {}); retrying in {} ms", what, tries,
                         policy.max_attempts, delay.count());
            std::this_thread::sleep_for(delay);
        }
    }
}

}  // namespace odoobridge::core
