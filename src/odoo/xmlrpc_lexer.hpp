#pragma once
// Internal (not installed): the XML layer of the XML-RPC response reader. Reads tags and
// character data straight from the body's bytes, without building a tree and without
// allocating except to rewrite text that holds entities, CRs or CDATA sections.
//
// It reads the XML that XML-RPC answers use: an optional UTF-8 byte-order mark and XML
// declaration, elements (attributes are read and ignored), character data with the five
// predefined entities and character references, CDATA sections, comments and processing
// instructions. It refuses DOCTYPE declarations (and so any entity definition), encodings
// other than UTF-8, invalid UTF-8, characters XML 1.0 does not allow, and text where an
// element belongs. Every refusal is a SyntaxError naming the byte offset.
//
// Thread safety: a Lexer is used by one thread; distinct Lexers are independent.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace odoobridge::odoo::detail::xmlrpc {

/// A document the reader refuses: what is wrong and at which byte offset.
struct SyntaxError {
    std::string message;
    bool truncated = false;  ///< the body ended before the document did
};

/// One tag: `<name>`, `</name>` or `<name/>`.
struct Tag {
    enum class Kind : unsigned char { open, close, empty };
    std::string_view name;
    std::size_t offset = 0;  ///< byte offset of its '<'
    Kind kind = Kind::open;
};

/// How `tag` reads in a message: "<name>", "</name>" or "<name/>" (the name sanitised).
[[nodiscard]] std::string describe(const Tag& tag);

class Lexer {
public:
    explicit Lexer(std::string_view document) noexcept : doc_(document) {}

    /// Skips a UTF-8 byte-order mark and the XML declaration.
    /// \throws SyntaxError when the declaration names an encoding other than UTF-8 (or its
    ///         subset US-ASCII), or is not closed.
    void prolog();

    /// The next tag, after whitespace, comments and processing instructions.
    /// \throws SyntaxError for other text, a CDATA section or DOCTYPE where an element
    ///         belongs, a malformed tag, or the end of the body.
    [[nodiscard]] Tag next_tag();

    /// Skips whitespace, comments and processing instructions, and tells whether a start
    /// tag (`<name`) comes next; false (with nothing consumed beyond the skipped items) for
    /// text, an end tag, a CDATA section or the end of the body.
    [[nodiscard]] bool start_tag_follows();

    /// The character data from here to the next tag: entities and character references
    /// decoded, CR LF and lone CR read as LF (as XML parsers do), CDATA sections taken
    /// verbatim, comments and processing instructions dropped. A view of the document when
    /// nothing needed rewriting, else of `scratch` (valid until `scratch` changes).
    /// \throws SyntaxError for invalid UTF-8, a character XML 1.0 does not allow, an
    ///         unknown entity, a stray '&' or "]]>", or the end of the body.
    [[nodiscard]] std::string_view text(std::string& scratch);

    /// Requires nothing but whitespace, comments and processing instructions up to the end.
    void finish();

    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    void seek(std::size_t position) noexcept { pos_ = position; }

    // The reader's fast path: Odoo's answers are regular, so most tags are matched as the
    // exact bytes Odoo writes; anything else (attributes, comments, errors) falls back to
    // next_tag().

    /// Skips XML whitespace.
    void skip_space() noexcept {
        while (pos_ < doc_.size() && is_space(doc_[pos_])) ++pos_;
    }

    /// The byte `ahead` bytes from here, or '\0' past the end.
    [[nodiscard]] char peek(std::size_t ahead = 0) const noexcept {
        return pos_ + ahead < doc_.size() ? doc_[pos_ + ahead] : '\0';
    }

    /// Consumes `literal` (a whole tag, e.g. "<value>") when the body continues with it.
    template <std::size_t N>
    bool consume(const char (&literal)[N]) noexcept {
        constexpr std::size_t size = N - 1;
        if (doc_.size() - pos_ < size || std::memcmp(doc_.data() + pos_, literal, size) != 0)
            return false;
        pos_ += size;
        return true;
    }

    /// Consumes the end tag `</name>` when the body continues with exactly it.
    bool consume_end_tag(std::string_view name) noexcept {
        const std::size_t size = name.size() + 3;
        if (doc_.size() - pos_ < size || doc_[pos_] != '<' || doc_[pos_ + 1] != '/' ||
            doc_[pos_ + size - 1] != '>')
            return false;
        for (std::size_t i = 0; i < name.size(); ++i)  // names are short: no memcmp call
            if (doc_[pos_ + 2 + i] != name[i]) return false;
        pos_ += size;
        return true;
    }

    [[nodiscard]] static constexpr bool is_space(char c) noexcept {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    /// Throws SyntaxError "`what` at byte `offset``detail`".
    [[noreturn]] void fail(std::size_t offset, std::string_view what,
                           std::string_view detail = {}) const;
    /// Throws the SyntaxError of a body that ends too early.
    [[noreturn]] void fail_truncated() const;

private:
    /// Whether the body continues with `literal` at `p` (≤ its size).
    template <std::size_t N>
    [[nodiscard]] bool at(std::size_t p, const char (&literal)[N]) const noexcept {
        return doc_.size() - p >= N - 1 && std::memcmp(doc_.data() + p, literal, N - 1) == 0;
    }
    bool skip_comment_or_pi();
    [[nodiscard]] std::size_t after_comment(std::size_t p) const;
    [[nodiscard]] std::size_t after_pi(std::size_t p) const;
    [[nodiscard]] std::size_t attribute(std::size_t p, const Tag& tag) const;
    [[nodiscard]] std::size_t utf8_char(std::size_t p) const;
    [[nodiscard]] std::size_t entity(std::size_t p, std::string& out) const;
    [[nodiscard]] std::size_t cdata(std::size_t p, std::string& out) const;

    std::string_view doc_;
    std::size_t pos_ = 0;
};

}  // namespace odoobridge::odoo::detail::xmlrpc
