#pragma once
/// \file
/// Standard base64 (RFC 4648 §4, with padding), as binary fields travel in JSON and XML-RPC.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::core {

/// The padded base64 text of `bytes`. Thread-safe.
[[nodiscard]] std::string base64_encode(std::span<const std::uint8_t> bytes);

/// The bytes of base64 `text`. Line breaks and spaces are skipped (MIME-style wrapped
/// data); the final padding may be omitted. Returns nothing when `text` holds another
/// character or a length no base64 text can have. Thread-safe.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace odoobridge::core
