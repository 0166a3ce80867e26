#pragma once
/// \file
/// PHP-style form encoding, the way Bitrix24 reads query strings and form bodies:
/// `fields[PHONE][0][VALUE]=...` ⇄ nested JSON. Used for batch commands (`method?query`)
/// and for the outbound events Bitrix24 POSTs to your handler.

#include <odoobridge/core/json.hpp>
#include <string>
#include <string_view>

namespace odoobridge::bitrix24 {

/// Encodes a JSON object as a PHP query string: objects and arrays become bracketed keys
/// (`a[b][0]=x`), `true`/`false` become `1`/`0` (PHP's http_build_query), `null` and empty
/// containers are left out, numbers keep their JSON spelling, text is percent-encoded
/// with `core::url_encode` (brackets of keys kept as is).
/// \throws ConfigurationError when `params` is not an object.
[[nodiscard]] std::string encode_php_query(const json& params);

/// Decodes `application/x-www-form-urlencoded` text with PHP-style keys into a JSON object
/// of strings: `a[b]=1&a[c][]=2` → {"a": {"b": "1", "c": ["2"]}}. Keys with `[]` append to
/// a list; numeric keys stay object keys ("0", "1" ...), as PHP keeps them. `+` is a space.
/// A later value for the same key replaces the earlier one.
/// \throws ConfigurationError for a malformed percent escape or a key that is both a value
///         and a container (`a=1&a[b]=2`), naming the key.
[[nodiscard]] json decode_php_form(std::string_view body);

}  // namespace odoobridge::bitrix24
