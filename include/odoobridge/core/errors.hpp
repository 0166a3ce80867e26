#pragma once
/// \file
/// The one exception hierarchy of odoobridge (DESIGN rule 5):
///
///     Error
///     ├── ConfigurationError          bad options, detected before any request
///     ├── CancelledError              the caller's TransportOptions::cancel hook stopped it
///     ├── TransportError              no complete HTTP answer
///     │   ├── ConnectionError         refused, DNS, reset, redirect to another host
///     │   ├── TimeoutError            connect or total timeout
///     │   ├── TlsError                certificate or handshake failure
///     │   └── ResponseTooLargeError   body above the configured cap
///     ├── ProtocolError               an HTTP answer that is not what the protocol expects
///     │   ├── UnexpectedResponseError wrong status/content type (HTML error page, 502, 429 ...)
///     │   ├── MalformedResponseError  truncated or invalid JSON/XML
///     │   └── DecodeError             a value that does not fit the typed record's field
///                                     (core/codec/decode_error.hpp)
///     └── ServerError                 the service understood and refused (vendor subclasses)
///
/// Messages say what went wrong, where (endpoint without credentials) and how to fix it.
/// They never contain passwords, API keys, tokens or session ids.
/// All classes are immutable after construction and safe to share between threads.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace odoobridge {

/// Root of every exception odoobridge throws.
class Error : public std::runtime_error {
public:
    /// `endpoint` is where the failure happened (scheme://host[:port]/path, never a query
    /// string or credentials); may be empty.
    Error(const std::string& message, std::string endpoint = {})
        : std::runtime_error(message), endpoint_(std::move(endpoint)) {}

    /// scheme://host[:port]/path of the failed request, or "" when not network related.
    [[nodiscard]] const std::string& endpoint() const noexcept { return endpoint_; }

private:
    std::string endpoint_;
};

/// Options that cannot work (missing URL, bad protocol name, timeouts <= 0 ...).
class ConfigurationError : public Error {
public:
    using Error::Error;
};

/// The request was stopped because `TransportOptions::cancel` returned true (the Python
/// binding's Ctrl-C). Not a transport failure: never retried.
class CancelledError : public Error {
public:
    using Error::Error;
};

/// No complete HTTP response was received.
class TransportError : public Error {
public:
    using Error::Error;
};
/// Connection refused or reset, host not found, or a redirect the transport refused.
class ConnectionError : public TransportError {
public:
    using TransportError::TransportError;
};
/// The connect timeout or the total timeout expired.
class TimeoutError : public TransportError {
public:
    using TransportError::TransportError;
};
/// The TLS handshake or certificate verification failed.
class TlsError : public TransportError {
public:
    using TransportError::TransportError;
};
/// The response body exceeded `TransportOptions::max_response_bytes`.
class ResponseTooLargeError : public TransportError {
public:
    using TransportError::TransportError;
};

/// An HTTP response arrived but it is not a valid answer of the expected protocol.
class ProtocolError : public Error {
public:
    ProtocolError(const std::string& message, std::string endpoint = {}, int http_status = 0)
        : Error(message, std::move(endpoint)), http_status_(http_status) {}
    /// The HTTP status of the offending response (0 when unknown).
    [[nodiscard]] int http_status() const noexcept { return http_status_; }

private:
    int http_status_;
};
/// Wrong HTTP status or content type for the protocol: an HTML error page, a proxy's 502,
/// a rate limiter's 429.
class UnexpectedResponseError : public ProtocolError {
public:
    /// `retry_after`: the wait the server asked for with `Retry-After` on a 429 or 503
    /// answer (`core::Response::retry_after()`), or none.
    UnexpectedResponseError(const std::string& message, std::string endpoint = {},
                            int http_status = 0,
                            std::optional<std::chrono::seconds> retry_after = std::nullopt)
        : ProtocolError(message, std::move(endpoint), http_status), retry_after_(retry_after) {}

    /// How long the server asked to wait before the request is sent again (its
    /// `Retry-After` header on a 429 or 503 answer); nullopt when it did not say.
    /// `core::with_retries` waits this long instead of its backoff delay.
    [[nodiscard]] std::optional<std::chrono::seconds> retry_after() const noexcept {
        return retry_after_;
    }

private:
    std::optional<std::chrono::seconds> retry_after_;
};
/// The body is not well-formed for the protocol (invalid or truncated JSON or XML).
class MalformedResponseError : public ProtocolError {
public:
    using ProtocolError::ProtocolError;
};

/// The remote service understood the request and answered with an error.
/// Vendor modules derive their own classes (e.g. `odoo::AccessError`).
class ServerError : public Error {
public:
    using Error::Error;
};

}  // namespace odoobridge
