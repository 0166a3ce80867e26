#pragma once
/// \file
/// Batch calls: many REST calls in one HTTP request (`batch`, at most 50 commands each;
/// `Client::batch` chunks longer lists). A command's parameters may reference the result
/// of an earlier command with `"$result[key][FIELD]"` strings; the portal substitutes them
/// within one chunk, the client across chunks. Every command's own error reaches the
/// caller as its typed exception.

#include <cstdint>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/core/outcome.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::bitrix24 {

/// One command of a batch.
struct BatchCommand {
    std::string key;     ///< unique name: letters, digits and '_' (used by `$result[key]`)
    std::string method;  ///< REST method, e.g. "tasks.task.add"
    json params = json::object();  ///< the method's parameters (sent PHP-query encoded)
};

/// Settings of one `Client::batch` call.
struct BatchOptions {
    /// Stop at the first failing command (`halt=1`); the commands after it are not run
    /// and report `SkippedCommandError`.
    bool halt = false;
    /// The caller vouches that running the batch twice is harmless, so transient failures
    /// are retried even when some commands write. Batches of reads are always retried.
    bool idempotent = false;
};

/// A command that was not run: an earlier command failed and `halt` was set, or it
/// referenced the result of a command that failed in an earlier chunk.
class SkippedCommandError : public Error {
public:
    using Error::Error;
};

/// What one command returned.
struct BatchEntry {
    std::string key;
    std::string method;
    core::Outcome<json> outcome;        ///< the command's result, or its typed error
    std::optional<std::int64_t> total;  ///< `result_total[key]` when sent
    std::optional<std::int64_t> next;   ///< `result_next[key]` when sent
};

/// The outcomes of a batch, in command order. Immutable once returned; safe to read from
/// several threads.
class BatchResult {
public:
    BatchResult() = default;
    BatchResult(std::vector<BatchEntry> entries, int requests)
        : entries_(std::move(entries)), requests_(requests) {}

    /// All entries, in the order the commands were given.
    [[nodiscard]] const std::vector<BatchEntry>& entries() const noexcept { return entries_; }
    /// The entry of command `key`. \throws ConfigurationError for an unknown key.
    [[nodiscard]] const BatchEntry& entry(std::string_view key) const;
    /// The result of command `key`. \throws its typed error (e.g. `InvalidRequestError`,
    /// `SkippedCommandError`) when it failed; ConfigurationError for an unknown key.
    [[nodiscard]] const json& value(std::string_view key) const;
    /// True when command `key` succeeded.
    [[nodiscard]] bool ok(std::string_view key) const { return entry(key).outcome.ok(); }
    /// Keys of the commands that failed or were skipped, in command order.
    [[nodiscard]] std::vector<std::string> failed_keys() const;
    /// Rethrows the error of the first failed command; does nothing when all succeeded.
    void rethrow_first_error() const;
    /// HTTP requests the batch took (one per chunk of at most 50 commands).
    [[nodiscard]] int requests() const noexcept { return requests_; }

private:
    std::vector<BatchEntry> entries_;
    int requests_ = 0;
};

}  // namespace odoobridge::bitrix24
