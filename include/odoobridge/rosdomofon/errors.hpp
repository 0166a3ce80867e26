#pragma once
/// \file
/// RosDomofon errors, in the one hierarchy of core/errors.hpp:
///
///     odoobridge::ServerError
///     └── rosdomofon::ServerError        any other refusal (HTTP 5xx with a JSON body ...)
///         ├── AuthenticationError        token refused, or 401 after one re-authentication
///         ├── AccessError                HTTP 403
///         ├── NotFoundError              HTTP 404 (unknown account, service, abonent ...)
///         └── ValidationError            HTTP 400, 409, 422 (bad or conflicting values)
///     odoobridge::ConfigurationError
///     └── rosdomofon::PhoneNumberError   a phone number that cannot be normalized
///     odoobridge::TransportError
///     └── rosdomofon::KafkaError         librdkafka refused a setting or failed fatally
///     odoobridge::Error
///     └── rosdomofon::HandlerFailedError the message handler kept failing; not committed
///
/// Messages name the operation, method, endpoint (no query string) and the server's own
/// message; they never contain the password, the bearer token or the SASL password.
/// Immutable; safe to share between threads.

#include <cstdint>
#include <exception>
#include <odoobridge/core/errors.hpp>
#include <string>

namespace odoobridge::rosdomofon {

/// What the RosDomofon server said, and about which request.
struct ErrorDetails {
    std::string operation;       ///< client operation, e.g. "create_account"
    std::string method;          ///< HTTP method, e.g. "POST"
    std::string endpoint;        ///< redacted URL of the request
    int http_status = 0;         ///< HTTP status of the answer
    std::string error;           ///< the server's error code ("invalid_grant", "Not Found" ...)
    std::string server_message;  ///< the server's message ("" when it sent none)
};

/// Base of the RosDomofon server errors; thrown as is for statuses without a subclass.
class ServerError : public odoobridge::ServerError {
public:
    explicit ServerError(ErrorDetails details);
    [[nodiscard]] const ErrorDetails& details() const noexcept { return details_; }
    [[nodiscard]] int http_status() const noexcept { return details_.http_status; }
    [[nodiscard]] const std::string& server_message() const noexcept {
        return details_.server_message;
    }

private:
    ErrorDetails details_;
};

/// The token endpoint refused the username or password, or an API call still answered 401
/// after one fresh token.
class AuthenticationError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The account may not do this (HTTP 403).
class AccessError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The account, flat, service, connection or abonent does not exist (HTTP 404).
class NotFoundError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The server rejected the values sent (HTTP 400, 409 or 422).
class ValidationError : public ServerError {
public:
    using ServerError::ServerError;
};

/// Throws the class of `details.http_status` (401 → AuthenticationError, 403 → AccessError,
/// 404 → NotFoundError, 400/409/422 → ValidationError, else ServerError).
[[noreturn]] void throw_server_error(ErrorDetails details);

/// A phone number that is not a RosDomofon phone (11 digits starting with 7). Thrown before
/// any request is sent; the message quotes the input and says what is wrong with it.
class PhoneNumberError : public ConfigurationError {
public:
    PhoneNumberError(std::string input, std::string reason);
    /// The text (or the integer, written in decimal) that was rejected.
    [[nodiscard]] const std::string& input() const noexcept { return input_; }
    /// Why it was rejected, e.g. "it has 10 digits, a RosDomofon phone has 11".
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    std::string input_;
    std::string reason_;
};

/// A Kafka failure reported by librdkafka: a setting it refused, a fatal client error, a
/// commit that failed on stop. `code()` is librdkafka's error code, `code_name()` its name
/// (e.g. "_TRANSPORT", "TOPIC_AUTHORIZATION_FAILED").
class KafkaError : public TransportError {
public:
    KafkaError(const std::string& message, int code, std::string code_name, bool fatal = false);
    [[nodiscard]] int code() const noexcept { return code_; }
    [[nodiscard]] const std::string& code_name() const noexcept { return code_name_; }
    /// True when the Kafka client cannot continue and must be recreated.
    [[nodiscard]] bool fatal() const noexcept { return fatal_; }

private:
    int code_;
    std::string code_name_;
    bool fatal_;
};

/// The Kafka consumer's message handler failed on every attempt for one message. The
/// message's offset was not committed, so a restarted consumer of the same group receives
/// it again. `cause()` is the handler's last exception.
class HandlerFailedError : public Error {
public:
    HandlerFailedError(std::string topic, std::int32_t partition, std::int64_t offset, int attempts,
                       std::exception_ptr cause);
    [[nodiscard]] const std::string& topic() const noexcept { return topic_; }
    [[nodiscard]] std::int32_t partition() const noexcept { return partition_; }
    [[nodiscard]] std::int64_t offset() const noexcept { return offset_; }
    [[nodiscard]] std::exception_ptr cause() const noexcept { return cause_; }

private:
    std::string topic_;
    std::int32_t partition_;
    std::int64_t offset_;
    std::exception_ptr cause_;
};

}  // namespace odoobridge::rosdomofon
