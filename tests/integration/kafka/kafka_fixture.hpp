#pragma once
// Helpers of the Kafka tests: incoming message JSON, and a watchdog that stops a consumer
// whose test went wrong, so that no test can hang.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <odoobridge/rosdomofon/consumer.hpp>
#include <string>
#include <thread>

namespace odoobridge::test {

inline constexpr const char* kCompany = "Test_Company";

/// An incoming message as RosDomofon sends it: `message` null, text in localizedPush.
inline std::string incoming_json(std::int64_t abonent, const std::string& text) {
    return json{
        {"fromAbonent",
         {{"id", abonent},
          {"phone", 79308300000 + abonent % 100000},
          {"companyId", 1292},
          {"restrictionPushTokenIds", json::array()}}},
        {"channel", "support"},
        {"message", nullptr},
        {"deliveryMethod", nullptr},
        {"toAbonents", nullptr},
        {"broadcast", false},
        {"waitResponse", true},
        {"localizedPush", {{"message", text}, {"messageKey", nullptr}, {"messageArgs", nullptr}}}}
        .dump();
}

/// Calls `consumer.stop()` after `limit` unless destroyed first.
class Watchdog {
public:
    Watchdog(rosdomofon::Consumer& consumer, std::chrono::milliseconds limit)
        : thread_([this, &consumer, limit] {
              std::unique_lock lock(mutex_);
              if (!done_cv_.wait_for(lock, limit, [this] { return done_; })) {
                  fired_ = true;
                  consumer.stop();
              }
          }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        done_cv_.notify_all();
        thread_.join();
    }
    /// True when the limit passed and the watchdog stopped the consumer.
    [[nodiscard]] bool fired() {
        std::lock_guard lock(mutex_);
        return fired_;
    }

private:
    std::mutex mutex_;
    std::condition_variable done_cv_;
    bool done_ = false;
    bool fired_ = false;
    std::thread thread_;
};

}  // namespace odoobridge::test
