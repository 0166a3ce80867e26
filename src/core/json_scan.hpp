#pragma once
// The lexical layer of the bytes path (codec_bytes.cpp): where a JSON token ends and whether
// its grammar is right (RFC 8259), integer values, and string unescaping. Pure functions
// over [begin, end) that never read outside it; UTF-8 is validated separately, once for the
// whole input.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace odoobridge::core::json_scan {

/// JSON's whitespace: space, tab, line feed, carriage return (all at most ' ', which most
/// bytes are not: one comparison decides for them).
constexpr bool is_space(char c) noexcept {
    return static_cast<unsigned char>(c) <= ' ' &&
           (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// `p` moved past whitespace, no further than `end`.
inline const char* skip_space(const char* p, const char* end) noexcept {
    while (p < end && is_space(*p)) ++p;
    return p;
}

/// The first '"', '\\' or control character (below 0x20, which JSON strings must escape) in
/// [p, end), or `end`: 16 bytes at a time with SSE2.
inline const char* find_string_special(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (; end - p >= 16; p += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, last_control), chunk);
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)), control);
        if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0)
            return p + std::countr_zero(mask);
    }
#endif
    for (; p < end; ++p)
        if (*p == '"' || *p == '\\' || static_cast<unsigned char>(*p) < 0x20) return p;
    return end;
}

/// The value of the four hex digits at `p` (which must be readable), or -1.
inline int hex4(const char* p) noexcept {
    int value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

/// The code point of the `\uXXXX` escape at `p` (a high surrogate joined with the `\uXXXX`
/// low surrogate that must follow it), and where the escape ends; `next` is null when the
/// escape is invalid or a surrogate is unpaired.
struct UnicodeEscape {
    const char* next = nullptr;
    std::uint32_t code_point = 0;
};
inline UnicodeEscape unicode_escape(const char* p, const char* end) noexcept {
    if (end - p < 6) return {};
    const int unit = hex4(p + 2);
    if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return {};
    if (unit < 0xD800 || unit > 0xDBFF) return {p + 6, static_cast<std::uint32_t>(unit)};
    if (end - p < 12 || p[6] != '\\' || p[7] != 'u') return {};
    const int low = hex4(p + 8);
    if (low < 0xDC00 || low > 0xDFFF) return {};
    return {p + 12, 0x10000 + ((static_cast<std::uint32_t>(unit) - 0xD800) << 10) +
                        (static_cast<std::uint32_t>(low) - 0xDC00)};
}

/// The end of the escape sequence at `p` (a backslash), or null when it is invalid.
inline const char* escape_end(const char* p, const char* end) noexcept {
    if (end - p < 2) return nullptr;
    switch (p[1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            return p + 2;
        case 'u':
            return unicode_escape(p, end).next;
        default:
            return nullptr;
    }
}

/// Why a token is not valid JSON.
enum class Problem : std::uint8_t {
    none,
    unterminated_string,
    control_character,  ///< a raw byte below 0x20 inside a string
    bad_escape,         ///< an unknown escape, bad hex digits or an unpaired surrogate
    bad_number,
};

/// A string token: `end` is just past the closing quote, or where the problem is.
struct StringToken {
    const char* end;
    bool escaped = false;
    Problem problem = Problem::none;
};

/// The string whose opening quote is just before `p`.
inline StringToken string_token(const char* p, const char* end) noexcept {
    StringToken token{p};
    for (;;) {
        p = find_string_special(p, end);
        if (p == end) return {p, token.escaped, Problem::unterminated_string};
        if (*p == '"') {
            token.end = p + 1;
            return token;
        }
        if (*p != '\\') return {p, token.escaped, Problem::control_character};
        const char* const next = escape_end(p, end);
        if (next == nullptr) return {p, token.escaped, Problem::bad_escape};
        token.escaped = true;
        p = next;
    }
}

/// Appends the UTF-8 of `code_point` at `out`; returns the end.
inline char* put_utf8(char* out, std::uint32_t code_point) noexcept {
    const auto byte = [](std::uint32_t value) { return static_cast<char>(value); };
    if (code_point < 0x80) {
        *out++ = byte(code_point);
    } else if (code_point < 0x800) {
        *out++ = byte(0xC0 | (code_point >> 6));
        *out++ = byte(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        *out++ = byte(0xE0 | (code_point >> 12));
        *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
        *out++ = byte(0x80 | (code_point & 0x3F));
    } else {
        *out++ = byte(0xF0 | (code_point >> 18));
        *out++ = byte(0x80 | ((code_point >> 12) & 0x3F));
        *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
        *out++ = byte(0x80 | (code_point & 0x3F));
    }
    return out;
}

/// Writes the content [begin, end) of a string token that `string_token` accepted, escapes
/// replaced, to `out` (which needs `end - begin` bytes: unescaping never lengthens a
/// string); returns the end of what was written.
inline char* unescape(const char* begin, const char* end, char* out) noexcept {
    for (;;) {
        const char* const escape = static_cast<const char*>(
            std::memchr(begin, '\\', static_cast<std::size_t>(end - begin)));
        const char* const run_end = escape == nullptr ? end : escape;
        std::memcpy(out, begin, static_cast<std::size_t>(run_end - begin));
        out += run_end - begin;
        if (escape == nullptr) return out;
        const char kind = escape[1];
        begin = escape + 2;
        switch (kind) {
            case 'b':
                *out++ = '\b';
                break;
            case 'f':
                *out++ = '\f';
                break;
            case 'n':
                *out++ = '\n';
                break;
            case 'r':
                *out++ = '\r';
                break;
            case 't':
                *out++ = '\t';
                break;
            case 'u': {
                const UnicodeEscape unicode = unicode_escape(escape, end);
                out = put_utf8(out, unicode.code_point);
                begin = unicode.next;
                break;
            }
            default:  // '"', '\\', '/'
                *out++ = kind;
                break;
        }
    }
}

/// The end of the number token at `p` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`),
/// or null when its grammar is wrong.
inline const char* number_end(const char* p, const char* end) noexcept {
    if (p < end && *p == '-') ++p;
    if (p == end || !is_digit(*p)) return nullptr;
    if (*p == '0') {
        ++p;
    } else {
        while (p < end && is_digit(*p)) ++p;
    }
    if (p < end && *p == '.') {
        if (++p == end || !is_digit(*p)) return nullptr;
        while (p < end && is_digit(*p)) ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        if (++p < end && (*p == '+' || *p == '-')) ++p;
        if (p == end || !is_digit(*p)) return nullptr;
        while (p < end && is_digit(*p)) ++p;
    }
    return p;
}

/// Reads the number token `token` when it is an integer that fits in std::int64_t (digits
/// only, after an optional minus); false for fractions, exponents and larger integers.
inline bool read_int64(std::string_view token, std::int64_t& value) noexcept {
    const bool negative = !token.empty() && token.front() == '-';
    const std::string_view digits = negative ? token.substr(1) : token;
    if (digits.empty() || digits.size() > 19) return false;
    std::uint64_t magnitude = 0;
    for (const char c : digits) {
        if (!is_digit(c)) return false;                                    // '.', 'e', 'E'
        magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');  // < 10^19 < 2^64
    }
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (magnitude > max + (negative ? 1 : 0)) return false;
    value =
        negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
}

/// True when the number token `token`, which a double cannot hold, is below the smallest
/// double (it reads as zero, as JSON parsers read it) rather than beyond the largest: its
/// decimal order (the n of 10^(n-1) <= |value| < 10^n) is not positive.
inline bool below_double_range(std::string_view token) noexcept {
    if (!token.empty() && token.front() == '-') token.remove_prefix(1);
    const std::size_t exponent_at = token.find_first_of("eE");
    long long exponent = 0;
    if (exponent_at != std::string_view::npos) {
        std::size_t i = exponent_at + 1;
        const bool negative = i < token.size() && token[i] == '-';
        if (i < token.size() && (token[i] == '-' || token[i] == '+')) ++i;
        for (; i < token.size() && exponent < 1'000'000'000; ++i)
            exponent = exponent * 10 + (token[i] - '0');
        if (negative) exponent = -exponent;
    }
    const std::string_view mantissa = token.substr(0, exponent_at);
    const std::size_t point = mantissa.find('.');
    const std::string_view integer_part = mantissa.substr(0, point);
    if (integer_part != "0") return static_cast<long long>(integer_part.size()) + exponent <= 0;
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : mantissa.substr(point + 1);
    const std::size_t first_digit = fraction.find_first_not_of('0');
    const auto leading_zeros = static_cast<long long>(
        first_digit == std::string_view::npos ? fraction.size() : first_digit);
    return exponent - leading_zeros <= 0;
}

}  // namespace odoobridge::core::json_scan
