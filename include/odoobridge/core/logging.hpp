#pragma once
/// \file
/// Logging model (DESIGN rule 7): every client takes an optional `spdlog::logger`; the
/// default is a silent logger. The library never touches spdlog's global registry and
/// never logs secrets: use `redact_url` / `is_secret_header` before logging anything that
/// came from the caller.

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace odoobridge::core {

using LoggerPtr = std::shared_ptr<spdlog::logger>;

/// A logger with no sinks (logs nothing). Not registered globally. Thread-safe.
[[nodiscard]] LoggerPtr silent_logger();

/// `logger` when non-null, else `silent_logger()`.
[[nodiscard]] inline LoggerPtr logger_or_silent(LoggerPtr logger) {
    return logger ? std::move(logger) : silent_logger();
}

/// scheme://host[:port]/path of `url`: user info, query string and fragment removed, and
/// the secret code of an incoming-webhook path (`/rest/<user id>/<code>/`, Bitrix24)
/// replaced by "<redacted>". Safe to log and to put into error messages.
[[nodiscard]] std::string redact_url(std::string_view url);

/// True for header names whose values are credentials (Authorization, Cookie,
/// Set-Cookie, Proxy-Authorization, X-Api-Key, X-Openerp-Session-Id), case-insensitively.
[[nodiscard]] bool is_secret_header(std::string_view name) noexcept;

}  // namespace odoobridge::core
