// Reading JSON answers for every protocol (writing requests: json_write.cpp).
//
// simdjson's DOM parser validates the body (structure, UTF-8, escapes, numbers) and
// the value is built straight from its tape, without nlohmann's character-by-character
// lexer. A body simdjson refuses is handed to nlohmann's parser, which either produces the
// value after all (integers beyond 64 bits, which it reads as doubles, and a leading UTF-8
// byte order mark) or throws the parse error the MalformedResponseError quotes; so both
// parsers accept the same documents and give the same values.

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <optional>
#include <stdexcept>

namespace odoobridge::core {

namespace {

namespace dom = simdjson::dom;

/// Bodies up to this size are parsed by a parser kept per thread (its buffers grow to the
/// largest body seen, about 14 bytes per input byte); larger ones get a parser of their own,
/// freed afterwards, so that one huge answer does not pin memory to the thread.
constexpr std::size_t kReusableParserLimit = std::size_t{1} << 20;

/// One thread's reusable parser and padded copy of the input.
struct ThreadParser {
    dom::parser parser;
    std::string input;
};

/// The input copied into `buffer` with the zero padding simdjson reads past the end.
const char* padded(std::string& buffer, std::string_view body) {
    buffer.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(body);
    buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    return buffer.data();
}

/// "<problem> from <endpoint> (HTTP <status>, <size> bytes<where>); the body starts with ...".
[[noreturn]] void throw_malformed(std::string_view problem, std::string_view body,
                                  const std::string& endpoint, int http_status,
                                  std::string_view where = {}) {
    throw MalformedResponseError(
        std::string(problem) + " from " + endpoint + " (HTTP " + std::to_string(http_status) +
            ", " + std::to_string(body.size()) + " bytes" + std::string(where) +
            "); the body starts with '" + body_excerpt(body) +
            "'. Check that the URL points at the service and that no proxy rewrites or cuts "
            "the answer.",
        endpoint, http_status);
}

/// nlohmann's verdict on a body simdjson refused: the value, or the project's error.
json parse_refused(std::string_view body, const std::string& endpoint, int http_status) {
    try {
        return json::parse(body);
    } catch (const json::parse_error& error) {
        // nlohmann counts the end of the input as one more byte read: an error found there
        // means the text stopped in the middle of a value.
        const bool truncated = error.id == 101 && error.byte > body.size();
        throw_malformed(truncated ? "truncated JSON" : "invalid JSON", body, endpoint, http_status,
                        ", error at byte " + std::to_string(error.byte));
    } catch (const json::exception&) {  // a number too large for a double (1e400)
        throw_malformed("invalid JSON", body, endpoint, http_status,
                        ", a number beyond the range of a double");
    }
}

/// Sets `out` to the value of `element`. Non-negative integers become unsigned and
/// negative ones signed, and a repeated object key keeps its last value, as in nlohmann.
void convert(dom::element element, json& out) {
    switch (element.type()) {
        case dom::element_type::OBJECT: {
            out = json::value_t::object;
            auto& object = out.get_ref<json::object_t&>();
            for (const dom::key_value_pair field : dom::object(element)) {
                // A repeated key finds its first value, which the later one overwrites.
                const auto slot = object.emplace(std::piecewise_construct,
                                                 std::forward_as_tuple(field.key), std::tuple<>());
                convert(field.value, slot.first->second);
            }
            return;
        }
        case dom::element_type::ARRAY: {
            out = json::value_t::array;
            auto& array = out.get_ref<json::array_t&>();
            const dom::array items(element);
            array.reserve(items.size());
            for (const dom::element item : items) convert(item, array.emplace_back());
            return;
        }
        case dom::element_type::STRING:
            out = std::string(element.get_string().value_unsafe());
            return;
        case dom::element_type::INT64: {
            const std::int64_t value = element.get_int64().value_unsafe();
            if (value >= 0)
                out = static_cast<std::uint64_t>(value);
            else
                out = value;
            return;
        }
        case dom::element_type::UINT64:
            out = element.get_uint64().value_unsafe();
            return;
        case dom::element_type::DOUBLE:
            out = element.get_double().value_unsafe();
            return;
        case dom::element_type::BOOL:
            out = element.get_bool().value_unsafe();
            return;
        case dom::element_type::NULL_VALUE:
            out = nullptr;
            return;
    }
}

/// Parses `body` with simdjson and passes the root element to `use`. Returns false when
/// simdjson refused the body (the caller asks nlohmann); throws for too deep nesting.
template <class Use>
bool with_document(std::string_view body, const std::string& endpoint, int http_status, Use&& use) {
    // Valid JSON never holds a raw NUL byte (not even in strings), but both simdjson and
    // nlohmann end the text at one: `[]\0garbage` was read as [] (found by fuzzing).
    if (const auto nul = body.find('\0'); nul != std::string_view::npos)
        throw_malformed("invalid JSON", body, endpoint, http_status,
                        ", a NUL byte at byte " + std::to_string(nul));
    std::unique_ptr<ThreadParser> own;
    ThreadParser* slot = nullptr;
    if (body.size() <= kReusableParserLimit) {
        thread_local ThreadParser shared;
        slot = &shared;
    } else {
        own = std::make_unique<ThreadParser>();
        slot = own.get();
    }
    const char* input = padded(slot->input, body);
    dom::element root;
    const simdjson::error_code error = slot->parser.parse(input, body.size(), false).get(root);
    if (error == simdjson::DEPTH_ERROR)
        throw_malformed(
            "JSON nested deeper than " + std::to_string(simdjson::DEFAULT_MAX_DEPTH) + " levels",
            body, endpoint, http_status);
    if (error != simdjson::SUCCESS) return false;
    use(root);
    return true;
}

}  // namespace

std::string body_excerpt(std::string_view body, std::size_t max_bytes) {
    std::string excerpt;
    excerpt.reserve(std::min(body.size(), max_bytes) + 3);
    for (std::size_t i = 0; i < body.size() && i < max_bytes; ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        excerpt.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
    }
    if (body.size() > max_bytes) excerpt += "…";
    return excerpt;
}

json parse_json_body(std::string_view body, const std::string& endpoint, int http_status) {
    json value;
    if (with_document(body, endpoint, http_status,
                      [&](dom::element root) { convert(root, value); }))
        return value;
    return parse_refused(body, endpoint, http_status);
}

bool parse_json_members(std::string_view body, std::span<const std::string_view> names,
                        std::span<std::optional<json>> values, const std::string& endpoint,
                        int http_status) {
    if (values.size() != names.size())
        throw std::invalid_argument("parse_json_members: give one value slot per name");
    for (auto& value : values) value.reset();
    bool is_object = false;
    const bool parsed = with_document(body, endpoint, http_status, [&](dom::element root) {
        if (!root.is_object()) return;
        is_object = true;
        for (const dom::key_value_pair field : dom::object(root))
            for (std::size_t i = 0; i < names.size(); ++i)
                if (field.key == names[i]) convert(field.value, values[i].emplace());
    });
    if (parsed) return is_object;
    json document = parse_refused(body, endpoint, http_status);
    if (!document.is_object()) return false;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (auto it = document.find(names[i]); it != document.end())
            values[i].emplace(std::move(*it));
    return true;
}

namespace {

/// Levels `release_json` empties itself; deeper ones are left to nlohmann's destructor.
constexpr int kReleaseDepth = 64;

/// Empties the arrays and objects in `value`, `depth` levels down, leaves first.
void release_children(json& value, int depth) noexcept {
    if (depth == 0) return;
    if (value.is_array()) {
        auto& items = value.get_ref<json::array_t&>();
        for (json& item : items) release_children(item, depth - 1);
        items.clear();
    } else if (value.is_object()) {
        auto& members = value.get_ref<json::object_t&>();
        for (auto& member : members) release_children(member.second, depth - 1);
        members.clear();
    }
}

}  // namespace

void release_json(json& value) noexcept {
    release_children(value, kReleaseDepth);
    value = nullptr;
}

}  // namespace odoobridge::core
