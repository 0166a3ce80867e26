#include "operating.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace odoobridge::bitrix24::detail {

namespace {

/// The portal's window is 10 minutes; a reset further away than that is a clock problem.
constexpr std::chrono::seconds max_wait{600};
/// Slack after the reset instant, so that the portal has certainly moved its window.
constexpr std::chrono::milliseconds reset_slack{20};

/// The number at `key` (a JSON number or a numeric string), else nothing. "nan" is nothing
/// too: it would make the reset instant undefined (converting NaN to a duration is undefined
/// behaviour), while an infinite reset is clamped to `max_wait` like any far one.
std::optional<double> number(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    double value = 0;
    if (it->is_number()) {
        value = it->get<double>();
    } else if (it->is_string()) {
        try {
            value = std::stod(it->get<std::string>());
        } catch (const std::exception&) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (std::isnan(value)) return std::nullopt;
    return value;
}

}  // namespace

OperatingTracker::Clock::duration OperatingTracker::wait_before(std::string_view method,
                                                                Clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(method);
    if (it == entries_.end()) return Clock::duration::zero();
    const Entry& entry = it->second;
    if (entry.reset_at <= now) {
        entries_.erase(it);  // the window moved on; the next answer tells the new total
        return Clock::duration::zero();
    }
    const double budget = std::chrono::duration<double>(budget_).count();
    if (entry.operating + entry.last_cost < budget) return Clock::duration::zero();
    return entry.reset_at - now;
}

void OperatingTracker::record(std::string_view method, const json& time,
                              Clock::time_point received) {
    if (!time.is_object()) return;
    const auto operating = number(time, "operating");
    const auto reset_at = number(time, "operating_reset_at");
    if (!operating || !reset_at) return;
    // Convert the portal's Unix reset time into our steady clock through the answer's own
    // `finish` time, so that a skewed local clock does not matter.
    const auto finish = number(time, "finish");
    const double portal_now =
        finish ? *finish
               : std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                     .count();
    const double ahead = std::clamp(*reset_at - portal_now, 0.0, double(max_wait.count()));
    Entry entry;
    entry.operating = *operating;
    entry.last_cost = number(time, "processing").value_or(0.0);
    entry.reset_at =
        received +
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(ahead)) +
        reset_slack;
    std::lock_guard lock(mutex_);
    entries_.insert_or_assign(std::string(method), entry);
}

std::optional<OperatingTracker::Clock::duration> OperatingTracker::refused(std::string_view method,
                                                                           Clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(method);
    if (it == entries_.end() || it->second.reset_at <= now) return std::nullopt;
    it->second.operating =
        std::max(it->second.operating, std::chrono::duration<double>(budget_).count());
    return it->second.reset_at - now;
}

double OperatingTracker::operating_seconds(std::string_view method) const {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(method);
    return it == entries_.end() ? 0.0 : it->second.operating;
}

}  // namespace odoobridge::bitrix24::detail
