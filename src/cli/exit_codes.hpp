#pragma once
/// \file
/// Exit codes of `odoobridge`, one per error class, and the one-line error report
/// "odoobridge: <ErrorClass>: <message>". The table is repeated in `odoobridge help` and
/// README.md; keep the three in step.

#include <exception>
#include <string>
#include <string_view>

namespace odoobridge::cli {

/// The process exit status for each kind of failure.
enum class ExitCode : int {
    ok = 0,
    internal = 1,        ///< unexpected failure (a bug, out of memory, stdout closed)
    usage = 2,           ///< bad arguments, environment or options (UsageError, ConfigurationError)
    authentication = 3,  ///< AuthenticationError, SessionExpiredError
    access = 4,          ///< AccessError
    user = 5,            ///< UserError, ValidationError, MissingError
    server = 6,          ///< any other Odoo server error (odoo::ServerError)
    transport = 7,       ///< ConnectionError, TimeoutError, TlsError, ResponseTooLargeError
    protocol = 8,        ///< UnexpectedResponseError, MalformedResponseError
};

/// The most specific known class of an exception and its exit code.
struct ErrorClass {
    std::string_view name;  ///< e.g. "AccessError"
    ExitCode code;
};

/// Classifies `error` (the most derived class of the odoobridge hierarchy it belongs to).
[[nodiscard]] ErrorClass classify(const std::exception& error) noexcept;

/// "odoobridge: <ErrorClass>: <message>" on one line (line breaks, tabs and runs of
/// spaces in the message become single spaces), without a trailing newline.
[[nodiscard]] std::string error_line(const std::exception& error);

}  // namespace odoobridge::cli
