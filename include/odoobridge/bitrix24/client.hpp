#pragma once
/// \file
/// `bitrix24::Client`: REST calls to one Bitrix24 portal over an incoming webhook or an
/// OAuth application, kept under the portal's limits: a shared leaky-bucket throttle,
/// per-method operating-time tracking, retries with backoff and jitter, one shared token
/// refresh. See docs/bitrix24.md.

#include <cstdint>
#include <memory>
#include <odoobridge/bitrix24/batch.hpp>
#include <odoobridge/bitrix24/errors.hpp>
#include <odoobridge/bitrix24/options.hpp>
#include <odoobridge/core/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::bitrix24 {

/// Per-call settings.
struct CallOptions {
    /// The caller vouches that sending this call twice is harmless, so 5xx answers and
    /// network errors are retried. Reads (`*.get`, `*.list`, `*.fields`, `*.search` ...)
    /// are always retried.
    bool idempotent = false;
};

/// A method's whole answer.
struct Answer {
    json result;                        ///< the `result` member
    std::optional<std::int64_t> total;  ///< `total` (list methods, classic paging)
    std::optional<std::int64_t> next;   ///< `next`: the `start` of the next page
    json time = json::object();         ///< the `time` member as sent
};

/// A connection to one portal.
///
/// Thread safety: every method may be called from any number of threads at once. All
/// threads (and all copies of the client, which share its state) go through one throttle
/// and one operating-time tracker, and concurrent `expired_token` answers share one
/// refresh.
class Client {
public:
    /// Validates `options` and prepares the client; sends nothing.
    /// \throws ConfigurationError for bad options (the message never shows a secret).
    explicit Client(ClientOptions options);

    /// Calls `method` with `params` (a JSON object) and returns its `result`.
    /// \throws the typed `bitrix24::ServerError` of the portal's answer (after the
    ///         retries described in `ClientOptions::retry`), TransportError, ProtocolError.
    [[nodiscard]] json call(std::string_view method, json params = json::object(),
                            const CallOptions& options = {}) const;
    /// Like `call`, with `total`, `next` and `time` of the answer.
    [[nodiscard]] Answer call_answer(std::string_view method, json params = json::object(),
                                     const CallOptions& options = {}) const;

    /// Runs `commands` as batches of at most 50 (one HTTP request each, in order) and
    /// returns every command's outcome; a failing command does not throw here.
    /// \throws ConfigurationError for empty or duplicate keys or an empty method;
    ///         the typed error of a whole chunk's failure (e.g. BatchMethodNotAllowedError),
    ///         TransportError, ProtocolError.
    [[nodiscard]] BatchResult batch(const std::vector<BatchCommand>& commands,
                                    const BatchOptions& options = {}) const;

    /// The REST base URL with the webhook code masked ("https://p.bitrix24.kz/rest/1/<redacted>/").
    [[nodiscard]] std::string endpoint() const;
    /// The application's current tokens (empty for a webhook).
    [[nodiscard]] OAuthTokens tokens() const;
    /// HTTP requests this client (and its copies) sent to the portal so far, retries and
    /// token refreshes included.
    [[nodiscard]] std::int64_t requests_sent() const noexcept;

private:
    struct State;
    std::shared_ptr<State> state_;
};

/// True for methods that only read (`user.get`, `tasks.task.list`, `crm.item.fields` ...),
/// which the client retries after transient failures.
[[nodiscard]] bool is_read_method(std::string_view method) noexcept;

}  // namespace odoobridge::bitrix24
