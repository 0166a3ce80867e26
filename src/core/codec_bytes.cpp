// The bytes path of the codec: simdjson On-Demand walks the answer's JSON text and hands
// each value to the templates of core/codec.hpp through BytesValueReader. No DOM is built;
// only json/properties fields and JSON-RPC error objects are parsed into odoobridge::json.

#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/errors.hpp>

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

namespace odoobridge::core {
namespace {

namespace od = simdjson::ondemand;

/// Answers above this size get a parser of their own, freed after the call, so that one huge
/// answer does not pin its buffers to the thread for good.
constexpr std::size_t kReusableParserLimit = std::size_t{64} << 20;
/// Longest excerpt of a value quoted in a DecodeError.
constexpr std::size_t kExcerptBytes = 80;

bool is_json_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// The text of the JSON value starting at `begin` (after whitespace), up to `end`. Assumes
/// the structure was validated (simdjson's first stage does that for the whole document).
std::string_view value_text(const char* begin, const char* end) noexcept {
    const char* p = begin;
    while (p < end && is_json_space(*p)) ++p;
    const char* const start = p;
    if (p == end) return {};
    if (*p == '"') {
        for (++p; p < end; ++p) {
            if (*p == '\\') {
                ++p;
            } else if (*p == '"') {
                ++p;
                break;
            }
        }
    } else if (*p == '[' || *p == '{') {
        int depth = 0;
        bool in_string = false;
        for (; p < end; ++p) {
            const char c = *p;
            if (in_string) {
                if (c == '\\')
                    ++p;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                ++p;
                break;
            }
        }
    } else {
        while (p < end && !is_json_space(*p) && *p != ',' && *p != ']' && *p != '}') ++p;
    }
    if (p > end) p = end;
    return {start, static_cast<std::size_t>(p - start)};
}

/// `text` without whitespace outside strings (the compact form nlohmann's dump gives, so that
/// both paths quote a value alike), cut after `limit + 1` bytes.
std::string compact_prefix(std::string_view text, std::size_t limit) {
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size() && out.size() <= limit; ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                in_string = false;
        } else if (!is_json_space(c)) {
            out += c;
            in_string = c == '"';
        }
    }
    return out;
}

[[noreturn]] void throw_malformed(simdjson::error_code error, const DecodeState& state,
                                  std::string_view document, std::string_view what = {}) {
    std::string message = "invalid or truncated JSON";
    if (!state.endpoint.empty()) message += " from " + std::string(state.endpoint);
    if (state.http_status != 0) message += " (HTTP " + std::to_string(state.http_status) + ")";
    message += ": ";
    message += what.empty() ? std::string(simdjson::error_message(error)) : std::string(what);
    message += "; " + std::to_string(document.size()) + " bytes starting with '" +
               body_excerpt(document) +
               "'. Check that the URL points at the service and that no proxy rewrites or cuts "
               "the answer.";
    throw MalformedResponseError(message, std::string(state.endpoint), state.http_status);
}

/// Reads the number token `token` when it is an integer that fits in std::int64_t (digits
/// only, after an optional minus); false for fractions, exponents and larger integers.
bool read_int64_token(std::string_view token, std::int64_t& value) noexcept {
    const bool negative = !token.empty() && token.front() == '-';
    const std::string_view digits = negative ? token.substr(1) : token;
    if (digits.empty() || digits.size() > 19) return false;
    std::uint64_t magnitude = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return false;  // '.', 'e', 'E', '+'
        magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');  // < 10^19 < 2^64
    }
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (magnitude > max + (negative ? 1 : 0)) return false;
    value = negative ? static_cast<std::int64_t>(0 - magnitude)
                     : static_cast<std::int64_t>(magnitude);
    return true;
}

/// One thread's reusable parser and padded input buffer.
struct ParserSlot {
    od::parser parser;
    std::string buffer;
    bool busy = false;
};

/// The parser and padded copy of one input for the duration of one walk.
class ParseSession {
public:
    explicit ParseSession(std::string_view text) {
        thread_local ParserSlot shared;
        if (!shared.busy && text.size() <= kReusableParserLimit) {
            slot_ = &shared;
            shared.busy = true;
        } else {
            own_ = std::make_unique<ParserSlot>();
            slot_ = own_.get();
        }
        slot_->buffer.assign(text);
        slot_->buffer.append(simdjson::SIMDJSON_PADDING, ' ');
        size_ = text.size();
    }
    ~ParseSession() {
        if (!own_) slot_->busy = false;
    }
    ParseSession(const ParseSession&) = delete;
    ParseSession& operator=(const ParseSession&) = delete;

    /// The input (inside the padded copy, which values point into).
    [[nodiscard]] std::string_view document() const noexcept {
        return {slot_->buffer.data(), size_};
    }

    /// Starts parsing. \throws MalformedResponseError.
    od::document& iterate(const DecodeState& state) {
        if (const auto error =
                slot_->parser.iterate(slot_->buffer.data(), size_, slot_->buffer.size())
                    .get(document_))
            throw_malformed(error, state, document());
        return document_;
    }

    /// \throws MalformedResponseError when anything but whitespace follows the root value.
    void check_end(const DecodeState& state) {
        const char* end = slot_->buffer.data() + size_;
        const char* where = nullptr;
        if (document_.current_location().get(where) == simdjson::SUCCESS && where < end) {
            for (const char* p = where; p < end; ++p)
                if (!is_json_space(*p))
                    throw_malformed(simdjson::TRAILING_CONTENT, state, document(),
                                    "content after the end of the JSON value at byte " +
                                        std::to_string(p - slot_->buffer.data()));
        }
    }

private:
    ParserSlot* slot_ = nullptr;
    std::unique_ptr<ParserSlot> own_;
    std::size_t size_ = 0;
    od::document document_;
};

od::value& as_value(void* value) noexcept { return *static_cast<od::value*>(value); }

/// The position of the first '"' or '\\' at or after `p`, eight bytes at a time. Reading
/// past the string is safe: the input is followed by SIMDJSON_PADDING bytes and always holds
/// the closing quote.
inline const char* find_quote_or_backslash(const char* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    for (;; p += 8) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        const std::uint64_t quotes = word ^ (ones * '"');
        const std::uint64_t backslashes = word ^ (ones * '\\');
        const std::uint64_t hits = ((quotes - ones) & ~quotes & highs) |
                                   ((backslashes - ones) & ~backslashes & highs);
        if (hits != 0) return p + std::countr_zero(hits) / 8;  // little-endian: first byte
    }
}

/// The key of `field` unescaped into the parser's string buffer (the rare slow path).
[[gnu::noinline]] std::string_view unescaped_member_key(od::field& field, const DecodeState& state,
                                                       std::string_view document) {
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) throw_malformed(error, state, document);
    return key;
}

/// The key of `field`: a view of the input when it has no escapes (field names never do).
inline std::string_view member_key(od::field& field, const DecodeState& state,
                                   std::string_view document) {
    const char* const begin = field.key().raw();  // just after the opening quote
    const char* const end = find_quote_or_backslash(begin);
    if (*end == '"') return {begin, static_cast<std::size_t>(end - begin)};
    return unescaped_member_key(field, state, document);
}

}  // namespace

ValueKind BytesValueReader::classify() {
    std::string_view token = as_value(value_).raw_json_token();
    while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
    if (token.empty()) throw_malformed(simdjson::TAPE_ERROR, *state_, document_);
    start_ = token.data();
    token_size_ = token.size();
    switch (token.front()) {
        case '{':
            kind_ = ValueKind::object;
            break;
        case '[':
            kind_ = ValueKind::array;
            break;
        case '"':
            kind_ = ValueKind::string;
            break;
        case 't':
            if (token != "true") throw_malformed(simdjson::T_ATOM_ERROR, *state_, document_);
            kind_ = ValueKind::boolean_true;
            break;
        case 'f':
            if (token != "false") throw_malformed(simdjson::F_ATOM_ERROR, *state_, document_);
            kind_ = ValueKind::boolean_false;
            break;
        case 'n':
            if (token != "null") throw_malformed(simdjson::N_ATOM_ERROR, *state_, document_);
            kind_ = ValueKind::null;
            break;
        default:
            if (token.front() != '-' && (token.front() < '0' || token.front() > '9'))
                throw_malformed(simdjson::TAPE_ERROR, *state_, document_);
            kind_ = read_int64_token(token, integer_) ? ValueKind::integer : ValueKind::floating;
            break;
    }
    kind_known_ = true;
    return kind_;
}

double BytesValueReader::parse_double() {
    double value = 0;
    if (const auto error = as_value(value_).get_double().get(value))
        throw_malformed(error, *state_, document_);
    return value;
}

std::string_view BytesValueReader::unescape_string() {
    std::string_view value;
    if (const auto error = as_value(value_).get_string().get(value))
        throw_malformed(error, *state_, document_);
    return value;
}

std::string_view BytesValueReader::text() const {
    return value_text(start_, document_.data() + document_.size());
}

json BytesValueReader::get_dynamic() {
    (void)kind();
    const std::string_view raw = text();
    try {
        return json::parse(raw);
    } catch (const json::parse_error& error) {
        throw_malformed(simdjson::TAPE_ERROR, *state_, document_,
                        "a value at byte " + std::to_string(start_ - document_.data()) +
                            " is not valid JSON (" + error.what() + ")");
    }
}

void BytesValueReader::fail(std::string_view expected) {
    if (state_->failed) return;
    (void)kind();
    state_->record_failure(expected,
                           body_excerpt(compact_prefix(text(), kExcerptBytes), kExcerptBytes));
}

void BytesValueReader::each_element(ElementCallback callback, void* context) {
    od::array array;
    if (const auto error = as_value(value_).get_array().get(array))
        throw_malformed(error, *state_, document_);
    for (auto element : array) {
        if (const auto error = element.error()) throw_malformed(error, *state_, document_);
        BytesValueReader reader(&element.value_unsafe(), *state_, document_);
        callback(context, reader);
    }
}

void BytesValueReader::each_member(MemberCallback callback, void* context) {
    od::object object;
    if (const auto error = as_value(value_).get_object().get(object))
        throw_malformed(error, *state_, document_);
    for (auto member : object) {
        if (const auto error = member.error()) throw_malformed(error, *state_, document_);
        od::field& field = member.value_unsafe();
        BytesValueReader reader(&field.value(), *state_, document_);
        callback(context, member_key(field, *state_, document_), reader);
    }
}

namespace {

/// Calls `callback` for each element of `array` (a list of records). Before the second
/// element, `reserve` is told how many records the list probably holds: the size of the
/// first one predicts the rest, with 25% slack (counting them would cost a pass).
void walk_records(od::array& array, DecodeState& state, std::string_view document,
                  BytesValueReader::ElementCallback callback,
                  BytesWalker::ReserveCallback reserve, void* context,
                  BytesValueReader (*make_reader)(od::value*, DecodeState&, std::string_view)) {
    std::size_t index = 0;
    const char* first = nullptr;
    for (auto element : array) {
        if (const auto error = element.error()) throw_malformed(error, state, document);
        od::value& value = element.value_unsafe();
        if (reserve != nullptr && index < 2) {
            const char* const start = value.raw_json_token().data();
            if (index == 0) {
                first = start;
            } else {
                const auto first_size =
                    static_cast<std::size_t>(std::max<std::ptrdiff_t>(start - first, 1));
                const auto rest =
                    static_cast<std::size_t>(document.data() + document.size() - start);
                const std::size_t estimate = 1 + rest / first_size;
                reserve(context, 1 + estimate + estimate / 4);
            }
        }
        state.begin_record(index++);
        BytesValueReader reader = make_reader(&value, state, document);
        callback(context, reader);
    }
}

}  // namespace

void BytesWalker::record_list(std::string_view text, DecodeState& state,
                              BytesValueReader::ElementCallback callback, ReserveCallback reserve,
                              void* context) {
    ParseSession session(text);
    od::document& document = session.iterate(state);
    od::json_type type;
    if (const auto error = document.type().get(type))
        throw_malformed(error, state, session.document());
    if (type != od::json_type::array) {
        const std::string_view root =
            value_text(session.document().data(), session.document().data() + text.size());
        state.record_failure("list of records",
                             body_excerpt(compact_prefix(root, kExcerptBytes), kExcerptBytes));
        throw_decode_error(state);
    }
    od::array array;
    if (const auto error = document.get_array().get(array))
        throw_malformed(error, state, session.document());
    walk_records(array, state, session.document(), callback, reserve, context,
                 [](od::value* value, DecodeState& s, std::string_view doc) {
                     return BytesValueReader(value, s, doc);
                 });
    session.check_end(state);
}

std::optional<json> BytesWalker::jsonrpc_result_list(std::string_view text, DecodeState& state,
                                                     BytesValueReader::ElementCallback callback,
                                                     ReserveCallback reserve, void* context) {
    ParseSession session(text);
    const std::string_view document_text = session.document();
    od::document& document = session.iterate(state);
    od::json_type type;
    if (const auto error = document.type().get(type)) throw_malformed(error, state, document_text);
    if (type != od::json_type::object)
        throw_malformed(simdjson::INCORRECT_TYPE, state, document_text,
                        "the body is not a JSON-RPC answer (a JSON object)");
    od::object object;
    if (const auto error = document.get_object().get(object))
        throw_malformed(error, state, document_text);

    bool has_result = false;
    std::optional<json> server_error;
    for (auto member : object) {
        if (const auto error = member.error()) throw_malformed(error, state, document_text);
        od::field& field = member.value_unsafe();
        const std::string_view key = member_key(field, state, document_text);
        od::value& value = field.value();
        if (key == "result") {
            has_result = true;
            BytesValueReader reader(&value, state, document_text);
            if (reader.kind() != ValueKind::array) {
                reader.fail("list of records");
                throw_decode_error(state);
            }
            od::array array;
            if (const auto error = value.get_array().get(array))
                throw_malformed(error, state, document_text);
            walk_records(array, state, document_text, callback, reserve, context,
                         [](od::value* element, DecodeState& s, std::string_view doc) {
                             return BytesValueReader(element, s, doc);
                         });
        } else if (key == "error") {
            BytesValueReader reader(&value, state, document_text);
            server_error = reader.get_dynamic();
        }
    }
    if (!has_result && !server_error)
        throw_malformed(simdjson::NO_SUCH_FIELD, state, document_text,
                        "the body is not a JSON-RPC answer: it has neither 'result' nor 'error'");
    session.check_end(state);
    return server_error;
}

}  // namespace odoobridge::core
