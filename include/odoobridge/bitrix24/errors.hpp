#pragma once
/// \file
/// Bitrix24 server errors: every error code of the REST API's documented table maps to one
/// class (docs/bitrix24.md has the table):
///
///     odoobridge::ServerError
///     └── bitrix24::ServerError                any other code (method-specific errors ...)
///         ├── LimitError                       the portal refused the call before running it
///         │   ├── QueryLimitExceededError      503 QUERY_LIMIT_EXCEEDED (leaky bucket)
///         │   ├── OperationTimeLimitError      429 OPERATION_TIME_LIMIT (per-method time)
///         │   └── OverloadLimitError           503 OVERLOAD_LIMIT (portal blocked by admin)
///         ├── AuthenticationError              401 NO_AUTH_FOUND, refresh token rejected
///         │   └── TokenExpiredError            401 expired_token (after one refresh)
///         ├── AccessDeniedError                403 ACCESS_DENIED, INVALID_CREDENTIALS,
///         │   │                                    user_access_error
///         │   └── InsufficientScopeError       403 insufficient_scope
///         ├── MethodNotFoundError              404 ERROR_METHOD_NOT_FOUND
///         ├── InvalidRequestError              400 INVALID_REQUEST, ERROR_CORE, method errors
///         │   ├── BatchLengthExceededError     400 ERROR_BATCH_LENGTH_EXCEEDED
///         │   └── BatchMethodNotAllowedError   405 ERROR_BATCH_METHOD_NOT_ALLOWED
///         ├── InternalServerError              500 INTERNAL_SERVER_ERROR
///         └── PortalDeletedError               500 PORTAL_DELETED
///
/// Each carries the code, the server's description, the method (and batch command key),
/// the redacted endpoint and the HTTP status. `what()` adds how to fix it. No message holds
/// the webhook code or a token. Immutable; safe to share between threads.

#include <exception>
#include <odoobridge/core/errors.hpp>
#include <string>

namespace odoobridge::bitrix24 {

/// What the portal said, and about which call.
struct ErrorDetails {
    std::string code;         ///< the `error` member, e.g. "QUERY_LIMIT_EXCEEDED"
    std::string description;  ///< the `error_description` member ("" when absent)
    std::string method;       ///< REST method called, e.g. "user.get" or "batch"
    std::string command;      ///< key of the batch command that failed ("" outside batch)
    std::string endpoint;     ///< redacted URL of the request (webhook code masked)
    int http_status = 0;      ///< HTTP status (0 for a command inside a batch)
};

/// Base of the Bitrix24 server errors; thrown as is for codes the table does not list.
class ServerError : public odoobridge::ServerError {
public:
    explicit ServerError(ErrorDetails details);
    [[nodiscard]] const ErrorDetails& details() const noexcept { return details_; }
    [[nodiscard]] const std::string& code() const noexcept { return details_.code; }
    [[nodiscard]] const std::string& description() const noexcept { return details_.description; }
    [[nodiscard]] const std::string& method() const noexcept { return details_.method; }
    [[nodiscard]] int http_status() const noexcept { return details_.http_status; }

private:
    ErrorDetails details_;
};

/// The portal refused to run the call because of a limit; the call had no effect.
class LimitError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The leaky bucket overflowed. The client throttles and retries these itself; you see
/// one only when retries ran out (other integrations share the portal's bucket).
class QueryLimitExceededError : public LimitError {
public:
    using LimitError::LimitError;
};
/// The method's operating time over the last 10 minutes is used up. The client waits for
/// `operating_reset_at` and retries; you see one only when retries ran out.
class OperationTimeLimitError : public LimitError {
public:
    using LimitError::LimitError;
};
/// The portal's administrator blocked REST calls (not retried).
class OverloadLimitError : public LimitError {
public:
    using LimitError::LimitError;
};

/// The webhook URL or access token is wrong, or the refresh token was rejected.
class AuthenticationError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The access token expired and one refresh did not help (or no refresh is possible).
class TokenExpiredError : public AuthenticationError {
public:
    using AuthenticationError::AuthenticationError;
};

/// The webhook's user or the application may not do this.
class AccessDeniedError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The webhook or application lacks the scope (module permission) of the method.
class InsufficientScopeError : public AccessDeniedError {
public:
    using AccessDeniedError::AccessDeniedError;
};

/// No such REST method on this portal.
class MethodNotFoundError : public ServerError {
public:
    using ServerError::ServerError;
};

/// The call's parameters were refused (missing required fields, bad values ...).
class InvalidRequestError : public ServerError {
public:
    using ServerError::ServerError;
};
/// A batch had more than 50 commands (`Client::batch` chunks lists itself).
class BatchLengthExceededError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
};
/// A batch contained a method that may not run inside a batch (e.g. `batch`).
class BatchMethodNotAllowedError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
};

/// The portal failed internally; reads (and calls marked idempotent) are retried.
class InternalServerError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The portal no longer exists.
class PortalDeletedError : public ServerError {
public:
    using ServerError::ServerError;
};

/// The exception for `details`: by code first (the table above), else by HTTP status
/// (400 invalid request, 401 authentication, 403 access, 404 method not found, 429 and
/// 503 limits, 5xx internal), else `ServerError`. Used for whole calls and for the
/// per-command errors of a batch.
[[nodiscard]] std::exception_ptr make_server_error(ErrorDetails details);

/// Throws `make_server_error(details)`.
[[noreturn]] void throw_server_error(ErrorDetails details);

}  // namespace odoobridge::bitrix24
