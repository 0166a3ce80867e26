#pragma once
/// \file
/// Retry model (DESIGN rule 6): only calls that are safe to repeat are retried, with
/// exponential backoff and full jitter, on failures that may be transient; a server's
/// `Retry-After` (on 429 or 503) replaces the backoff delay up to a cap.

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
    /// The longest wait a server may ask for with `Retry-After` on a 429 or 503 answer that
    /// is honoured: the next try then waits that long instead of the backoff delay. A
    /// longer wait is not slept: the error is thrown at once, its message naming the wait.
    /// At most `kMaxRetryAfterCap`.
    std::chrono::seconds max_retry_after{30};

    /// The largest `max_retry_after` accepted (one day).
    static constexpr std::chrono::seconds kMaxRetryAfterCap{86'400};

    /// \throws ConfigurationError when `max_attempts < 1`, a delay is negative, or
    ///         `max_retry_after` is negative or above `kMaxRetryAfterCap`.
    void validate() const;

    /// The jittered delay before retry number `retry` (1-based).
    [[nodiscard]] std::chrono::milliseconds delay_before(int retry) const;
};

/// True for errors that may pass if the same request is sent again: connection failures,
/// timeouts, and HTTP 429 (Too Many Requests) and 502/503/504 answers. Call from inside a
/// `catch` block.
[[nodiscard]] bool is_transient_current_exception() noexcept;

/// How long to wait before retry number `retry` (1-based) after the transient error being
/// handled: the wait the server asked for (`UnexpectedResponseError::retry_after`) when it
/// sent one, else `policy.delay_before(retry)`. Call from inside a `catch` block.
/// \throws the error being handled when the server asked to wait longer than
///         `policy.max_retry_after`: an UnexpectedResponseError whose message adds that the
///         server asked to wait N s and how to raise the cap (same endpoint, status and
///         retry_after).
[[nodiscard]] std::chrono::milliseconds retry_delay_for_current_exception(const RetryPolicy& policy,
                                                                          int retry);

/// Runs `attempt()` and returns its result; while it throws a transient error (see
/// `is_transient_current_exception`) and tries remain, logs a warning naming `what` (never a
/// secret), sleeps `retry_delay_for_current_exception` (the server's Retry-After, or the
/// policy's backoff) and tries again. Only for calls safe to repeat.
/// \throws whatever the last try threw; at once when the server asked to wait longer than
///         `policy.max_retry_after` (see `retry_delay_for_current_exception`).
/// Thread safety: as thread-safe as `attempt`; `logger` must not be null.
template <class Function>
auto with_retries(const RetryPolicy& policy, const LoggerPtr& logger, std::string_view what,
                  Function&& attempt) {
    for (int tries = 1;; ++tries) {
        try {
            return attempt();
        } catch (...) {
            if (tries >= policy.max_attempts || !is_transient_current_exception()) throw;
            const auto delay = retry_delay_for_current_exception(policy, tries);
            logger->warn("{} failed transiently (try {} of {}); retrying in {} ms", what, tries,
                         policy.max_attempts, delay.count());
            std::this_thread::sleep_for(delay);
        }
    }
}

}  // namespace odoobridge::core
