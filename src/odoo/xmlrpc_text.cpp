#include "xmlrpc_text.hpp"

#include <cstdint>
#include <cstdio>

namespace odoobridge::odoo::detail::xmlrpc {

std::size_t read_utf8(std::string_view text, char32_t& code_point) noexcept {
    const auto lead = static_cast<unsigned char>(text.front());
    const std::size_t length = utf8_length(lead);
    if (length == 0 || length > text.size()) return 0;
    if (length == 1) {
        code_point = lead;
        return 1;
    }
    constexpr unsigned char lead_bits[] = {0, 0, 0x1F, 0x0F, 0x07};
    char32_t value = lead & lead_bits[length];
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[k]);
        if ((next & 0xC0u) != 0x80u) return 0;
        value = (value << 6) | (next & 0x3Fu);
    }
    const bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
    if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    code_point = value;
    return length;
}

void append_utf8(std::string& out, char32_t code_point) {
    const auto c = static_cast<std::uint32_t>(code_point);
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string code_point_name(char32_t code_point) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(code_point));
    return text;
}

std::string hex_byte(unsigned char byte) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(byte));
    return text;
}

std::string quoted_excerpt(std::string_view text, std::size_t max_bytes) {
    std::string excerpt = "'";
    for (std::size_t i = 0; i < text.size() && i < max_bytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        excerpt.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?');
    }
    if (text.size() > max_bytes) excerpt += "…";
    excerpt.push_back('\'');
    return excerpt;
}

}  // namespace odoobridge::odoo::detail::xmlrpc
