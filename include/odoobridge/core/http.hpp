#pragma once
/// \file
/// The HTTP layer every network client is built on: plain request/response values and the
/// `Transport` interface. HTTP status is data here; the protocol layers decide what is an
/// error. Implementations: `CurlTransport` (core/curl_transport.hpp) and
/// `testing::FakeTransport` (testing/fake_transport.hpp).

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
};

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
};

}  // namespace odoobridge::core
