#pragma once
// Internal (not installed): the XML-RPC response reader behind read_response()
// (xmlrpc_codec.hpp). Recursive descent over the body's bytes with the lexer of
// xmlrpc_lexer.hpp, building only the json values: the document level and the containers in
// xmlrpc_reader.cpp, single values in xmlrpc_reader_values.cpp.
//
// Thread safety: a Reader reads one document on one thread.

#include <cstddef>
#include <odoobridge/core/json.hpp>
#include <string>
#include <string_view>

#include "xmlrpc_codec.hpp"
#include "xmlrpc_lexer.hpp"

namespace odoobridge::odoo::detail::xmlrpc {

/// How deeply values may nest (Odoo's answers use a handful of levels). Bounds the
/// recursion, so that a hostile document cannot exhaust the stack.
inline constexpr int max_depth = 512;

/// The value types, by element.
enum class Type : unsigned char {
    unknown,
    string,
    int32,
    int64,
    boolean,
    real,
    datetime,
    base64,
    structure,
    array,
    nil
};

class Reader {
public:
    explicit Reader(std::string_view body) noexcept : lex_(body) {}

    /// The whole document. \throws SyntaxError naming what is wrong and its byte offset.
    Reply read();

private:
    /// `<value>…</value>` (or `<value/>`, the empty string) at depth `depth`.
    json element_value(int depth) {
        return expect_open("<value>").kind == Tag::Kind::open ? value(depth) : json(std::string());
    }

    /// The content of a `<value>` whose start tag was read, through its end tag. No type
    /// element means a string (the XML-RPC spec's default).
    json value(int depth);

    /// Consumes the start tag of a value type written exactly as Odoo writes it, naming it
    /// in `tag`; Type::unknown (nothing consumed) for anything else.
    Type known_type(Tag& tag);

    /// The value of type `type` whose start tag `tag` was read, through its end tag.
    json typed(Type type, const Tag& tag, int depth);

    /// The text of the leaf element `tag` (whose start tag was read), through its end tag.
    std::string_view leaf(const Tag& tag);

    /// The leaf `tag` read by `read`; its ValueError becomes a SyntaxError with the offset.
    template <class Read>
    json scalar(const Tag& tag, Read&& read);

    json structure(const Tag& tag, int depth);
    json array(const Tag& tag, int depth);
    Fault fault_of(const json& value, std::size_t offset) const;

    /// Reads the start tag `literal` ("<name>"), or `<name/>`; anything else fails.
    template <std::size_t N>
    Tag expect_open(const char (&literal)[N]) {
        const std::string_view name(literal + 1, N - 3);
        lex_.skip_space();
        const std::size_t offset = lex_.position();
        if (lex_.consume(literal)) return Tag{name, offset, Tag::Kind::open};
        const Tag tag = lex_.next_tag();
        if (tag.kind == Tag::Kind::close || tag.name != name) unexpected(tag, literal);
        return tag;
    }

    /// Reads the end tag `literal` ("</name>"); anything else fails.
    template <std::size_t N>
    void expect_close(const char (&literal)[N]) {
        lex_.skip_space();
        if (lex_.consume(literal)) return;
        const Tag tag = lex_.next_tag();
        if (tag.kind != Tag::Kind::close || tag.name != std::string_view(literal + 2, N - 4))
            unexpected(tag, literal);
    }

    /// Fails: `found` where `expected` belongs.
    [[noreturn]] void unexpected(const Tag& found, std::string_view expected) const;

    Lexer lex_;
    std::string scratch_;  ///< rewritten text (entities, CRs, CDATA)
};

}  // namespace odoobridge::odoo::detail::xmlrpc
