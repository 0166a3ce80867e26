#pragma once
// Internal (not installed): UTF-8 and XML 1.0 character rules shared by the XML-RPC request
// writer and response reader (xmlrpc_writer.cpp, xmlrpc_lexer.cpp).
//
// Thread safety: pure functions, safe to call concurrently.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace odoobridge::odoo::detail::xmlrpc {

/// How many bytes the UTF-8 sequence led by `lead` has (1 to 4), or 0 when `lead` cannot
/// start a sequence (a continuation byte, 0xC0, 0xC1 or 0xF5 and above).
[[nodiscard]] constexpr std::size_t utf8_length(unsigned char lead) noexcept {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

/// Reads the UTF-8 sequence at the start of `text` (not empty). Returns its length and stores
/// its code point, or returns 0 when the bytes are not valid UTF-8: a bad lead or
/// continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, or a
/// sequence cut short by the end of `text`.
[[nodiscard]] std::size_t read_utf8(std::string_view text, char32_t& code_point) noexcept;

/// Whether XML 1.0 allows the character in a document: #x9, #xA, #xD, #x20–#xD7FF,
/// #xE000–#xFFFD and #x10000–#x10FFFF.
[[nodiscard]] constexpr bool is_xml_char(char32_t c) noexcept {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/// How many leading bytes of `text[0, size)`, in whole 8-byte words, are ASCII from space to
/// DEL other than `A`, `B` and `C`: a word-at-a-time skip over plain text, after which the
/// caller looks at the remaining bytes one by one.
template <char A, char B, char C>
[[nodiscard]] inline std::size_t plain_words(const char* text, std::size_t size) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    const auto has_zero_byte = [](std::uint64_t word) { return (word - ones) & ~word & highs; };
    std::size_t n = 0;
    for (; size - n >= 8; n += 8) {
        std::uint64_t word;
        std::memcpy(&word, text + n, sizeof word);
        // A byte below 0x20 or from 0x80 up sets its high bit here.
        const std::uint64_t outside = (((word - ones * 0x20) & ~word) | word) & highs;
        if ((outside | has_zero_byte(word ^ (ones * static_cast<unsigned char>(A))) |
             has_zero_byte(word ^ (ones * static_cast<unsigned char>(B))) |
             has_zero_byte(word ^ (ones * static_cast<unsigned char>(C)))) != 0)
            break;
    }
    return n;
}

/// Appends `code_point` (a valid Unicode scalar value) encoded as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

/// "U+0001": a code point as people write it.
[[nodiscard]] std::string code_point_name(char32_t code_point);

/// "0xFF": a byte in hexadecimal.
[[nodiscard]] std::string hex_byte(unsigned char byte);

/// At most `max_bytes` of `text` for an error message, each byte outside printable ASCII
/// shown as '?', with "…" when cut: never a large or binary echo of a body.
[[nodiscard]] std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 40);

}  // namespace odoobridge::odoo::detail::xmlrpc
