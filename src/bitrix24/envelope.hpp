#pragma once
/// \file
/// Bitrix24's answer envelopes: `{"result", "total"?, "next"?, "time"}` on success,
/// `{"error", "error_description"}` on failure (with a meaningful HTTP status).

#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/core/http.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::bitrix24::detail {

/// The answer of `method`, or its typed error thrown.
/// \throws bitrix24::ServerError subclasses for error envelopes; UnexpectedResponseError for
///         a non-JSON page (proxy errors, HTML) or a JSON body that is neither envelope;
///         MalformedResponseError for broken JSON.
[[nodiscard]] Answer decode_answer(const core::Response& response, std::string_view method,
                                   const std::string& endpoint);

/// `value` as an integer when it is one or a string of digits (Bitrix24 sends both).
[[nodiscard]] std::optional<std::int64_t> integer_of(const json& value) noexcept;

/// The error details of an `{"error", "error_description"}` object.
[[nodiscard]] ErrorDetails error_details(const json& error, std::string_view method,
                                         const std::string& endpoint, int http_status);

/// The webhook code of a webhook method URL (".../rest/<user>/<code>/<method>"), or "" for
/// an OAuth URL. A secret: only for masking.
[[nodiscard]] std::string webhook_code_of(std::string_view url);

}  // namespace odoobridge::bitrix24::detail
