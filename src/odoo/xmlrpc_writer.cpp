// The XML-RPC request writer: JSON values → a `methodCall` document, appended into one
// reserved std::string in a single pass (no intermediate tree).

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <odoobridge/core/errors.hpp>
#include <string>
#include <utility>

#include "xmlrpc_codec.hpp"
#include "xmlrpc_text.hpp"

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

/// Why a value cannot be written; `path` is built while unwinding ("[1].name").
struct EncodeError {
    std::string path;
    std::string reason;
};

/// Room for a typical call (an execute_kw document is 0.5–1.5 KiB; a read of 16 fields is
/// 1.3 KiB), so most calls write without reallocating; larger ones grow geometrically.
constexpr std::size_t initial_capacity = 2048;

/// Bytes copied into a string's text as they are: ASCII from space to DEL but the three
/// markup characters, plus tab and LF. The others are escaped, validated as UTF-8, or refused.
constexpr std::array<bool, 256> plain_bytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = true;
    plain['&'] = plain['<'] = plain['>'] = false;
    plain['\t'] = plain['\n'] = true;
    return plain;
}();

/// Why `text` is not UTF-8 at `offset`. Never quotes the text (it may be a password).
std::string utf8_problem(std::string_view text, std::size_t offset) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    const std::size_t length = utf8_length(lead);
    if (length == 0)
        return "is not valid UTF-8 (byte " + hex_byte(lead) + " at offset " +
               std::to_string(offset) + ")";
    if (offset + length > text.size())
        return "is not valid UTF-8 (sequence cut short at offset " + std::to_string(offset) + ")";
    return "is not valid UTF-8 (bad sequence at offset " + std::to_string(offset) + ")";
}

std::string unsendable_char(char32_t code_point, std::size_t offset) {
    return "contains the character " + code_point_name(code_point) + " at offset " +
           std::to_string(offset) +
           ", which XML 1.0 cannot carry; remove it or use the JSON-RPC protocol";
}

class Writer {
public:
    explicit Writer(std::string& out) noexcept : out_(out) {}

    /// Appends `<value>…</value>` for `value`.
    void value(const json& value) {
        switch (value.type()) {
            case json::value_t::null:
                // Odoo's server reads <nil/> (Python's unmarshaller always accepts it).
                out_ += "<value><nil/></value>";
                return;
            case json::value_t::boolean:
                out_ += value.get<bool>() ? "<value><boolean>1</boolean></value>"
                                          : "<value><boolean>0</boolean></value>";
                return;
            case json::value_t::number_integer:
                integer(value.get<std::int64_t>());
                return;
            case json::value_t::number_unsigned: {
                const auto number = value.get<std::uint64_t>();
                if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                    throw EncodeError{{},
                                      "is the integer " + std::to_string(number) +
                                          ", beyond XML-RPC's 64-bit <i8>"};
                integer(static_cast<std::int64_t>(number));
                return;
            }
            case json::value_t::number_float:
                real(value.get<double>());
                return;
            case json::value_t::string:
                out_ += "<value><string>";
                text(value.get_ref<const std::string&>());
                out_ += "</string></value>";
                return;
            case json::value_t::array:
                array(value.get_ref<const json::array_t&>());
                return;
            case json::value_t::object:
                object(value.get_ref<const json::object_t&>());
                return;
            case json::value_t::binary:
                throw EncodeError{{},
                                  "is a JSON binary value; Odoo takes binary field values as "
                                  "base64 text, so pass a base64 string"};
            case json::value_t::discarded:
                break;
        }
        throw EncodeError{{}, "is a discarded JSON value (left by a failed parse)"};
    }

    /// Appends `text` as XML character data: '&', '<' and '>' as entities, CR as `&#x0d;`
    /// (a raw CR would reach the server's parser as LF). Throws EncodeError for invalid UTF-8
    /// and for characters XML 1.0 cannot carry (controls other than tab, LF and CR).
    void text(std::string_view text) {
        std::size_t copied = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            i += plain_words<'&', '<', '>'>(text.data() + i, text.size() - i);
            while (i < text.size() && plain_bytes[static_cast<unsigned char>(text[i])]) ++i;
            if (i >= text.size()) break;
            const auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0x80) {
                char32_t code_point = 0;
                const std::size_t length = read_utf8(text.substr(i), code_point);
                if (length == 0) throw EncodeError{{}, utf8_problem(text, i)};
                if (!is_xml_char(code_point)) throw EncodeError{{}, unsendable_char(code_point, i)};
                i += length;
                continue;
            }
            out_.append(text.data() + copied, i - copied);
            switch (c) {
                case '&':
                    out_ += "&amp;";
                    break;
                case '<':
                    out_ += "&lt;";
                    break;
                case '>':
                    out_ += "&gt;";
                    break;
                case '\r':
                    out_ += "&#x0d;";
                    break;
                default:
                    throw EncodeError{{}, unsendable_char(c, i)};
            }
            copied = ++i;
        }
        out_.append(text.data() + copied, text.size() - copied);
    }

private:
    void integer(std::int64_t number) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
        // <i8> is an extension of the XML-RPC spec; Odoo's server parses requests with
        // Python's xmlrpc.client, which accepts <i8> (and <nil/>) for any int.
        const bool fits_int = number >= std::numeric_limits<std::int32_t>::min() &&
                              number <= std::numeric_limits<std::int32_t>::max();
        out_ += fits_int ? "<value><int>" : "<value><i8>";
        out_.append(digits, end);
        out_ += fits_int ? "</int></value>" : "</i8></value>";
    }

    void real(double number) {
        if (!std::isfinite(number))
            throw EncodeError{{}, "is not a finite number (XML-RPC has no NaN or infinity)"};
        // The shortest plain decimal text that reads back exactly (XML-RPC has no exponent
        // form): at most 309 digits for DBL_MAX and about 330 characters for the smallest
        // subnormals.
        char digits[400];
        const auto end =
            std::to_chars(digits, digits + sizeof digits, number, std::chars_format::fixed).ptr;
        out_ += "<value><double>";
        out_.append(digits, end);
        out_ += "</double></value>";
    }

    void array(const json::array_t& items) {
        out_ += "<value><array><data>";
        for (std::size_t i = 0; i < items.size(); ++i) {
            try {
                value(items[i]);
            } catch (EncodeError& e) {
                e.path.insert(0, "[" + std::to_string(i) + "]");
                throw;
            }
        }
        out_ += "</data></array></value>";
    }

    void object(const json::object_t& members) {
        // nlohmann's object is a std::map: members go out sorted by key, as xmlrpc-c wrote
        // them.
        out_ += "<value><struct>";
        for (const auto& [key, item] : members) {
            out_ += "<member><name>";
            try {
                text(key);
            } catch (EncodeError& e) {
                e.reason.insert(0, "has a key that ");
                throw;
            }
            out_ += "</name>";
            try {
                value(item);
            } catch (EncodeError& e) {
                e.path.insert(0, "." + key);
                throw;
            }
            out_ += "</member>";
        }
        out_ += "</struct></value>";
    }

    std::string& out_;
};

}  // namespace

std::string write_call(std::string_view method, std::span<const NamedParam> params,
                       std::string_view call_name) {
    const auto refuse = [&](const std::string& what) {
        return ConfigurationError("cannot send " + std::string(call_name) +
                                  " over XML-RPC: " + what);
    };
    std::string document;
    document.reserve(initial_capacity);
    Writer writer(document);
    document += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n<methodName>";
    try {
        writer.text(method);
    } catch (const EncodeError& e) {
        throw refuse("the method name " + e.reason);
    }
    document += "</methodName>\n<params>\n";
    for (const NamedParam& param : params) {
        document += "<param>";
        try {
            writer.value(param.value);
        } catch (const EncodeError& e) {
            throw refuse(std::string(param.name) + e.path + " " + e.reason);
        }
        document += "</param>\n";
    }
    document += "</params>\n</methodCall>\n";
    return document;
}

}  // namespace odoobridge::odoo::detail::xmlrpc
