// Single values of the XML-RPC response reader: the type dispatch, leaf elements and
// scalars.

#include <string>

#include "xmlrpc_reader.hpp"
#include "xmlrpc_scalars.hpp"
#include "xmlrpc_text.hpp"

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

Type type_of(std::string_view name) noexcept {
    if (name == "string") return Type::string;
    if (name == "int" || name == "i4") return Type::int32;
    if (name == "struct") return Type::structure;
    if (name == "array") return Type::array;
    if (name == "boolean") return Type::boolean;
    if (name == "double") return Type::real;
    if (name == "nil" || name == "ex:nil") return Type::nil;
    if (name == "i8" || name == "ex:i8") return Type::int64;
    if (name == "dateTime.iso8601") return Type::datetime;
    if (name == "base64") return Type::base64;
    return Type::unknown;
}

std::int64_t read_int32(std::string_view text) { return read_integer(text, 32); }
std::int64_t read_int64(std::string_view text) { return read_integer(text, 64); }

}  // namespace

json Reader::value(int depth) {
    const std::size_t start = lex_.position();
    if (depth > max_depth)
        lex_.fail(start, "a <value> nested deeper than " + std::to_string(max_depth) + " levels",
                  "; the reader refuses such documents to protect its stack");
    json result;
    lex_.skip_space();
    Tag tag{{}, lex_.position(), Tag::Kind::open};
    if (const Type type = known_type(tag); type != Type::unknown) {
        result = typed(type, tag, depth);
    } else {
        lex_.seek(start);
        if (lex_.start_tag_follows()) {
            tag = lex_.next_tag();
            result = typed(type_of(tag.name), tag, depth);
        } else {
            lex_.seek(start);
            result = std::string(lex_.text(scratch_));
        }
    }
    expect_close("</value>");
    return result;
}

Type Reader::known_type(Tag& tag) {
    if (lex_.peek() != '<') return Type::unknown;
    const auto found = [&](Type type, std::string_view name) {
        tag.name = name;
        return type;
    };
    switch (lex_.peek(1)) {
        case 's':
            if (lex_.consume("<string>")) return found(Type::string, "string");
            if (lex_.consume("<struct>")) return found(Type::structure, "struct");
            break;
        case 'i':
            if (lex_.consume("<int>")) return found(Type::int32, "int");
            if (lex_.consume("<i4>")) return found(Type::int32, "i4");
            if (lex_.consume("<i8>")) return found(Type::int64, "i8");
            break;
        case 'b':
            if (lex_.consume("<boolean>")) return found(Type::boolean, "boolean");
            if (lex_.consume("<base64>")) return found(Type::base64, "base64");
            break;
        case 'd':
            if (lex_.consume("<double>")) return found(Type::real, "double");
            if (lex_.consume("<dateTime.iso8601>"))
                return found(Type::datetime, "dateTime.iso8601");
            break;
        case 'a':
            if (lex_.consume("<array>")) return found(Type::array, "array");
            break;
        case 'n':
            if (lex_.consume("<nil/>")) {
                tag.kind = Tag::Kind::empty;
                return found(Type::nil, "nil");
            }
            break;
        default:
            break;
    }
    return Type::unknown;
}

json Reader::typed(Type type, const Tag& tag, int depth) {
    switch (type) {
        case Type::string:
            return std::string(leaf(tag));
        case Type::int32:
            return scalar(tag, read_int32);
        case Type::int64:
            return scalar(tag, read_int64);
        case Type::boolean:
            return scalar(tag, read_boolean);
        case Type::real:
            return scalar(tag, read_double);
        // Odoo's datetime text and base64 text: what the typed codec reads over JSON-RPC.
        case Type::datetime:
            return scalar(tag, read_datetime);
        case Type::base64:
            return scalar(tag, read_base64);
        case Type::structure:
            return structure(tag, depth);
        case Type::array:
            return array(tag, depth);
        case Type::nil:
            if (leaf(tag).find_first_not_of(" \t\n") != std::string_view::npos)
                lex_.fail(tag.offset, describe(tag), " holds text; nil has no content");
            return nullptr;
        case Type::unknown:
            break;
    }
    lex_.fail(tag.offset, "the unknown element " + describe(tag),
              " where a value type belongs (int, i4, i8, boolean, double, string, "
              "dateTime.iso8601, base64, struct, array or nil)");
}

std::string_view Reader::leaf(const Tag& tag) {
    if (tag.kind == Tag::Kind::empty) return {};
    const std::string_view text = lex_.text(scratch_);
    if (lex_.consume_end_tag(tag.name)) return text;
    const Tag end = lex_.next_tag();
    if (end.kind == Tag::Kind::close && end.name == tag.name) return text;
    if (end.kind != Tag::Kind::close)
        lex_.fail(end.offset, "the element " + describe(end),
                  " inside " + describe(tag) + " (at byte " + std::to_string(tag.offset) +
                      "), which holds text only");
    unexpected(end, "</" + std::string(tag.name) + ">");
}

template <class Read>
json Reader::scalar(const Tag& tag, Read&& read) {
    const std::string_view text = leaf(tag);
    try {
        return json(read(text));
    } catch (const ValueError& e) {
        lex_.fail(tag.offset, describe(tag), " holds " + quoted_excerpt(text) + ", " + e.reason);
    }
}

}  // namespace odoobridge::odoo::detail::xmlrpc
