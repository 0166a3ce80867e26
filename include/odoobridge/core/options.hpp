#pragma once
/// \file
/// Options of the HTTP transport. Plain struct with defaults; `validate()` throws on values
/// that cannot work, and every transport calls it at construction.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace odoobridge::core {

/// Settings of `CurlTransport`. Copyable value type.
struct TransportOptions {
    /// Time allowed to establish a TCP (and TLS) connection.
    std::chrono::milliseconds connect_timeout{10'000};
    /// Time allowed for a whole request, from connect to the last body byte.
    std::chrono::milliseconds total_timeout{120'000};
    /// Verify the server's TLS certificate and host name. Turn off only for tests.
    bool verify_tls = true;
    /// PEM bundle file of trusted CAs; empty = the system default.
    std::string ca_file;
    /// Directory of hashed CA certificates; empty = the system default.
    std::string ca_path;
    /// Proxy URL (`http://user:pass@host:port`, `socks5://...`). Empty = the usual
    /// environment variables (`http_proxy`, `https_proxy`, `no_proxy`) are honoured; when
    /// none of them names a proxy as the transport is created, it connects directly.
    std::string proxy;
    /// Responses with a (decompressed) body larger than this fail with
    /// `ResponseTooLargeError`. Default 256 MiB.
    std::size_t max_response_bytes = std::size_t{256} << 20;
    /// Ask for gzip/deflate and decompress transparently.
    bool compression = true;
    /// Follow redirects (at most 5), but only to the same scheme, host and port.
    bool follow_same_host_redirects = true;
    /// Connections kept open per host for reuse, and the concurrency of `send_all`.
    int max_connections = 8;
    /// User-Agent header; empty = "odoobridge/<version> libcurl/<version>".
    std::string user_agent;
    /// Asked while a request runs (about once a second while waiting, more often while
    /// data flows, from the thread running the transfer): returning true stops it with
    /// `CancelledError`. Empty = never cancelled. Must be thread-safe and must not throw.
    /// The Python binding uses it to make Ctrl-C interrupt a call.
    std::function<bool()> cancel;

    /// \throws ConfigurationError naming the field and the accepted range.
    void validate() const;
};

}  // namespace odoobridge::core
