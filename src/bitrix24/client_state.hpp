#pragma once
/// \file
/// The shared state behind `bitrix24::Client` and its copies, and the one path every HTTP
/// exchange with the portal takes: operating-time wait, throttle, authentication, send,
/// decode, and the retries of `ClientOptions::retry`.

#include <atomic>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/throttle.hpp>
#include <string>
#include <vector>

#include "auth.hpp"
#include "operating.hpp"

namespace odoobridge::bitrix24 {

namespace detail {

/// One REST call to send.
struct Exchange {
    std::string method;  ///< "user.get", or "batch"
    json params;         ///< the JSON body without `auth`
    bool idempotent = false;
    /// Methods whose operating budget must have room before sending (a batch's commands).
    std::vector<std::string> budget_methods;
};

}  // namespace detail

struct Client::State {
    State(ClientOptions options, core::LoggerPtr logger,
          std::shared_ptr<core::Transport> transport);

    /// Sends `exchange` under the limits and returns its answer.
    /// \throws as `Client::call`.
    [[nodiscard]] Answer execute(const detail::Exchange& exchange);

    ClientOptions options;
    core::LoggerPtr logger;
    std::shared_ptr<core::Transport> transport;
    std::atomic<std::int64_t> requests{0};
    LeakyBucket bucket;
    detail::OperatingTracker operating;
    detail::Authenticator auth;

private:
    void wait_for_budget(const detail::Exchange& exchange);
    void back_off(const detail::Exchange& exchange, int attempt, std::string_view why,
                  LeakyBucket::Clock::duration delay);
};

}  // namespace odoobridge::bitrix24
