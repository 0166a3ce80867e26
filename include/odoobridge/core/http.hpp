#pragma once
/// \file
/// The HTTP layer every network client is built on: plain request/response values and the
/// `Transport` interface. HTTP status is data here; the protocol layers decide what is an
/// error. Implementations: `CurlTransport` (core/curl_transport.hpp) and
/// `testing::FakeTransport` (testing/fake_transport.hpp).

#include <chrono>
#include <cstddef>
#include <functional>
#include <odoobridge/core/outcome.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::core {

/// Header list in wire order; names compare case-insensitively through `find_header`.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// Case-insensitive lookup of the first header called `name`; empty when absent.
[[nodiscard]] std::optional<std::string_view> find_header(const Headers& headers,
                                                          std::string_view name) noexcept;

/// One HTTP request. `url` is absolute (`https://host[:port]/path?query`).
struct Request {
    std::string method = "POST";
    std::string url;
    Headers headers;
    std::string body;
    /// Headers whose values are secrets (e.g. `Authorization`, `Cookie`): never logged.
    /// The transport redacts these names in every log line whatever this says; it is
    /// here for vendor-specific secret headers.
    std::vector<std::string> secret_headers;
};

/// One HTTP response as received (body already decompressed).
struct Response {
    int status = 0;
    Headers headers;
    std::string body;

    /// Case-insensitive header lookup.
    [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept {
        return find_header(headers, name);
    }
    /// The media type of `Content-Type` without parameters, lower-cased ("" when absent).
    [[nodiscard]] std::string media_type() const;
    /// The wait a 429 (Too Many Requests) or 503 (Service Unavailable) answer asks for in
    /// its `Retry-After` header (see `parse_retry_after`); nullopt for any other status, or
    /// when the header is absent or invalid.
    [[nodiscard]] std::optional<std::chrono::seconds> retry_after() const noexcept;
};

/// The longest wait `parse_retry_after` returns (2^31 s, as HTTP caches treat huge
/// delta-seconds): larger values are cut to it rather than overflowing.
inline constexpr std::chrono::seconds kLongestRetryAfter{2'147'483'648LL};

/// The wait a `Retry-After` header value asks for (RFC 9110, 10.2.3): delta-seconds
/// ("120", cut to `kLongestRetryAfter`), or an HTTP-date in any of the three formats HTTP
/// allows ("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
/// "Sun Nov  6 08:49:37 1994"), counted from `now` and rounded up to whole seconds (a date
/// already past is 0 s). Surrounding spaces are ignored. nullopt for anything else: empty,
/// negative or fractional numbers, dates that do not exist, other text. Never throws.
[[nodiscard]] std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) noexcept;

/// Sends HTTP requests. Implementations must be safe to call from several threads at
/// once (each documents how it achieves that).
class Transport {
public:
    virtual ~Transport() = default;

    /// Sends `request` and waits for the whole response.
    /// \throws core::TransportError (or a subclass) when no complete HTTP response arrived:
    ///         connection refused, DNS failure, TLS failure, timeout, reset, oversize body.
    virtual Response send(const Request& request) = 0;

    /// Sends independent requests concurrently where the implementation can (the default
    /// sends them one after another) and returns one outcome per request, in order. One
    /// failure does not affect the others. Never throws for a single request's failure.
    virtual std::vector<Outcome<Response>> send_all(std::span<const Request> requests);

    /// Receives the outcome of request `index` of a `send_each` batch.
    using OutcomeHandler = std::function<void(std::size_t index, Outcome<Response> outcome)>;

    /// Like `send_all`, but hands each outcome to `on_outcome` as soon as its request is
    /// complete instead of after the whole batch, so that the caller can work on one answer
    /// (decode it) while the others are still on the way. `on_outcome` is called exactly
    /// once per request, in completion order, on the thread that called `send_each`, never
    /// concurrently with itself. An exception thrown by `on_outcome` ends the batch: the
    /// requests still running are abandoned, those not started are not sent, and the
    /// exception propagates.
    /// The default calls `send_all` (so a transport that only overrides `send_all` keeps
    /// its concurrency) and then delivers the outcomes in request order.
    virtual void send_each(std::span<const Request> requests, const OutcomeHandler& on_outcome) {
        std::vector<Outcome<Response>> outcomes = send_all(requests);
        for (std::size_t i = 0; i < outcomes.size(); ++i) on_outcome(i, std::move(outcomes[i]));
    }
};

}  // namespace odoobridge::core
