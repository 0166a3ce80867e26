#pragma once
/// \file
/// Per-method operating time, as the portal reports it in `time.operating` and
/// `time.operating_reset_at`: a method that used up its budget is not called again until
/// the reset time, so the client waits instead of failing with OPERATION_TIME_LIMIT.

#include <chrono>
#include <map>
#include <mutex>
#include <odoobridge/core/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::bitrix24::detail {

/// Thread-safe record of each method's last reported operating time.
class OperatingTracker {
public:
    using Clock = std::chrono::steady_clock;

    explicit OperatingTracker(std::chrono::milliseconds budget) : budget_(budget) {}

    /// How long to wait before calling `method` at `now`: until its reset time when its
    /// operating time plus one more call like the last reaches the budget, else zero.
    [[nodiscard]] Clock::duration wait_before(std::string_view method, Clock::time_point now);
    /// Records the `time` object of an answer (or of a batch command) for `method`,
    /// received at `received`. Answers without operating data are ignored.
    void record(std::string_view method, const json& time, Clock::time_point received);
    /// The method was refused with OPERATION_TIME_LIMIT at `now`: the time until its known
    /// reset, if one is known and still ahead.
    [[nodiscard]] std::optional<Clock::duration> refused(std::string_view method,
                                                         Clock::time_point now);
    /// The last reported operating seconds of `method` (0 when unknown).
    [[nodiscard]] double operating_seconds(std::string_view method) const;

private:
    struct Entry {
        double operating = 0;  // seconds used in the window, as last reported
        double last_cost = 0;  // processing seconds of the last call
        Clock::time_point reset_at;
    };
    std::chrono::milliseconds budget_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace odoobridge::bitrix24::detail
