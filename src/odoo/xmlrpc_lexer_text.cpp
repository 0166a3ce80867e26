// Character data of the XML-RPC lexer: the hot loop over string contents, entities,
// character references and CDATA sections.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "xmlrpc_lexer.hpp"
#include "xmlrpc_text.hpp"

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

/// What a byte of character data asks of the text loop.
enum class Byte : unsigned char {
    plain,    ///< copied as it is
    less,     ///< '<': a tag, comment, CDATA section or processing instruction
    amp,      ///< '&': an entity or character reference
    cr,       ///< CR: read as LF (CR LF as one LF)
    high,     ///< ≥ 0x80: the start of a UTF-8 sequence, validated
    bracket,  ///< ']': "]]>" is not allowed in character data
    control,  ///< a control character XML 1.0 does not allow
};

constexpr std::array<Byte, 256> byte_classes = [] {
    std::array<Byte, 256> classes{};
    for (int c = 0; c < 0x20; ++c) classes[static_cast<std::size_t>(c)] = Byte::control;
    for (int c = 0x80; c < 0x100; ++c) classes[static_cast<std::size_t>(c)] = Byte::high;
    classes['\t'] = classes['\n'] = Byte::plain;
    classes['\r'] = Byte::cr;
    classes['<'] = Byte::less;
    classes['&'] = Byte::amp;
    classes[']'] = Byte::bracket;
    return classes;
}();

Byte class_of(char c) noexcept { return byte_classes[static_cast<unsigned char>(c)]; }

}  // namespace

/// Validates the UTF-8 character at `p` (lead byte ≥ 0x80) and returns its length.
std::size_t Lexer::utf8_char(std::size_t p) const {
    char32_t code_point = 0;
    const std::size_t length = read_utf8(doc_.substr(p), code_point);
    if (length == 0) {
        const std::size_t expected = utf8_length(static_cast<unsigned char>(doc_[p]));
        if (expected != 0 && p + expected > doc_.size()) fail_truncated();
        fail(p, "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(doc_[p])) + ")",
             "; XML-RPC answers must be UTF-8");
    }
    if (!is_xml_char(code_point))
        fail(p, "the character " + code_point_name(code_point), ", which XML 1.0 does not allow");
    return length;
}

/// Decodes the entity or character reference at `p` ('&') into `out`; returns the offset
/// after its ';'.
std::size_t Lexer::entity(std::size_t p, std::string& out) const {
    constexpr std::size_t longest = 32;  // "&#x" + leading zeros + 6 hex digits + ';'
    const std::string_view window = doc_.substr(p, longest);
    const std::size_t semicolon = window.find(';');
    if (semicolon == std::string_view::npos) {
        if (p + window.size() >= doc_.size()) fail_truncated();
        fail(p, "a '&' that starts no entity or character reference",
             "; a literal '&' must be written '&amp;'");
    }
    const std::string_view name = window.substr(1, semicolon - 1);
    if (name == "lt") {
        out.push_back('<');
    } else if (name == "gt") {
        out.push_back('>');
    } else if (name == "amp") {
        out.push_back('&');
    } else if (name == "quot") {
        out.push_back('"');
    } else if (name == "apos") {
        out.push_back('\'');
    } else if (name.starts_with('#')) {
        const bool hex = name.size() > 1 && name[1] == 'x';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        std::uint32_t value = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
        const bool complete =
            !digits.empty() && error == std::errc() && end == digits.data() + digits.size();
        if (!complete)
            fail(p, "the malformed character reference " +
                        quoted_excerpt(window.substr(0, semicolon + 1)));
        if (value > 0x10FFFF || !is_xml_char(static_cast<char32_t>(value)))
            fail(p, "the character reference " + quoted_excerpt(window.substr(0, semicolon + 1)),
                 " to " + code_point_name(static_cast<char32_t>(value)) +
                     ", which XML 1.0 does not allow");
        append_utf8(out, static_cast<char32_t>(value));
    } else {
        fail(p, "the unknown entity " + quoted_excerpt(window.substr(0, semicolon + 1)),
             "; XML-RPC text knows only &lt; &gt; &amp; &quot; &apos; and character references");
    }
    return p + semicolon + 1;
}

/// Appends the content of the CDATA section at `p` to `out` (validated, line ends read as
/// LF); returns the offset after its "]]>".
std::size_t Lexer::cdata(std::size_t p, std::string& out) const {
    const std::size_t begin = p + 9;  // after "<![CDATA["
    const std::size_t end = doc_.find("]]>", begin);
    if (end == std::string_view::npos) fail_truncated();
    std::size_t copied = begin;
    for (std::size_t i = begin; i < end;) {
        const Byte kind = class_of(doc_[i]);
        if (kind == Byte::high) {
            i += utf8_char(i);
        } else if (kind == Byte::control) {
            fail(i, "the control character " + code_point_name(static_cast<unsigned char>(doc_[i])),
                 ", which XML 1.0 does not allow");
        } else if (kind == Byte::cr) {
            out.append(doc_.data() + copied, i - copied);
            out.push_back('\n');
            i += (i + 1 < end && doc_[i + 1] == '\n') ? 2 : 1;
            copied = i;
        } else {
            ++i;
        }
    }
    out.append(doc_.data() + copied, end - copied);
    return end + 3;
}

std::string_view Lexer::text(std::string& scratch) {
    const std::size_t begin = pos_;
    const std::size_t size = doc_.size();
    std::size_t copied = begin;  // start of the bytes not yet copied into `scratch`
    bool rewritten = false;      // the text is being built in `scratch`
    const auto copy_up_to = [&](std::size_t p) {
        if (!rewritten) {
            scratch.clear();
            rewritten = true;
        }
        scratch.append(doc_.data() + copied, p - copied);
    };
    std::size_t p = begin;
    for (;;) {
        p += plain_words<'<', '&', ']'>(doc_.data() + p, size - p);
        while (p < size && class_of(doc_[p]) == Byte::plain) ++p;
        if (p >= size) fail_truncated();
        switch (class_of(doc_[p])) {
            case Byte::plain:  // not reached: the loop above passed them
                ++p;
                break;
            case Byte::high:
                p += utf8_char(p);
                break;
            case Byte::bracket:
                if (at(p, "]]>")) fail(p, "\"]]>\" in text", "; XML requires it written ]]&gt;");
                ++p;
                break;
            case Byte::control:
                fail(
                    p,
                    "the control character " + code_point_name(static_cast<unsigned char>(doc_[p])),
                    ", which XML 1.0 does not allow");
            case Byte::cr:
                copy_up_to(p);
                scratch.push_back('\n');
                p += (p + 1 < size && doc_[p + 1] == '\n') ? 2 : 1;
                copied = p;
                break;
            case Byte::amp:
                copy_up_to(p);
                p = copied = entity(p, scratch);
                break;
            case Byte::less: {
                const char next = p + 1 < size ? doc_[p + 1] : '\0';
                if (next == '!' && at(p, "<!--")) {
                    copy_up_to(p);
                    p = copied = after_comment(p);
                } else if (next == '!' && at(p, "<![CDATA[")) {
                    copy_up_to(p);
                    p = copied = cdata(p, scratch);
                } else if (next == '?') {
                    copy_up_to(p);
                    p = copied = after_pi(p);
                } else {
                    pos_ = p;  // the tag that ends the text
                    if (!rewritten) return doc_.substr(begin, p - begin);
                    scratch.append(doc_.data() + copied, p - copied);
                    return scratch;
                }
                break;
            }
        }
    }
}

}  // namespace odoobridge::odoo::detail::xmlrpc
