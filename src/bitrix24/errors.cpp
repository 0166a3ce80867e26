#include <odoobridge/bitrix24/errors.hpp>
#include <string_view>
#include <utility>

namespace odoobridge::bitrix24 {

namespace {

enum class Kind {
    other,
    query_limit,
    operation_time,
    overload,
    authentication,
    token_expired,
    access_denied,
    insufficient_scope,
    method_not_found,
    invalid_request,
    batch_length,
    batch_method,
    internal,
    portal_deleted,
};

Kind kind_of_code(std::string_view code) {
    struct Entry {
        std::string_view code;
        Kind kind;
    };
    static constexpr Entry table[] = {
        {"QUERY_LIMIT_EXCEEDED", Kind::query_limit},
        {"OPERATION_TIME_LIMIT", Kind::operation_time},
        {"OVERLOAD_LIMIT", Kind::overload},
        {"NO_AUTH_FOUND", Kind::authentication},
        {"invalid_token", Kind::authentication},
        {"invalid_grant", Kind::authentication},
        {"invalid_client", Kind::authentication},
        {"expired_token", Kind::token_expired},
        {"insufficient_scope", Kind::insufficient_scope},
        {"INVALID_CREDENTIALS", Kind::access_denied},
        {"ACCESS_DENIED", Kind::access_denied},
        {"user_access_error", Kind::access_denied},
        {"ERROR_METHOD_NOT_FOUND", Kind::method_not_found},
        {"INVALID_REQUEST", Kind::invalid_request},
        {"ERROR_CORE", Kind::invalid_request},
        {"ERROR_BATCH_LENGTH_EXCEEDED", Kind::batch_length},
        {"ERROR_BATCH_METHOD_NOT_ALLOWED", Kind::batch_method},
        {"INTERNAL_SERVER_ERROR", Kind::internal},
        {"PORTAL_DELETED", Kind::portal_deleted},
    };
    for (const auto& entry : table)
        if (entry.code == code) return entry.kind;
    return Kind::other;
}

Kind kind_of_status(int status) {
    switch (status) {
        case 400:
            return Kind::invalid_request;
        case 401:
            return Kind::authentication;
        case 403:
            return Kind::access_denied;
        case 404:
            return Kind::method_not_found;
        case 429:
            return Kind::operation_time;
        case 503:
            return Kind::query_limit;
        default:
            return status >= 500 ? Kind::internal : Kind::other;
    }
}

/// How to fix it, per kind.
std::string_view hint(Kind kind) {
    switch (kind) {
        case Kind::query_limit:
            return "the portal's request bucket is full; lower ClientOptions.rate_limit if "
                   "other integrations call the same portal, or raise ClientOptions.retry";
        case Kind::operation_time:
            return "the method used up its operating time for the last 10 minutes; ask for "
                   "less per call (filters, select) or raise ClientOptions.retry to wait longer";
        case Kind::overload:
            return "the portal's administrator blocked REST calls; ask them to lift the block";
        case Kind::authentication:
            return "check the webhook URL (user id and code) or the application's tokens; "
                   "re-authorize the application if its refresh token was rejected";
        case Kind::token_expired:
            return "the access token stayed expired after a refresh; re-authorize the "
                   "application";
        case Kind::access_denied:
            return "the webhook's user or the application lacks the rights for this call";
        case Kind::insufficient_scope:
            return "add the method's scope (module) to the webhook or the application";
        case Kind::method_not_found:
            return "check the method name, and that the portal's plan and the webhook's "
                   "scopes include its module";
        case Kind::invalid_request:
            return "check the call's parameters against the method's documentation";
        case Kind::batch_length:
            return "send at most 50 commands per batch (Client::batch chunks longer lists)";
        case Kind::batch_method:
            return "run this method outside the batch";
        case Kind::internal:
            return "the portal failed; try again later";
        case Kind::portal_deleted:
            return "the portal no longer exists; check the portal address";
        case Kind::other:
            break;
    }
    return "see the method's documentation for this error code";
}

Kind kind_of(const ErrorDetails& details) {
    const Kind by_code = kind_of_code(details.code);
    return by_code != Kind::other ? by_code : kind_of_status(details.http_status);
}

std::string describe(const ErrorDetails& details) {
    const Kind kind = kind_of(details);
    std::string text = details.code.empty() ? std::string("Bitrix24 error") : details.code;
    if (!details.method.empty()) text += " calling " + details.method;
    if (!details.command.empty()) text += " (batch command '" + details.command + "')";
    if (!details.endpoint.empty()) text += " at " + details.endpoint;
    if (details.http_status != 0 && details.http_status != 200)
        text += " (HTTP " + std::to_string(details.http_status) + ")";
    text += ": ";
    text += details.description.empty() ? "(no description from the portal)" : details.description;
    text += "; ";
    text += hint(kind);
    return text;
}

}  // namespace

ServerError::ServerError(ErrorDetails details)
    : odoobridge::ServerError(describe(details), details.endpoint), details_(std::move(details)) {}

std::exception_ptr make_server_error(ErrorDetails details) {
    switch (kind_of(details)) {
        case Kind::query_limit:
            return std::make_exception_ptr(QueryLimitExceededError(std::move(details)));
        case Kind::operation_time:
            return std::make_exception_ptr(OperationTimeLimitError(std::move(details)));
        case Kind::overload:
            return std::make_exception_ptr(OverloadLimitError(std::move(details)));
        case Kind::authentication:
            return std::make_exception_ptr(AuthenticationError(std::move(details)));
        case Kind::token_expired:
            return std::make_exception_ptr(TokenExpiredError(std::move(details)));
        case Kind::access_denied:
            return std::make_exception_ptr(AccessDeniedError(std::move(details)));
        case Kind::insufficient_scope:
            return std::make_exception_ptr(InsufficientScopeError(std::move(details)));
        case Kind::method_not_found:
            return std::make_exception_ptr(MethodNotFoundError(std::move(details)));
        case Kind::invalid_request:
            return std::make_exception_ptr(InvalidRequestError(std::move(details)));
        case Kind::batch_length:
            return std::make_exception_ptr(BatchLengthExceededError(std::move(details)));
        case Kind::batch_method:
            return std::make_exception_ptr(BatchMethodNotAllowedError(std::move(details)));
        case Kind::internal:
            return std::make_exception_ptr(InternalServerError(std::move(details)));
        case Kind::portal_deleted:
            return std::make_exception_ptr(PortalDeletedError(std::move(details)));
        case Kind::other:
            break;
    }
    return std::make_exception_ptr(ServerError(std::move(details)));
}

void throw_server_error(ErrorDetails details) {
    std::rethrow_exception(make_server_error(std::move(details)));
}

}  // namespace odoobridge::bitrix24
