#pragma once
/// \file
/// Odoo server errors. The same server answer gives the same class on every protocol:
///
///     odoobridge::ServerError
///     └── odoo::ServerError              any other server exception (ValueError, TypeError,
///         │                              unknown method, database errors ...)
///         ├── AuthenticationError        AccessDenied, `false` from login, JSON-2 401
///         ├── AccessError                odoo.exceptions.AccessError, JSON-2 403
///         ├── SessionExpiredError        odoo.http.SessionExpiredException (code 100)
///         └── UserError                  odoo.exceptions.UserError
///             ├── ValidationError        odoo.exceptions.ValidationError, SQL constraints
///             └── MissingError           odoo.exceptions.MissingError
///
/// Each carries the model and method called, the server's exception class and message,
/// the protocol and endpoint, and (separately, not in `what()`) the server traceback.
/// Immutable; safe to share between threads.

#include <odoobridge/core/errors.hpp>

#include <string>

namespace odoobridge::odoo {

/// What the server said, and about which call.
struct ErrorDetails {
    std::string server_class;    ///< e.g. "odoo.exceptions.AccessError", "builtins.ValueError"
    std::string server_message;  ///< the server's message, without traceback
    std::string model;           ///< model called ("" for common/db services)
    std::string method;          ///< method called
    std::string protocol;        ///< "xmlrpc", "jsonrpc", "session" or "json2"
    std::string endpoint;        ///< redacted URL of the request
    std::string debug;           ///< server traceback when sent (not part of what())
    int http_status = 0;         ///< HTTP status of the answer
};

/// Base of the Odoo server errors; also thrown as is for unclassified server exceptions.
class ServerError : public odoobridge::ServerError {
public:
    explicit ServerError(ErrorDetails details);
    [[nodiscard]] const ErrorDetails& details() const noexcept { return details_; }
    [[nodiscard]] const std::string& server_class() const noexcept { return details_.server_class; }
    [[nodiscard]] const std::string& server_message() const noexcept { return details_.server_message; }
    [[nodiscard]] const std::string& model() const noexcept { return details_.model; }
    [[nodiscard]] const std::string& method() const noexcept { return details_.method; }

private:
    ErrorDetails details_;
};

/// Wrong login, password or API key (AccessDenied, `false` from login, JSON-2 401).
class AuthenticationError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The user may not do this (record rules, model access, private methods).
class AccessError : public ServerError {
public:
    using ServerError::ServerError;
};
/// The web session is gone; the session protocol re-authenticates once before raising it.
class SessionExpiredError : public ServerError {
public:
    using ServerError::ServerError;
};
/// A business rule refused the operation; the message is meant for a person.
class UserError : public ServerError {
public:
    using ServerError::ServerError;
};
/// Invalid values: constraints, required fields, SQL CHECKs.
class ValidationError : public UserError {
public:
    using UserError::UserError;
};
/// The record does not exist or has been deleted.
class MissingError : public UserError {
public:
    using UserError::UserError;
};

/// Throws the class that `details.server_class` names (see the table in
/// docs/errors.md); unknown classes give `ServerError`. Used by every protocol once it
/// has worked out the class from its own envelope.
[[noreturn]] void throw_server_error(ErrorDetails details);

}  // namespace odoobridge::odoo
