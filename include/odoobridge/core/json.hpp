#pragma once
/// \file
/// The dynamic value type of the API (`odoobridge::json` = `nlohmann::json`) and small
/// helpers shared by the JSON-speaking protocols.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace odoobridge {

/// Dynamic value: what `execute_kw` takes and returns. Odoo's `false` stays `false`.
using json = nlohmann::json;

namespace core {

/// Parses `body` as JSON.
/// \throws MalformedResponseError naming `endpoint`, the parse position and what the
///         body started with (first 120 bytes, secrets cannot be in a server body we log).
[[nodiscard]] json parse_json_body(std::string_view body, const std::string& endpoint,
                                   int http_status);

/// The first `max_bytes` of `body`, control characters replaced, "…" appended when cut.
/// For quoting server answers in error messages.
[[nodiscard]] std::string body_excerpt(std::string_view body, std::size_t max_bytes = 120);

}  // namespace core
}  // namespace odoobridge
