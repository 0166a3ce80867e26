#include "xmlrpc_codec.hpp"

#include <odoobridge/core/errors.hpp>

#include <xmlrpc-c/base.h>
#include <xmlrpc-c/base.hpp>
#include <xmlrpc-c/base64.hpp>
#include <xmlrpc-c/girerr.hpp>
#include <xmlrpc-c/xml.hpp>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace odoobridge::odoo::detail::xmlrpc {

namespace {

/// xmlrpc-c's process-wide set-up, done once before the first document is written or read.
void ensure_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlrpc_env env;
        xmlrpc_env_init(&env);
        // Sets up xmlrpc-c's global state (its XML parser) so that it is safe to use from
        // several threads. Never undone with xmlrpc_term(): other code in the process may use
        // xmlrpc-c too, and the state lives until exit anyway.
        xmlrpc_init(&env);
        const bool failed = env.fault_occurred != 0;
        const std::string reason = failed && env.fault_string ? env.fault_string : "";
        xmlrpc_env_clean(&env);
        if (failed)
            throw Error("xmlrpc-c could not initialise (" + reason +
                        "); the XML-RPC protocol is unavailable: check the libxmlrpc-c "
                        "installation or use the JSON-RPC protocol");
        // xmlrpc-c refuses documents above 512 KiB by default, and Odoo's answers (fields_get,
        // images, large search_read pages) are often bigger. The transport's
        // max_response_bytes is the size cap, so lift xmlrpc-c's. The limit is per process;
        // it is only ever raised here, never lowered.
        constexpr std::size_t no_limit = std::numeric_limits<std::size_t>::max();
        if (xmlrpc_limit_get(XMLRPC_XML_SIZE_LIMIT_ID) < no_limit)
            xmlrpc_limit_set(XMLRPC_XML_SIZE_LIMIT_ID, no_limit);
    });
}

// ---------------------------------------------------------------------------------------------
// Exact doubles
//
// xmlrpc-c writes doubles with 16 significant digits and reads plain decimals by summing
// digit × 0.1^k, so both directions can be off by a few ULPs (it reads "0.02" as
// 0.020000000000000004). Odoo's Python writes the shortest text that reads back exactly and
// reads doubles exactly, so the codec corrects xmlrpc-c on both sides: a written document gets
// the exact text of each double, and each double read is snapped to the value written in the
// document that it approximates.

constexpr std::string_view double_open = "<double>";
constexpr std::string_view double_close = "</double>";

/// The shortest plain decimal text (XML-RPC has no exponent form) that reads back as `number`.
std::string exact_text(double number) {
    char text[400];  // the longest, DBL_MAX, has 309 digits
    const auto result = std::to_chars(text, text + sizeof text, number, std::chars_format::fixed);
    return std::string(text, result.ptr);
}

/// Replaces the text of each <double> element of `document`, which xmlrpc-c wrote (so every
/// "<double>" is an element: strings escape '<'), with the exact text of `numbers`, taken in
/// document order. Leaves the document as xmlrpc-c wrote it if the counts do not match.
void write_exact_doubles(std::string& document, const std::vector<double>& numbers) {
    if (numbers.empty()) return;
    std::string exact;
    exact.reserve(document.size() + 8 * numbers.size());
    std::size_t copied = 0;
    std::size_t next = 0;
    for (auto open = document.find(double_open); open != std::string::npos;
         open = document.find(double_open, copied)) {
        const std::size_t text_begin = open + double_open.size();
        const std::size_t text_end = document.find(double_close, text_begin);
        if (text_end == std::string::npos || next == numbers.size()) return;
        exact.append(document, copied, text_begin - copied);
        exact += exact_text(numbers[next++]);
        copied = text_end;
    }
    if (next != numbers.size()) return;
    exact.append(document, copied);
    document = std::move(exact);
}

/// The values of the <double> elements written in `document`, read exactly, sorted.
std::vector<double> written_doubles(std::string_view document) {
    std::vector<double> numbers;
    for (auto open = document.find(double_open); open != std::string_view::npos;
         open = document.find(double_open, open + double_open.size())) {
        const std::size_t text_begin = open + double_open.size();
        const std::size_t text_end = document.find('<', text_begin);
        if (text_end == std::string_view::npos) break;
        std::string_view text = document.substr(text_begin, text_end - text_begin);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
            text.remove_suffix(1);
        if (text.starts_with('+')) text.remove_prefix(1);
        double number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc() && end == text.data() + text.size()) numbers.push_back(number);
    }
    std::ranges::sort(numbers);
    return numbers;
}

/// How many representable doubles apart `a` and `b` are (the maximum for opposite signs).
std::uint64_t ulps_between(double a, double b) {
    if (a == b) return 0;
    if (std::signbit(a) != std::signbit(b)) return std::numeric_limits<std::uint64_t>::max();
    const auto x = std::bit_cast<std::int64_t>(a);
    const auto y = std::bit_cast<std::int64_t>(b);
    return static_cast<std::uint64_t>(x > y ? x - y : y - x);
}

/// The value written in the document that xmlrpc-c's reading `parsed` approximates (the
/// nearest of `written` within a few ULPs), else `parsed` itself.
double snap(double parsed, const std::vector<double>& written) {
    constexpr std::uint64_t max_ulps = 16;  // xmlrpc-c was measured off by at most 5
    if (written.empty() || !std::isfinite(parsed)) return parsed;
    const auto above = std::ranges::lower_bound(written, parsed);
    double best = parsed;
    std::uint64_t best_distance = max_ulps + 1;
    for (auto it : {above, above == written.begin() ? written.end() : std::prev(above)}) {
        if (it == written.end()) continue;
        if (const auto distance = ulps_between(parsed, *it); distance < best_distance) {
            best = *it;
            best_distance = distance;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// JSON → XML-RPC

/// Why a value cannot be encoded; `path` is built while unwinding ("[1].name").
struct EncodeError {
    std::string path;
    std::string reason;
};

std::string hex_byte(unsigned char byte) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(byte));
    return text;
}

std::string code_point_name(std::uint32_t code_point) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(code_point));
    return text;
}

/// Why `text` cannot be an XML 1.0 character string, or nothing when it can. Never quotes
/// the text itself (it may be a password).
std::optional<std::string> text_problem(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead < 0x80) {
            length = 1;
            code_point = lead;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code_point = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code_point = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code_point = lead & 0x07u;
        } else {
            return "is not valid UTF-8 (byte " + hex_byte(lead) + " at offset " +
                   std::to_string(i) + ")";
        }
        if (i + length > text.size())
            return "is not valid UTF-8 (sequence cut short at offset " + std::to_string(i) + ")";
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u)
                return "is not valid UTF-8 (byte " + hex_byte(next) + " at offset " +
                       std::to_string(i + k) + ")";
            code_point = (code_point << 6) | (next & 0x3Fu);
        }
        const bool overlong = (length == 3 && code_point < 0x800) ||
                              (length == 4 && code_point < 0x10000) || code_point > 0x10FFFF;
        if (overlong || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return "is not valid UTF-8 (bad sequence at offset " + std::to_string(i) + ")";
        const bool xml_char = code_point == 0x9 || code_point == 0xA || code_point == 0xD ||
                              (code_point >= 0x20 && code_point != 0xFFFE && code_point != 0xFFFF);
        if (!xml_char)
            return "contains the character " + code_point_name(code_point) + " at offset " +
                   std::to_string(i) +
                   ", which XML 1.0 cannot carry; remove it or use the JSON-RPC protocol";
        i += length;
    }
    return std::nullopt;
}

xmlrpc_c::value encode_string(const std::string& text) {
    if (auto problem = text_problem(text)) throw EncodeError{{}, std::move(*problem)};
    try {
        // nlCode_lf: only LF is a line end, so a CR in the data is kept (sent as &#x0d;).
        return xmlrpc_c::value_string(text, xmlrpc_c::value_string::nlCode_lf);
    } catch (const girerr::error& e) {
        throw EncodeError{{}, std::string("was refused by xmlrpc-c: ") + e.what()};
    }
}

xmlrpc_c::value encode_integer(std::int64_t number) {
    if (number >= std::numeric_limits<std::int32_t>::min() &&
        number <= std::numeric_limits<std::int32_t>::max())
        return xmlrpc_c::value_int(static_cast<int>(number));
    // <i8> is an extension of the XML-RPC spec; Odoo's server parses requests with Python's
    // xmlrpc.client, which accepts <i8> (and <nil/>) for any int.
    return xmlrpc_c::value_i8(number);
}

/// `value` as an XML-RPC value; appends each double, in document order, to `doubles`.
xmlrpc_c::value encode(const json& value, std::vector<double>& doubles) {
    switch (value.type()) {
        case json::value_t::null:
            // Odoo's server reads <nil/> (Python's unmarshaller always accepts it).
            return xmlrpc_c::value_nil();
        case json::value_t::boolean:
            return xmlrpc_c::value_boolean(value.get<bool>());
        case json::value_t::number_integer:
            return encode_integer(value.get<std::int64_t>());
        case json::value_t::number_unsigned: {
            const auto number = value.get<std::uint64_t>();
            if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                throw EncodeError{
                    {},
                    "is the integer " + std::to_string(number) + ", beyond XML-RPC's 64-bit <i8>"};
            return encode_integer(static_cast<std::int64_t>(number));
        }
        case json::value_t::number_float: {
            const double number = value.get<double>();
            if (!std::isfinite(number))
                throw EncodeError{{}, "is not a finite number (XML-RPC has no NaN or infinity)"};
            doubles.push_back(number);
            return xmlrpc_c::value_double(number);
        }
        case json::value_t::string:
            return encode_string(value.get_ref<const std::string&>());
        case json::value_t::array: {
            std::vector<xmlrpc_c::value> items;
            items.reserve(value.size());
            for (std::size_t i = 0; i < value.size(); ++i) {
                try {
                    items.push_back(encode(value[i], doubles));
                } catch (EncodeError& e) {
                    e.path.insert(0, "[" + std::to_string(i) + "]");
                    throw;
                }
            }
            return xmlrpc_c::value_array(items);
        }
        case json::value_t::object: {
            std::map<std::string, xmlrpc_c::value> members;
            for (const auto& [key, item] : value.items()) {
                if (auto problem = text_problem(key))
                    throw EncodeError{{}, "has a key that " + *problem};
                try {
                    members.emplace(key, encode(item, doubles));
                } catch (EncodeError& e) {
                    e.path.insert(0, "." + key);
                    throw;
                }
            }
            // xmlrpc-c writes members in this (key) order, the order they were encoded in.
            return xmlrpc_c::value_struct(members);
        }
        case json::value_t::binary:
            throw EncodeError{{},
                              "is a JSON binary value; Odoo takes binary field values as "
                              "base64 text, so pass a base64 string"};
        case json::value_t::discarded:
            break;
    }
    throw EncodeError{{}, "is a discarded JSON value (left by a failed parse)"};
}

// ---------------------------------------------------------------------------------------------
// XML-RPC → JSON

/// A value xmlrpc-c produced that has no JSON form (cannot come from a parsed document).
struct DecodeError {
    std::string reason;
};

std::string format_datetime(const xmlrpc_datetime& when) {
    // Odoo's datetime format; Odoo's datetimes have seconds resolution.
    char text[32];
    std::snprintf(text, sizeof text, "%04u-%02u-%02u %02u:%02u:%02u", when.Y, when.M, when.D,
                  when.h, when.m, when.s);
    return text;
}

/// `value` as JSON; `written` are the doubles of the document (see `snap`).
json decode(const xmlrpc_c::value& value, const std::vector<double>& written) {
    switch (value.type()) {
        case xmlrpc_c::value::TYPE_INT:
            return xmlrpc_c::value_int(value).cvalue();
        case xmlrpc_c::value::TYPE_I8:
            return static_cast<std::int64_t>(xmlrpc_c::value_i8(value).cvalue());
        case xmlrpc_c::value::TYPE_BOOLEAN:
            return xmlrpc_c::value_boolean(value).cvalue();
        // Odoo sends integers beyond 32 bits as <double>; they stay doubles here (the typed
        // codec turns them back into integers where the field is one).
        case xmlrpc_c::value::TYPE_DOUBLE:
            return snap(xmlrpc_c::value_double(value).cvalue(), written);
        case xmlrpc_c::value::TYPE_STRING:
            return xmlrpc_c::value_string(value).cvalue();
        case xmlrpc_c::value::TYPE_NIL:
            return nullptr;
        case xmlrpc_c::value::TYPE_DATETIME:
            return format_datetime(static_cast<xmlrpc_datetime>(xmlrpc_c::value_datetime(value)));
        case xmlrpc_c::value::TYPE_BYTESTRING:
            return xmlrpc_c::base64FromBytes(xmlrpc_c::value_bytestring(value).vectorUcharValue(),
                                             xmlrpc_c::NEWLINE_NO);
        case xmlrpc_c::value::TYPE_ARRAY: {
            json items = json::array();
            for (const auto& item : xmlrpc_c::value_array(value).vectorValueValue())
                items.push_back(decode(item, written));
            return items;
        }
        case xmlrpc_c::value::TYPE_STRUCT: {
            json members = json::object();
            for (const auto& [key, item] : xmlrpc_c::value_struct(value).cvalue())
                members.emplace(key, decode(item, written));
            return members;
        }
        case xmlrpc_c::value::TYPE_C_PTR:
        case xmlrpc_c::value::TYPE_DEAD:
            break;
    }
    throw DecodeError{"xmlrpc-c produced a value of internal type " +
                      std::to_string(static_cast<int>(value.type())) + " that has no JSON form"};
}

/// "Unable to find XML-RPC response in what server sent back.  Not valid XML.  x" → "Not
/// valid XML. x".
std::string tidy_reason(std::string reason) {
    constexpr std::string_view boilerplate =
        "Unable to find XML-RPC response in what server sent back.";
    if (reason.starts_with(boilerplate)) reason.erase(0, boilerplate.size());
    std::string tidy;
    tidy.reserve(reason.size());
    for (const char c : reason)
        if (!(c == ' ' && (tidy.empty() || tidy.back() == ' '))) tidy.push_back(c);
    while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == '.')) tidy.pop_back();
    return tidy;
}

[[noreturn]] void throw_malformed(const std::string& body, const std::string& endpoint,
                                  int http_status, const std::string& reason) {
    const bool truncated = body.find("<methodResponse") != std::string::npos &&
                           body.find("</methodResponse>") == std::string::npos;
    std::string what = body.empty() ? "an empty body"
                       : truncated  ? "a truncated XML-RPC answer"
                                    : "an invalid XML-RPC answer";
    throw MalformedResponseError(
        endpoint + " sent " + what + " (HTTP " + std::to_string(http_status) + ", " +
            std::to_string(body.size()) + " bytes): " + tidy_reason(reason) +
            ". The body starts with '" + core::body_excerpt(body) +
            "'. Check that the URL is Odoo's base URL and that no proxy rewrites or cuts the "
            "answer.",
        endpoint, http_status);
}

}  // namespace

std::string write_call(std::string_view method, std::span<const NamedParam> params,
                       std::string_view call_name) {
    ensure_initialized();
    xmlrpc_c::paramList list;
    std::vector<double> doubles;
    for (const NamedParam& param : params) {
        try {
            list.add(encode(param.value, doubles));
        } catch (const EncodeError& e) {
            throw ConfigurationError("cannot send " + std::string(call_name) + " over XML-RPC: " +
                                     std::string(param.name) + e.path + " " + e.reason);
        }
    }
    std::string document;
    try {
        xmlrpc_c::xml::generateCall(std::string(method), list, xmlrpc_dialect_i8, &document);
    } catch (const girerr::error& e) {
        throw ConfigurationError("cannot send " + std::string(call_name) +
                                 " over XML-RPC: xmlrpc-c could not write the call: " + e.what());
    }
    write_exact_doubles(document, doubles);
    return document;
}

Reply read_response(const std::string& body, const std::string& endpoint, int http_status) {
    ensure_initialized();
    xmlrpc_c::rpcOutcome outcome;
    try {
        xmlrpc_c::xml::parseResponse(body, &outcome);
        if (!outcome.succeeded()) {
            const xmlrpc_c::fault fault = outcome.getFault();
            return Reply{std::in_place_type<Fault>,
                         Fault{static_cast<int>(fault.getCode()), fault.getDescription()}};
        }
        return Reply{std::in_place_type<json>, decode(outcome.getResult(), written_doubles(body))};
    } catch (const girerr::error& e) {
        throw_malformed(body, endpoint, http_status, e.what());
    } catch (const DecodeError& e) {
        throw_malformed(body, endpoint, http_status, e.reason);
    }
}

}  // namespace odoobridge::odoo::detail::xmlrpc
