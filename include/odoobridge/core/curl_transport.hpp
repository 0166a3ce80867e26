#pragma once
/// \file
/// The default transport: libcurl with keep-alive connection reuse, timeouts, TLS
/// verification, proxies, compression, a response size cap and same-host-only redirects.
/// No curl header is included here (pimpl).

#include <odoobridge/core/http.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/options.hpp>

#include <memory>

namespace odoobridge::core {

/// HTTP(S) over libcurl.
///
/// Thread safety: every method may be called from any number of threads at once. Each
/// call borrows an idle easy handle from a pool (or creates one, up to no fixed limit)
/// and returns it afterwards, so connections stay open and are reused by later calls;
/// a shared curl "share" object lets all handles reuse DNS and TLS session caches.
/// `send_all` and `send_each` drive up to `max_connections` requests at once through
/// curl's multi interface.
class CurlTransport final : public Transport {
public:
    /// \throws ConfigurationError when `options.validate()` fails.
    explicit CurlTransport(TransportOptions options = {}, LoggerPtr logger = nullptr);
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    /// \copydoc Transport::send
    Response send(const Request& request) override;
    /// Concurrent over up to `max_connections` connections (curl multi interface).
    std::vector<Outcome<Response>> send_all(std::span<const Request> requests) override;
    /// Concurrent as `send_all`; a connection whose answer is complete gets the next request
    /// before that answer goes to `on_outcome` (on the calling thread).
    void send_each(std::span<const Request> requests, const OutcomeHandler& on_outcome) override;

    /// The options in force.
    [[nodiscard]] const TransportOptions& options() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A shared `CurlTransport` with `options`; what clients use when given no transport.
[[nodiscard]] std::shared_ptr<Transport> make_default_transport(TransportOptions options = {},
                                                                LoggerPtr logger = nullptr);

}  // namespace odoobridge::core
