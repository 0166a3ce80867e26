#pragma once
/// \file
/// Percent-encoding for URL query strings and `application/x-www-form-urlencoded` bodies
/// (OAuth token requests, Bitrix24-style form posts). Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::core {

/// Ordered name/value pairs of a form body or a query string.
using FormFields = std::vector<std::pair<std::string, std::string>>;

/// `text` with every byte except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`)
/// written as `%XX` (UTF-8 bytes are encoded one by one). Safe for a query value, a form
/// field or one path segment.
[[nodiscard]] std::string url_encode(std::string_view text);

/// `name=value&name=value...` with names and values passed through `url_encode`, in the
/// order given: the body of an `application/x-www-form-urlencoded` POST, or a query string
/// (without the leading `?`).
[[nodiscard]] std::string form_encode(const FormFields& fields);

}  // namespace odoobridge::core
