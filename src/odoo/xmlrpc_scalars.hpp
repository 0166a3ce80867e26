#pragma once
// Internal (not installed): the texts of XML-RPC's scalar elements read as values. The
// texts must be exact: no whitespace around them (as xmlrpc-c requires; Odoo never writes
// any).
//
// Thread safety: pure functions, safe to call concurrently.

#include <cstdint>
#include <string>
#include <string_view>

namespace odoobridge::odoo::detail::xmlrpc {

/// Why a scalar's text was refused, phrased to follow "<int> at byte N holds '…', ".
struct ValueError {
    std::string reason;
};

/// An `<int>`/`<i4>` (`bits` 32) or `<i8>` (`bits` 64): decimal digits after an optional
/// sign. \throws ValueError for other text and for values beyond the element's range.
[[nodiscard]] std::int64_t read_integer(std::string_view text, int bits);

/// A `<double>`: a decimal number, with an optional sign and exponent, read exactly (the
/// nearest double, std::from_chars). \throws ValueError for other text (including hex,
/// infinities and NaN) and for magnitudes beyond a double's range.
[[nodiscard]] double read_double(std::string_view text);

/// A `<boolean>`: "0" or "1". \throws ValueError for other text.
[[nodiscard]] bool read_boolean(std::string_view text);

/// A `<dateTime.iso8601>` (`YYYYMMDDTHH:MM:SS`; the date's dashes and the time's colons are
/// optional, fractional seconds and a final 'Z' are accepted and dropped) as Odoo's datetime
/// text "YYYY-MM-DD HH:MM:SS". \throws ValueError for other forms and out-of-range fields.
[[nodiscard]] std::string read_datetime(std::string_view text);

/// A `<base64>`'s text as canonical base64: whitespace removed and the unused bits of the
/// last group cleared, i.e. what encoding the decoded bytes gives. \throws ValueError for
/// characters outside the base64 alphabet, misplaced '=' and lengths not a multiple of 4.
[[nodiscard]] std::string read_base64(std::string_view text);

}  // namespace odoobridge::odoo::detail::xmlrpc
