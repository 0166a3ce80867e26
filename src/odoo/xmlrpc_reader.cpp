// The XML-RPC response reader: a `methodResponse` document → a json value or a fault. The
// document level and the containers; single values are in xmlrpc_reader_values.cpp.

#include "xmlrpc_reader.hpp"

#include <climits>
#include <cstdint>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <utility>

namespace odoobridge::odoo::detail::xmlrpc {

Reply Reader::read() {
    lex_.prolog();
    const Tag root = lex_.next_tag();
    if (root.kind != Tag::Kind::open || root.name != "methodResponse")
        lex_.fail(root.offset, "the root element " + describe(root),
                  " where an XML-RPC answer has <methodResponse>");
    Reply reply;
    lex_.skip_space();
    const std::size_t body_offset = lex_.position();
    const Tag body =
        lex_.consume("<params>") ? Tag{"params", body_offset, Tag::Kind::open} : lex_.next_tag();
    if (body.kind == Tag::Kind::open && body.name == "params") {
        if (const Tag param = expect_open("<param>"); param.kind == Tag::Kind::empty)
            lex_.fail(param.offset, "a <param/> with no value");
        json result = element_value(1);
        expect_close("</param>");
        lex_.skip_space();
        if (!lex_.consume("</params>")) {
            const Tag end = lex_.next_tag();
            if (end.kind != Tag::Kind::close && end.name == "param")
                lex_.fail(end.offset, "a second <param>",
                          "; a methodResponse carries exactly one result");
            if (end.kind != Tag::Kind::close || end.name != "params") unexpected(end, "</params>");
        }
        reply.emplace<json>(std::move(result));
    } else if (body.kind == Tag::Kind::open && body.name == "fault") {
        const json fault = element_value(1);
        expect_close("</fault>");
        reply.emplace<Fault>(fault_of(fault, body.offset));
    } else if (body.name == "params" && body.kind == Tag::Kind::empty) {
        lex_.fail(body.offset, "<params/>", ", which carries no result");
    } else {
        unexpected(body, "<params> or <fault>");
    }
    expect_close("</methodResponse>");
    lex_.finish();
    return reply;
}

json Reader::structure(const Tag& tag, int depth) {
    json result(json::value_t::object);
    if (tag.kind == Tag::Kind::empty) return result;
    auto& members = result.get_ref<json::object_t&>();
    for (;;) {
        lex_.skip_space();
        if (!lex_.consume("<member>")) {
            const Tag next = lex_.next_tag();
            if (next.kind == Tag::Kind::close && next.name == "struct") return result;
            if (next.kind != Tag::Kind::open || next.name != "member")
                unexpected(next, "<member> or </struct>");
        }
        // A repeated name: the last value wins, as with xmlrpc-c and Python.
        json& slot = members[std::string(leaf(expect_open("<name>")))];
        slot = element_value(depth + 1);
        expect_close("</member>");
    }
}

json Reader::array(const Tag& tag, int depth) {
    if (tag.kind == Tag::Kind::empty) lex_.fail(tag.offset, "<array/>", " without <data>");
    json result(json::value_t::array);
    auto& items = result.get_ref<json::array_t&>();
    if (expect_open("<data>").kind == Tag::Kind::open) {
        for (;;) {
            lex_.skip_space();
            if (lex_.consume("<value>")) {
                items.push_back(value(depth + 1));
                continue;
            }
            const Tag next = lex_.next_tag();
            if (next.kind == Tag::Kind::open && next.name == "value")
                items.push_back(value(depth + 1));
            else if (next.kind == Tag::Kind::empty && next.name == "value")
                items.emplace_back(std::string());
            else if (next.kind == Tag::Kind::close && next.name == "data")
                break;
            else
                unexpected(next, "<value> or </data>");
        }
    }
    expect_close("</array>");
    return result;
}

Fault Reader::fault_of(const json& value, std::size_t offset) const {
    if (!value.is_object())
        lex_.fail(offset, "the <fault>",
                  " holds " + std::string(value.type_name()) +
                      " where a struct with faultCode and faultString belongs");
    const auto code = value.find("faultCode");
    if (code == value.end() || !code->is_number_integer() || code->get<std::int64_t>() < INT_MIN ||
        code->get<std::int64_t>() > INT_MAX)
        lex_.fail(offset, "the <fault>", " has no faultCode member holding an <int>");
    const auto message = value.find("faultString");
    if (message == value.end() || !message->is_string())
        lex_.fail(offset, "the <fault>", " has no faultString member holding a string");
    return Fault{static_cast<int>(code->get<std::int64_t>()), message->get<std::string>()};
}

void Reader::unexpected(const Tag& found, std::string_view expected) const {
    const bool mismatched = found.kind == Tag::Kind::close && expected.starts_with("</");
    lex_.fail(found.offset, describe(found),
              " where " + std::string(expected) + " belongs" +
                  (mismatched ? " (mismatched end tag)" : ""));
}

namespace {

[[noreturn]] void throw_malformed(std::string_view body, const std::string& endpoint,
                                  int http_status, const SyntaxError& error) {
    const char* what = body.empty()      ? "an empty body"
                       : error.truncated ? "a truncated XML-RPC answer"
                                         : "an invalid XML-RPC answer";
    throw MalformedResponseError(
        endpoint + " sent " + what + " (HTTP " + std::to_string(http_status) + ", " +
            std::to_string(body.size()) + " bytes): " + error.message + ". The body starts with '" +
            core::body_excerpt(body) +
            "'. Check that the URL is Odoo's base URL and that no proxy rewrites or cuts the "
            "answer.",
        endpoint, http_status);
}

}  // namespace

Reply read_response(std::string_view body, const std::string& endpoint, int http_status) {
    try {
        return Reader(body).read();
    } catch (const SyntaxError& error) {
        throw_malformed(body, endpoint, http_status, error);
    }
}

}  // namespace odoobridge::odoo::detail::xmlrpc
