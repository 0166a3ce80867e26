#include "xmlrpc_scalars.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <system_error>

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> base64_values = [] {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < base64_alphabet.size(); ++i)
        values[static_cast<unsigned char>(base64_alphabet[i])] = static_cast<std::int8_t>(i);
    return values;
}();

}  // namespace

std::int64_t read_integer(std::string_view text, int bits) {
    std::string_view digits = text;
    if (digits.size() > 1 && digits[0] == '+' && is_digit(digits[1])) digits.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    const bool complete = end == digits.data() + digits.size();
    if (error == std::errc::result_out_of_range && complete)
        throw ValueError{"which is beyond the 64-bit range of <i8>"};
    if (error != std::errc() || !complete) throw ValueError{"which is not a decimal integer"};
    if (bits == 32 && (value < std::numeric_limits<std::int32_t>::min() ||
                       value > std::numeric_limits<std::int32_t>::max()))
        throw ValueError{
            "which is beyond the 32-bit range of <int> (larger integers travel as <i8>)"};
    return value;
}

double read_double(std::string_view text) {
    std::string_view number = text;
    if (!number.empty() && number.front() == '+') number.remove_prefix(1);
    // from_chars also reads "inf", "nan" and "infinity", which XML-RPC does not have.
    const std::size_t first = !number.empty() && number.front() == '-' ? 1 : 0;
    if (number.size() <= first || !(is_digit(number[first]) || number[first] == '.'))
        throw ValueError{"which is not a decimal number"};
    double value = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    const bool complete = end == number.data() + number.size();
    if (error == std::errc::result_out_of_range && complete)
        throw ValueError{"which is beyond the range of a double"};
    if (error != std::errc() || !complete) throw ValueError{"which is not a decimal number"};
    return value;
}

bool read_boolean(std::string_view text) {
    if (text == "1") return true;
    if (text == "0") return false;
    throw ValueError{"which is neither 0 nor 1"};
}

std::string read_datetime(std::string_view text) {
    std::size_t i = 0;
    const auto form_error = [] {
        return ValueError{"which is not an ISO 8601 date-time of the form YYYYMMDDTHH:MM:SS"};
    };
    const auto number = [&](std::size_t count) {
        unsigned value = 0;
        for (std::size_t k = 0; k < count; ++k, ++i) {
            if (i >= text.size() || !is_digit(text[i])) throw form_error();
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return value;
    };
    const auto skip = [&](char separator) {
        if (i < text.size() && text[i] == separator) ++i;
    };
    const unsigned year = number(4);
    skip('-');
    const unsigned month = number(2);
    skip('-');
    const unsigned day = number(2);
    if (i >= text.size() || text[i] != 'T') throw form_error();
    ++i;
    const unsigned hour = number(2);
    skip(':');
    const unsigned minute = number(2);
    skip(':');
    const unsigned second = number(2);
    if (i < text.size() && text[i] == '.')
        for (++i; i < text.size() && is_digit(text[i]);) ++i;
    skip('Z');
    if (i != text.size()) throw form_error();
    const auto check = [](unsigned value, unsigned low, unsigned high, const char* field) {
        if (value < low || value > high)
            throw ValueError{"whose " + std::string(field) + " " + std::to_string(value) +
                             " is outside " + std::to_string(low) + "-" + std::to_string(high)};
    };
    check(month, 1, 12, "month");
    check(day, 1, 31, "day");
    check(hour, 0, 23, "hour");
    check(minute, 0, 59, "minute");
    check(second, 0, 59, "second");
    char formatted[24];
    std::snprintf(formatted, sizeof formatted, "%04u-%02u-%02u %02u:%02u:%02u", year, month, day,
                  hour, minute, second);
    return formatted;
}

std::string read_base64(std::string_view text) {
    std::string canonical;
    canonical.reserve(text.size());
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++padding;
        } else if (padding > 0 || base64_values[static_cast<unsigned char>(c)] < 0) {
            throw ValueError{"which is not base64 (" +
                             std::string(padding > 0 ? "data after '='" : "a stray character") +
                             " at offset " + std::to_string(i) + ")"};
        }
        canonical.push_back(c);
    }
    if (canonical.size() % 4 != 0 || padding > 2)
        throw ValueError{"which is not base64 (" + std::to_string(canonical.size()) +
                         " characters with " + std::to_string(padding) +
                         " '=', where whole groups of 4 with at most 2 '=' are needed)"};
    // Clear the bits that padding leaves unused, as re-encoding the decoded bytes would.
    if (padding > 0) {
        char& last = canonical[canonical.size() - padding - 1];
        const int mask = padding == 2 ? 0x30 : 0x3C;
        last = base64_alphabet[static_cast<std::size_t>(
            base64_values[static_cast<unsigned char>(last)] & mask)];
    }
    return canonical;
}

}  // namespace odoobridge::odoo::detail::xmlrpc
