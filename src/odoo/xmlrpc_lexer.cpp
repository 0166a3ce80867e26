// Tags, declarations, comments and errors of the XML-RPC lexer; character data is in
// xmlrpc_lexer_text.cpp.

#include "xmlrpc_lexer.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "xmlrpc_text.hpp"

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

constexpr bool is_space(char c) noexcept { return Lexer::is_space(c); }

/// Bytes of element and attribute names. XML allows more (any non-ASCII character, which
/// the bytes ≥ 0x80 cover); XML-RPC's names are ASCII, so unknown names are refused later
/// by the grammar with their (sanitised) text.
constexpr std::array<bool, 256> name_bytes = [] {
    std::array<bool, 256> name{};
    for (int c = 'a'; c <= 'z'; ++c) name[static_cast<std::size_t>(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c) name[static_cast<std::size_t>(c)] = true;
    for (int c = '0'; c <= '9'; ++c) name[static_cast<std::size_t>(c)] = true;
    for (const char c : {'_', ':', '.', '-'}) name[static_cast<unsigned char>(c)] = true;
    for (int c = 0x80; c < 0x100; ++c) name[static_cast<std::size_t>(c)] = true;
    return name;
}();

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::string describe(const Tag& tag) {
    std::string name = quoted_excerpt(tag.name);
    name = name.substr(1, name.size() - 2);  // without the quotes
    switch (tag.kind) {
        case Tag::Kind::open:
            return "<" + name + ">";
        case Tag::Kind::close:
            return "</" + name + ">";
        case Tag::Kind::empty:
            break;
    }
    return "<" + name + "/>";
}

void Lexer::fail(std::size_t offset, std::string_view what, std::string_view detail) const {
    throw SyntaxError{
        std::string(what) + " at byte " + std::to_string(offset) + std::string(detail), false};
}

void Lexer::fail_truncated() const {
    throw SyntaxError{"the body ends at byte " + std::to_string(doc_.size()) +
                          ", before the document is complete",
                      true};
}

std::size_t Lexer::after_comment(std::size_t p) const {
    const std::size_t end = doc_.find("-->", p + 4);
    if (end == std::string_view::npos) fail_truncated();
    return end + 3;
}

std::size_t Lexer::after_pi(std::size_t p) const {
    const std::size_t name = p + 2;
    if (doc_.size() - name >= 4 && equals_ignoring_case(doc_.substr(name, 3), "xml") &&
        is_space(doc_[name + 3]))
        fail(p, "an XML declaration", " after the start of the document");
    const std::size_t end = doc_.find("?>", name);
    if (end == std::string_view::npos) fail_truncated();
    return end + 2;
}

/// At a '<': skips a comment or processing instruction and returns true, returns false
/// for anything else but a CDATA section or a declaration, which are refused.
bool Lexer::skip_comment_or_pi() {
    if (pos_ + 1 >= doc_.size()) fail_truncated();
    const char next = doc_[pos_ + 1];
    if (next == '?') {
        pos_ = after_pi(pos_);
        return true;
    }
    if (next != '!') return false;
    if (at(pos_, "<!--")) {
        pos_ = after_comment(pos_);
        return true;
    }
    const std::string_view rest = doc_.substr(pos_);
    if (rest.size() < 9 && (std::string_view("<![CDATA[").starts_with(rest) ||
                            std::string_view("<!--").starts_with(rest)))
        fail_truncated();
    if (at(pos_, "<![CDATA[")) fail(pos_, "a CDATA section", " where an element belongs");
    fail(pos_, "a DOCTYPE or other declaration",
         "; XML-RPC answers have none, and the reader refuses them so that no entity can be "
         "defined");
}

void Lexer::prolog() {
    if (at(0, "\xEF\xBB\xBF")) pos_ = 3;
    if (!at(pos_, "<?xml") || pos_ + 5 >= doc_.size() || !is_space(doc_[pos_ + 5])) return;
    const std::size_t end = doc_.find("?>", pos_);
    if (end == std::string_view::npos) fail_truncated();
    const std::string_view declaration = doc_.substr(pos_, end - pos_);
    if (const auto key = declaration.find("encoding"); key != std::string_view::npos) {
        std::size_t p = key + 8;
        while (p < declaration.size() && (is_space(declaration[p]) || declaration[p] == '=')) ++p;
        const char quote = p < declaration.size() ? declaration[p] : '\0';
        const std::size_t close =
            quote == '"' || quote == '\'' ? declaration.find(quote, p + 1) : std::string_view::npos;
        if (close == std::string_view::npos)
            fail(pos_ + key, "a malformed encoding in the XML declaration");
        const std::string_view encoding = declaration.substr(p + 1, close - p - 1);
        if (!equals_ignoring_case(encoding, "UTF-8") && !equals_ignoring_case(encoding, "UTF8") &&
            !equals_ignoring_case(encoding, "US-ASCII"))
            fail(pos_ + key, "the encoding " + quoted_excerpt(encoding),
                 " in the XML declaration; the reader takes UTF-8 only (Odoo always sends it)");
    }
    pos_ = end + 2;
}

Tag Lexer::next_tag() {
    for (;;) {
        skip_space();
        if (pos_ >= doc_.size()) fail_truncated();
        if (doc_[pos_] != '<') {
            const std::size_t stop = std::min(doc_.find('<', pos_), doc_.size());
            fail(pos_, "the text " + quoted_excerpt(doc_.substr(pos_, stop - pos_)),
                 " where an element belongs");
        }
        const char next = pos_ + 1 < doc_.size() ? doc_[pos_ + 1] : '\0';
        if ((next != '!' && next != '?') || !skip_comment_or_pi()) break;
    }
    Tag tag;
    tag.offset = pos_;
    const std::size_t size = doc_.size();
    std::size_t p = pos_ + 1;
    const bool closing = p < size && doc_[p] == '/';
    if (closing) ++p;
    const std::size_t name_begin = p;
    while (p < size && name_bytes[static_cast<unsigned char>(doc_[p])]) ++p;
    if (p >= size) fail_truncated();
    tag.name = doc_.substr(name_begin, p - name_begin);
    if (tag.name.empty())
        fail(tag.offset, "a '<' followed by " + quoted_excerpt(doc_.substr(p, 1)),
             ", which starts no element name");
    if (closing) {
        tag.kind = Tag::Kind::close;
        while (p < size && is_space(doc_[p])) ++p;
        if (p >= size) fail_truncated();
        if (doc_[p] != '>')
            fail(p, "a stray " + quoted_excerpt(doc_.substr(p, 1)), " in an end tag");
        pos_ = p + 1;
        return tag;
    }
    bool spaced = false;
    for (;;) {
        if (p >= size) fail_truncated();
        const char c = doc_[p];
        if (c == '>') {
            tag.kind = Tag::Kind::open;
            pos_ = p + 1;
            return tag;
        }
        if (c == '/') {
            if (p + 1 >= size) fail_truncated();
            if (doc_[p + 1] != '>') fail(p, "a '/' not followed by '>'", " in a start tag");
            tag.kind = Tag::Kind::empty;
            pos_ = p + 2;
            return tag;
        }
        if (is_space(c)) {
            spaced = true;
            ++p;
            continue;
        }
        if (!spaced || !name_bytes[static_cast<unsigned char>(c)])
            fail(p, "a stray " + quoted_excerpt(doc_.substr(p, 1)),
                 " in the start tag " + describe(tag));
        p = attribute(p, tag);
        spaced = false;
    }
}

/// Skips the attribute `name="value"` (or 'value') at `p`; XML-RPC defines no attributes,
/// so their values are not read.
std::size_t Lexer::attribute(std::size_t p, const Tag& tag) const {
    const std::size_t size = doc_.size();
    while (p < size && name_bytes[static_cast<unsigned char>(doc_[p])]) ++p;
    while (p < size && is_space(doc_[p])) ++p;
    if (p >= size) fail_truncated();
    if (doc_[p] != '=') fail(p, "an attribute without '='", " in the start tag " + describe(tag));
    ++p;
    while (p < size && is_space(doc_[p])) ++p;
    if (p >= size) fail_truncated();
    const char quote = doc_[p];
    if (quote != '"' && quote != '\'')
        fail(p, "an unquoted attribute value", " in the start tag " + describe(tag));
    const std::size_t close = doc_.find(quote, p + 1);
    if (close == std::string_view::npos) fail_truncated();
    if (const auto lt = doc_.find('<', p + 1); lt < close)
        fail(lt, "a '<' inside an attribute value");
    return close + 1;
}

bool Lexer::start_tag_follows() {
    for (;;) {
        skip_space();
        if (pos_ + 1 >= doc_.size() || doc_[pos_] != '<') return false;
        const char next = doc_[pos_ + 1];
        if (next == '?') {
            pos_ = after_pi(pos_);
        } else if (next == '!') {
            if (!at(pos_, "<!--")) return false;
            pos_ = after_comment(pos_);
        } else {
            return next != '/';
        }
    }
}

void Lexer::finish() {
    for (;;) {
        skip_space();
        if (pos_ >= doc_.size()) return;
        if (doc_[pos_] != '<' || !skip_comment_or_pi())
            fail(pos_, "content after the end of the document element");
    }
}

}  // namespace odoobridge::odoo::detail::xmlrpc
