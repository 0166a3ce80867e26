#pragma once
/// \file
/// `FakeTransport`: an in-memory `core::Transport` for unit tests, installed so users can
/// test their own code that takes a transport. Answers come from handlers registered by
/// the test; every request is recorded.

#include <deque>
#include <functional>
#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/http.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace odoobridge::testing {

/// A transport that answers from test-provided handlers.
///
/// `send` takes the oldest queued one-shot answer or error first (one FIFO for both),
/// then offers the request to the standing handlers in registration order; the first that returns a
/// response wins. A request nobody answers throws `ConnectionError` ("no fake answer for ..."), so
/// an unexpected request fails the test loudly.
///
/// Thread safety: all methods are safe to call concurrently (one internal mutex).
class FakeTransport final : public core::Transport {
public:
    using Handler = std::function<std::optional<core::Response>(const core::Request&)>;

    /// Answers the next unanswered request with `response`, once.
    void push(core::Response response) {
        std::lock_guard lock(mutex_);
        queued_.emplace_back(std::move(response));
    }
    /// Makes the next request fail with `error` (e.g.
    /// `std::make_exception_ptr(TimeoutError(...))`).
    void push_error(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        queued_.emplace_back(std::move(error));
    }
    /// Adds a standing handler consulted for every request no queued answer took.
    void on(Handler handler) {
        std::lock_guard lock(mutex_);
        handlers_.push_back(std::move(handler));
    }
    /// Every request sent so far, in order.
    [[nodiscard]] std::vector<core::Request> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    /// Number of requests sent so far.
    [[nodiscard]] std::size_t request_count() const {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }

    core::Response send(const core::Request& request) override {
        std::vector<Handler> handlers;
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
            if (!queued_.empty()) {
                auto answer = std::move(queued_.front());
                queued_.pop_front();
                return std::move(answer).value();  // rethrows a queued error
            }
            handlers = handlers_;
        }
        for (const auto& handler : handlers)
            if (auto response = handler(request)) return *response;
        throw ConnectionError("FakeTransport: no fake answer for " + request.method + " " +
                              request.url);
    }

private:
    mutable std::mutex mutex_;
    std::deque<core::Outcome<core::Response>> queued_;
    std::vector<Handler> handlers_;
    std::vector<core::Request> requests_;
};

}  // namespace odoobridge::testing
