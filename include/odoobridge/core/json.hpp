#pragma once
/// \file
/// The dynamic value type of the API (`odoobridge::json` = `nlohmann::json`) and small
/// helpers shared by the JSON-speaking protocols: reading answer bodies (simdjson inside,
/// much faster than nlohmann's own parser) and writing request bodies without building
/// temporary trees or strings.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace odoobridge {

/// Dynamic value: what `execute_kw` takes and returns. Odoo's `false` stays `false`.
using json = nlohmann::json;

namespace core {

/// Parses `body` as JSON. Gives the value `json::parse(body)` gives: non-negative integers
/// unsigned, negative ones signed, integers beyond 64 bits as doubles, doubles exact,
/// escapes and UTF-8 checked, the last of repeated object keys.
/// Thread-safe; each thread keeps one parser for bodies up to 1 MiB.
/// \throws MalformedResponseError naming `endpoint` for invalid or truncated JSON (with the
///         parse position), a number beyond a double's range, or nesting deeper than 1024
///         levels; the message quotes what the body started with (first 120 bytes: secrets
///         cannot be in a server body we log).
[[nodiscard]] json parse_json_body(std::string_view body, const std::string& endpoint,
                                   int http_status);

/// Parses `body` like `parse_json_body` but converts only the members of the top-level
/// object named in `names` (the others are validated, not converted): `values[i]` gets
/// member `names[i]`, or stays empty when the object has no such member.
/// \returns false (all `values` empty) when the body is valid JSON but not an object.
/// \throws MalformedResponseError as `parse_json_body`; std::invalid_argument when
///         `values` and `names` differ in size.
bool parse_json_members(std::string_view body, std::span<const std::string_view> names,
                        std::span<std::optional<json>> values, const std::string& endpoint,
                        int http_status);

/// Appends the compact JSON text of `value` to `out`: the bytes `value.dump()` returns,
/// without its temporary string and buffers.
/// \throws json::type_error (316), as `dump()`, when a string in `value` is not valid
///         UTF-8; `out` then holds part of the text.
void append_json(std::string& out, const json& value);

/// Appends `text` as a JSON string literal: the bytes `json(text).dump()` returns.
/// \throws json::type_error (316) when `text` is not valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

/// Makes `value` null, freeing what it held, children before their containers: what
/// destroying it does, without the heap-allocated work list nlohmann's destructor builds for
/// every non-empty array and object (its guard against very deep nesting, which still
/// takes whatever lies more than 64 levels down). For values freed on a hot path.
/// Never throws.
void release_json(json& value) noexcept;

/// The first `max_bytes` of `body`, control characters replaced, "…" appended when cut.
/// For quoting server answers in error messages.
[[nodiscard]] std::string body_excerpt(std::string_view body, std::size_t max_bytes = 120);

}  // namespace core
}  // namespace odoobridge
