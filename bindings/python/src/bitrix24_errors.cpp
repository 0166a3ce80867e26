// The Bitrix24 exception classes of odoobridge.bitrix24, one per C++ class of
// bitrix24/errors.hpp, batch.hpp and events.hpp, and their translation:
//
//     odoobridge.ServerError
//     └── ServerError                        code, description, method, command, http_status
//         ├── LimitError
//         │   ├── QueryLimitExceededError, OperationTimeLimitError, OverloadLimitError
//         ├── AuthenticationError
//         │   └── TokenExpiredError
//         ├── AccessDeniedError
//         │   └── InsufficientScopeError
//         ├── MethodNotFoundError
//         ├── InvalidRequestError
//         │   ├── BatchLengthExceededError, BatchMethodNotAllowedError
//         ├── InternalServerError
//         └── PortalDeletedError
//     odoobridge.Error
//     ├── SkippedCommandError
//     └── UnverifiedEventError
//     odoobridge.ProtocolError
//     └── InvalidEventError

#include <array>
#include <cstddef>
#include <odoobridge/bitrix24/batch.hpp>
#include <odoobridge/bitrix24/errors.hpp>
#include <odoobridge/bitrix24/events.hpp>
#include <string>

#include "bitrix24.hpp"
#include "errors.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// Index of each class in `kClasses` and `classes`.
enum Class : std::size_t {
    kServer,
    kLimit,
    kQueryLimit,
    kOperationTime,
    kOverload,
    kAuthentication,
    kTokenExpired,
    kAccessDenied,
    kInsufficientScope,
    kMethodNotFound,
    kInvalidRequest,
    kBatchLength,
    kBatchMethod,
    kInternal,
    kPortalDeleted,
    kSkipped,
    kInvalidEvent,
    kUnverifiedEvent,
    kClassCount
};

struct ClassSpec {
    const char* name;
    Class base;               ///< kClassCount: `native_base` of odoobridge._native
    const char* native_base;  ///< "ServerError", "Error" or "ProtocolError"
    const char* doc;
};

constexpr std::array<ClassSpec, kClassCount> kClasses{{
    {"ServerError", kClassCount, "ServerError",
     "A Bitrix24 error answer (also raised as is for codes the table does not list)."},
    {"LimitError", kServer, nullptr, "The portal refused to run the call because of a limit."},
    {"QueryLimitExceededError", kLimit, nullptr,
     "503 QUERY_LIMIT_EXCEEDED: the portal's request bucket overflowed (after the retries)."},
    {"OperationTimeLimitError", kLimit, nullptr,
     "429 OPERATION_TIME_LIMIT: the method's operating time is used up (after the retries)."},
    {"OverloadLimitError", kLimit, nullptr,
     "503 OVERLOAD_LIMIT: the portal's administrator blocked REST calls."},
    {"AuthenticationError", kServer, nullptr,
     "The webhook URL or access token is wrong, or the refresh token was rejected."},
    {"TokenExpiredError", kAuthentication, nullptr,
     "401 expired_token: the access token expired and one refresh did not help."},
    {"AccessDeniedError", kServer, nullptr,
     "The webhook's user or the application may not do this."},
    {"InsufficientScopeError", kAccessDenied, nullptr,
     "403 insufficient_scope: the webhook or application lacks the method's scope."},
    {"MethodNotFoundError", kServer, nullptr, "404 ERROR_METHOD_NOT_FOUND: no such REST method."},
    {"InvalidRequestError", kServer, nullptr,
     "The call's parameters were refused (missing required fields, bad values ...)."},
    {"BatchLengthExceededError", kInvalidRequest, nullptr,
     "A batch had more than 50 commands (Client.batch chunks lists itself)."},
    {"BatchMethodNotAllowedError", kInvalidRequest, nullptr,
     "A batch contained a method that may not run inside a batch (e.g. batch)."},
    {"InternalServerError", kServer, nullptr, "500 INTERNAL_SERVER_ERROR: the portal failed."},
    {"PortalDeletedError", kServer, nullptr, "500 PORTAL_DELETED: the portal no longer exists."},
    {"SkippedCommandError", kClassCount, "Error",
     "A batch command that was not run (halt after a failure, or a reference to a failed "
     "command)."},
    {"InvalidEventError", kClassCount, "ProtocolError",
     "A POST that is not a well-formed Bitrix24 event."},
    {"UnverifiedEventError", kClassCount, "Error",
     "An event whose auth[application_token] is missing or wrong: reject it."},
}};

/// The class objects; they live as long as the process (the module is never unloaded).
std::array<PyObject*, kClassCount> classes{};

py::object instance(Class index, const Error& error) {
    return error_instance(classes[index], error);
}

py::object server_error(Class index, const b24::ServerError& error) {
    py::object result = instance(index, error);
    const b24::ErrorDetails& details = error.details();
    result.attr("code") = utf8_text(details.code);
    result.attr("description") = utf8_text(details.description);
    result.attr("method") = utf8_text(details.method);
    result.attr("command") = utf8_text(details.command);
    result.attr("http_status") = details.http_status;
    return result;
}

/// Class defaults, so that instances raised from Python code have every attribute too.
py::dict defaults_of(Class index) {
    py::dict defaults;
    if (index == kServer) {
        for (const char* name : {"code", "description", "method", "command"}) defaults[name] = "";
        defaults["http_status"] = 0;
    }
    return defaults;
}

}  // namespace

py::object exception_object(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const b24::QueryLimitExceededError& e) {
        return server_error(kQueryLimit, e);
    } catch (const b24::OperationTimeLimitError& e) {
        return server_error(kOperationTime, e);
    } catch (const b24::OverloadLimitError& e) {
        return server_error(kOverload, e);
    } catch (const b24::LimitError& e) {
        return server_error(kLimit, e);
    } catch (const b24::TokenExpiredError& e) {
        return server_error(kTokenExpired, e);
    } catch (const b24::AuthenticationError& e) {
        return server_error(kAuthentication, e);
    } catch (const b24::InsufficientScopeError& e) {
        return server_error(kInsufficientScope, e);
    } catch (const b24::AccessDeniedError& e) {
        return server_error(kAccessDenied, e);
    } catch (const b24::MethodNotFoundError& e) {
        return server_error(kMethodNotFound, e);
    } catch (const b24::BatchLengthExceededError& e) {
        return server_error(kBatchLength, e);
    } catch (const b24::BatchMethodNotAllowedError& e) {
        return server_error(kBatchMethod, e);
    } catch (const b24::InvalidRequestError& e) {
        return server_error(kInvalidRequest, e);
    } catch (const b24::InternalServerError& e) {
        return server_error(kInternal, e);
    } catch (const b24::PortalDeletedError& e) {
        return server_error(kPortalDeleted, e);
    } catch (const b24::ServerError& e) {
        return server_error(kServer, e);
    } catch (const b24::SkippedCommandError& e) {
        return instance(kSkipped, e);
    } catch (const b24::InvalidEventError& e) {
        py::object result = instance(kInvalidEvent, e);
        result.attr("http_status") = e.http_status();
        return result;
    } catch (const b24::UnverifiedEventError& e) {
        return instance(kUnverifiedEvent, e);
    } catch (...) {
        return python::exception_object(error);
    }
}

void register_errors(py::module_& module, py::module_& native) {
    for (std::size_t i = 0; i < kClassCount; ++i) {
        const ClassSpec& spec = kClasses[i];
        const py::object base = spec.base == kClassCount
                                    ? py::object(native.attr(spec.native_base))
                                    : py::reinterpret_borrow<py::object>(classes[spec.base]);
        classes[i] =
            add_error_class(module, spec.name, std::string(kPublicModule) + "." + spec.name,
                            spec.doc, base, defaults_of(static_cast<Class>(i)));
    }
    // Registered after odoobridge's own translator, so tried before it: Bitrix24 errors get
    // their classes here, every other exception goes on to the next translator.
    py::register_exception_translator([](std::exception_ptr error) {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const b24::ServerError&) {
        } catch (const b24::SkippedCommandError&) {
        } catch (const b24::InvalidEventError&) {
        } catch (const b24::UnverifiedEventError&) {
        }
        py::object python_error = exception_object(error);
        raise_error_object(python_error);
    });
}

}  // namespace odoobridge::python::bitrix24
