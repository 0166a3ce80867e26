#include <algorithm>
#include <odoobridge/bitrix24/throttle.hpp>
#include <thread>

namespace odoobridge::bitrix24 {

LeakyBucket::LeakyBucket(RateLimit limit) : limit_(limit) {
    limit_.validate();
    interval_ = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / limit_.per_second));
    if (interval_ <= Clock::duration::zero()) interval_ = Clock::duration{1};
}

LeakyBucket::Clock::duration LeakyBucket::reserve(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    // Adding a unit moves the empty time one interval later. The unit may be sent once the
    // bucket holds at most `burst` units including it: at empty_at - burst * interval.
    empty_at_ = std::max(empty_at_, now) + interval_;
    const Clock::time_point send_at = empty_at_ - limit_.burst * interval_;
    return send_at > now ? send_at - now : Clock::duration::zero();
}

void LeakyBucket::acquire() {
    const auto wait = reserve(Clock::now());
    if (wait > Clock::duration::zero()) std::this_thread::sleep_for(wait);
}

void LeakyBucket::saturate(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    empty_at_ = std::max(empty_at_, now + limit_.burst * interval_);
}

double LeakyBucket::level(Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    if (empty_at_ <= now) return 0.0;
    return std::chrono::duration<double>(empty_at_ - now) /
           std::chrono::duration<double>(interval_);
}

}  // namespace odoobridge::bitrix24
