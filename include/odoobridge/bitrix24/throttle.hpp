#pragma once
/// \file
/// `LeakyBucket`: the client-side twin of the portal's request bucket, so that the client
/// never overflows it. Each request adds one unit; the bucket drains `per_second` units a
/// second and holds at most `burst`. A caller that would overflow it waits instead.

#include <chrono>
#include <mutex>
#include <odoobridge/bitrix24/options.hpp>

namespace odoobridge::bitrix24 {

/// A leaky bucket shared by every thread that sends through it.
///
/// Reservations are first come, first served: each caller reserves its unit under a mutex
/// and learns how long to wait, so N threads blocked on a full bucket leave at the drain
/// rate, one after another. Thread-safe.
class LeakyBucket {
public:
    using Clock = std::chrono::steady_clock;

    /// \throws ConfigurationError when `limit.validate()` fails.
    explicit LeakyBucket(RateLimit limit);

    /// Reserves one unit at time `now` and returns how long the caller must wait before
    /// sending (zero while the bucket has room).
    [[nodiscard]] Clock::duration reserve(Clock::time_point now);
    /// Reserves one unit and sleeps until it may be sent.
    void acquire();
    /// Records that the portal reported its bucket full at `now` (a QUERY_LIMIT_EXCEEDED
    /// answer, e.g. because other clients share it): later reservations wait as if it were.
    void saturate(Clock::time_point now);
    /// Units in the bucket at `now` (0 … burst, more while callers wait for reserved units).
    [[nodiscard]] double level(Clock::time_point now) const;

    [[nodiscard]] const RateLimit& limit() const noexcept { return limit_; }

private:
    RateLimit limit_;
    Clock::duration interval_;  // time to drain one unit
    mutable std::mutex mutex_;
    Clock::time_point empty_at_;  // when the bucket will be empty if nothing else is added
};

}  // namespace odoobridge::bitrix24
