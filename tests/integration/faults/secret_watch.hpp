#pragma once
// Secret hygiene: a trace-level logger capturing every line, the messages of every error
// thrown, and the check that no known secret appears in either.

#include <spdlog/sinks/base_sink.h>

#include <catch2/catch.hpp>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <odoobridge/core/logging.hpp>
#include <string>
#include <vector>

namespace odoobridge::test {

/// An spdlog sink keeping every formatted line. Thread-safe (spdlog's base_sink locks).
class LineSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    [[nodiscard]] std::vector<std::string> lines() {
        std::lock_guard lock(mutex_);
        return lines_;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        lines_.emplace_back(formatted.data(), formatted.size());
    }
    void flush_() override {}

private:
    std::vector<std::string> lines_;
};

/// Collects log lines and error messages of one scenario and checks them for secrets.
class SecretWatch {
public:
    SecretWatch()
        : sink_(std::make_shared<LineSink>()),
          logger_(std::make_shared<spdlog::logger>("secrets", sink_)) {
        logger_->set_level(spdlog::level::trace);
        logger_->flush_on(spdlog::level::trace);
    }

    /// The logger to give every client (trace level, never registered globally).
    [[nodiscard]] const core::LoggerPtr& logger() const { return logger_; }

    /// Adds a value that must appear nowhere.
    void secret(const std::string& value) {
        if (!value.empty()) secrets_.push_back(value);
    }

    /// Runs `action`; keeps the message of what it throws. Returns true when it threw.
    bool run(const std::function<void()>& action) {
        try {
            action();
        } catch (const std::exception& error) {
            messages_.emplace_back(error.what());
            return true;
        }
        return false;
    }

    /// Runs `action`, which must throw; keeps its message.
    void expect_failure(const std::string& what, const std::function<void()>& action) {
        INFO(what);
        CHECK(run(action));
    }

    [[nodiscard]] std::size_t messages() const { return messages_.size(); }

    /// Fails the test for every secret found in a log line or an error message. Also
    /// requires that something was logged and something failed, so the check has material.
    void check() {
        const std::vector<std::string> lines = sink_->lines();
        CHECK(!lines.empty());
        CHECK(!messages_.empty());
        CHECK(!secrets_.empty());
        for (const auto& secret : secrets_) {
            for (const auto& line : lines) {
                INFO("secret '" << secret << "' in the log line: " << line);
                CHECK(line.find(secret) == std::string::npos);
            }
            for (const auto& message : messages_) {
                INFO("secret '" << secret << "' in the error message: " << message);
                CHECK(message.find(secret) == std::string::npos);
            }
        }
    }

private:
    std::shared_ptr<LineSink> sink_;
    core::LoggerPtr logger_;
    std::vector<std::string> secrets_;
    std::vector<std::string> messages_;
};

}  // namespace odoobridge::test
