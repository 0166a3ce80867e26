// Writing JSON request bodies: appends to the caller's string exactly the bytes
// `json::dump()` produces (same escapes, same shortest round-trip doubles through nlohmann's
// own to_chars), without the temporary string, indent buffer, locale lookup and output
// adapter each dump() allocates. Strings that need no escape (nearly all) are copied with
// their quotes and separators in one step.

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <odoobridge/core/json.hpp>

namespace odoobridge::core {

namespace {

/// Bytes a JSON string cannot hold as they are: control characters, '"', '\\', and the
/// bytes of multi-byte UTF-8 sequences (checked before they are copied).
constexpr std::array<bool, 256> special_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 256; ++c) table[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return table;
}();

/// Length of the well-formed UTF-8 sequence (RFC 3629) at `text[i]`, or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    else
        return 0;
    if (lead == 0xE0)
        low = 0xA0;  // no overlong 3-byte forms
    else if (lead == 0xED)
        high = 0x9F;  // no UTF-16 surrogates
    else if (lead == 0xF0)
        low = 0x90;  // no overlong 4-byte forms
    else if (lead == 0xF4)
        high = 0x8F;  // nothing above U+10FFFF
    if (text.size() - i < length || byte(1) < low || byte(1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
    return length;
}

/// Throws the json::type_error (316) `dump()` throws for `text`, naming the bad byte.
[[noreturn]] void throw_invalid_utf8(std::string_view text) {
    (void)json(std::string(text)).dump();
    throw json::type_error::create(316, "invalid UTF-8 string", nullptr);
}

/// Appends `text` from `from` on, escaped as nlohmann escapes, then the closing quote.
void append_escaped_rest(std::string& out, std::string_view text, std::size_t from) {
    std::size_t plain = from;  // start of the bytes not yet copied
    for (std::size_t i = from; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!special_bytes[c]) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t length = utf8_sequence_length(text, i);
            if (length == 0) throw_invalid_utf8(text);
            i += length;
            continue;
        }
        out.append(text.data() + plain, i - plain);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                out.append(escape, sizeof escape);
            }
        }
        plain = ++i;
    }
    out.append(text.data() + plain, text.size() - plain);
    out.push_back('"');
}

/// Appends `before` (unless '\0'), `text` as a JSON string, then `after` (unless '\0').
void append_string(std::string& out, char before, std::string_view text, char after) {
    std::size_t clean = 0;
    while (clean < text.size() && !special_bytes[static_cast<unsigned char>(text[clean])]) ++clean;
    if (clean < text.size()) {  // escapes or non-ASCII: the careful path
        if (before != '\0') out.push_back(before);
        out.push_back('"');
        out.append(text.data(), clean);
        append_escaped_rest(out, text, clean);
        if (after != '\0') out.push_back(after);
        return;
    }
    const std::size_t at = out.size();
    const std::size_t extra = (before != '\0') + (after != '\0');
    out.resize(at + text.size() + 2 + extra);
    char* p = out.data() + at;
    if (before != '\0') *p++ = before;
    *p++ = '"';
    std::memcpy(p, text.data(), text.size());
    p += text.size();
    *p++ = '"';
    if (after != '\0') *p = after;
}

void append_value(std::string& out, const json& value);

void append_object(std::string& out, const json::object_t& object) {
    if (object.empty()) {
        out += "{}";
        return;
    }
    char before = '{';
    for (const auto& [key, member] : object) {
        append_string(out, before, key, ':');
        append_value(out, member);
        before = ',';
    }
    out.push_back('}');
}

void append_array(std::string& out, const json::array_t& array) {
    if (array.empty()) {
        out += "[]";
        return;
    }
    char before = '[';
    for (const json& item : array) {
        if (item.is_string()) {
            append_string(out, before, item.get_ref<const std::string&>(), '\0');
        } else {
            out.push_back(before);
            append_value(out, item);
        }
        before = ',';
    }
    out.push_back(']');
}

template <class Integer>
void append_integer(std::string& out, Integer value) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    out.append(digits.data(), end);
}

void append_value(std::string& out, const json& value) {
    switch (value.type()) {
        case json::value_t::object:
            append_object(out, value.get_ref<const json::object_t&>());
            return;
        case json::value_t::array:
            append_array(out, value.get_ref<const json::array_t&>());
            return;
        case json::value_t::string:
            append_string(out, '\0', value.get_ref<const std::string&>(), '\0');
            return;
        case json::value_t::boolean:
            out += value.get<bool>() ? "true" : "false";
            return;
        case json::value_t::null:
            out += "null";
            return;
        case json::value_t::number_integer:
            append_integer(out, value.get<std::int64_t>());
            return;
        case json::value_t::number_unsigned:
            append_integer(out, value.get<std::uint64_t>());
            return;
        case json::value_t::number_float: {
            const double number = value.get<double>();
            if (!std::isfinite(number)) {
                out += "null";  // as dump()
                return;
            }
            std::array<char, 64> digits{};
            out.append(digits.data(), nlohmann::detail::to_chars(
                                          digits.data(), digits.data() + digits.size(), number));
            return;
        }
        case json::value_t::binary:
        case json::value_t::discarded:
            out += value.dump();
            return;
    }
}

}  // namespace

void append_json(std::string& out, const json& value) { append_value(out, value); }

void append_json_string(std::string& out, std::string_view text) {
    append_string(out, '\0', text, '\0');
}

}  // namespace odoobridge::core
