// The bytes path of the codec: one forward pass over the answer's JSON text hands each
// value to the templates of core/codec.hpp through BytesValueReader. No DOM is built; only
// json/properties fields and JSON-RPC error objects are parsed into odoobridge::json.
//
// The walk checks the whole grammar (RFC 8259), values no member reads included, so that it
// refuses exactly the texts the json path refuses; simdjson validates the UTF-8 of the
// input up front. Token-level work (strings, escapes, numbers) is in json_scan.hpp.

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/errors.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "json_scan.hpp"

namespace odoobridge::core {
namespace {

namespace js = json_scan;

/// Longest excerpt of a value quoted in a DecodeError.
constexpr std::size_t kExcerptBytes = 80;

/// The end of the list or object whose opening bracket is at `p`, scanning no further than
/// `end`, and the number of its elements or members (top-level commas + 1, or 0 when empty).
/// Assumes valid JSON (the walker checks it).
struct ContainerExtent {
    const char* end;
    std::size_t elements;
};
ContainerExtent container_extent(const char* p, const char* end) noexcept {
    int depth = 0;
    bool in_string = false;
    bool empty = true;
    std::size_t commas = 0;
    for (; p < end; ++p) {
        const char c = *p;
        if (in_string) {
            if (c == '\\')
                ++p;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (depth == 1 && !js::is_space(c) && c != ']' && c != '}') empty = false;
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if ((c == ']' || c == '}') && --depth == 0) {
            ++p;
            break;
        } else if (c == ',' && depth == 1) {
            ++commas;
        }
    }
    return {std::min(p, end), empty ? 0 : commas + 1};
}

/// The text of the JSON value starting at `begin` (after whitespace), up to `end`, for
/// excerpts. Assumes valid JSON.
std::string_view value_text(const char* begin, const char* end) noexcept {
    const char* p = js::skip_space(begin, end);
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
        p = container_extent(p, end).end;
    } else {
        while (p < end && !js::is_space(*p) && *p != ',' && *p != ']' && *p != '}') ++p;
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
        } else if (!js::is_space(c)) {
            out += c;
            in_string = c == '"';
        }
    }
    return out;
}

/// \throws MalformedResponseError saying that `document` is not valid JSON because of
///         `problem`, naming the endpoint and quoting the start of the text.
[[noreturn]] void throw_malformed(const DecodeState& state, std::string_view document,
                                  std::string_view problem) {
    std::string message = "invalid or truncated JSON";
    if (!state.endpoint.empty()) message += " from " + std::string(state.endpoint);
    if (state.http_status != 0) message += " (HTTP " + std::to_string(state.http_status) + ")";
    message += ": ";
    message += problem;
    message += "; " + std::to_string(document.size()) + " bytes starting with '" +
               body_excerpt(document) +
               "'. Check that the URL points at the service and that no proxy rewrites or cuts "
               "the answer.";
    throw MalformedResponseError(message, std::string(state.endpoint), state.http_status);
}

/// Storage for unescaped strings, in blocks that never move: the views handed out stay
/// valid until the walk ends.
class StringArena {
public:
    /// `size` bytes of storage.
    char* allocate(std::size_t size) {
        if (size > left_) add_block(size);
        char* const out = next_;
        next_ += size;
        left_ -= size;
        return out;
    }

private:
    void add_block(std::size_t size) {
        block_size_ = std::min<std::size_t>(2 * block_size_, std::size_t{1} << 20);
        const std::size_t bytes = std::max(size, block_size_);
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(bytes));
        next_ = blocks_.back().get();
        left_ = bytes;
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t block_size_ = 2048;
};

}  // namespace

/// The walker's position in the text, and what reading values needs: the decode state (for
/// errors) and the storage of unescaped strings. Values are read in order; `read_value`
/// consumes a scalar at once and leaves a list or object for the reader's `for_each_*` (or
/// `finish`, which skips it) to consume.
class BytesValueReader::Cursor {
public:
    /// \throws MalformedResponseError when `text` is not valid UTF-8.
    Cursor(std::string_view text, DecodeState& state)
        : p_(text.data()), end_(text.data() + text.size()), document_(text), state_(&state) {
        if (!simdjson::validate_utf8(text.data(), text.size()))
            throw_malformed(*state_, document_, "the text is not valid UTF-8");
    }

    [[nodiscard]] const char* position() const noexcept { return p_; }
    [[nodiscard]] const char* end() const noexcept { return end_; }
    [[nodiscard]] bool at(char c) const noexcept { return p_ < end_ && *p_ == c; }
    void skip_space() noexcept { p_ = js::skip_space(p_, end_); }

    /// \throws MalformedResponseError for `problem` found at `where`.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_at(const char* where,
                                                        std::string_view problem) const {
        throw_malformed(
            *state_, document_,
            std::string(problem) + " at byte " + std::to_string(where - document_.data()));
    }

    /// A reader of the value at the cursor (whitespace skipped); a scalar is consumed.
    /// \throws MalformedResponseError when no valid value starts here.
    [[gnu::always_inline]] BytesValueReader read_value() {
        BytesValueReader value(*this, *state_);
        value.start_ = p_;
        if (p_ == end_) fail_at(p_, "the text ends where a value was expected");
        switch (*p_) {
            case '"': {
                const js::StringToken token = string_token();
                value.kind_ = ValueKind::string;
                value.escaped_ = token.escaped;
                value.token_size_ = static_cast<std::size_t>(token.end - p_);
                p_ = token.end;
                break;
            }
            case '{':
                value.kind_ = ValueKind::object;
                value.token_size_ = 1;
                break;
            case '[':
                value.kind_ = ValueKind::array;
                value.token_size_ = 1;
                break;
            case 't':
                value.kind_ = ValueKind::boolean_true;
                value.token_size_ = literal("true");
                break;
            case 'f':
                value.kind_ = ValueKind::boolean_false;
                value.token_size_ = literal("false");
                break;
            case 'n':
                value.kind_ = ValueKind::null;
                value.token_size_ = literal("null");
                break;
            default: {
                const char* const number_end = js::number_end(p_, end_);
                if (number_end == nullptr)
                    fail_at(p_, js::is_digit(*p_) || *p_ == '-'
                                    ? "invalid number"
                                    : "unexpected character where a value was expected");
                value.token_size_ = static_cast<std::size_t>(number_end - p_);
                value.kind_ = js::read_int64({p_, value.token_size_}, value.integer_)
                                  ? ValueKind::integer
                                  : ValueKind::floating;
                p_ = number_end;
                break;
            }
        }
        return value;
    }

    /// Skips `value` when it is a list or object nobody read; the cursor is then past it.
    void finish(const BytesValueReader& value) {
        if (p_ == value.start_ &&
            (value.kind_ == ValueKind::array || value.kind_ == ValueKind::object))
            skip_value();
    }

    /// Enters the unread list or object `container` (the cursor is at its bracket); true
    /// when it is empty, which is then consumed.
    /// \throws std::logic_error when `container` was read already.
    bool open(const BytesValueReader& container) {
        if (p_ != container.start_)
            throw std::logic_error("odoobridge: a list or object of the answer was read twice");
        ++p_;
        skip_space();
        if (!at(container.kind_ == ValueKind::array ? ']' : '}')) return false;
        ++p_;
        return true;
    }

    /// After an element or member: moves past ',' (true: another one follows) or past the
    /// closing `bracket` (false), and the whitespace after it.
    /// \throws MalformedResponseError for anything else.
    bool next(char bracket) {
        skip_space();
        if (at(',')) {
            ++p_;
            skip_space();
            return true;
        }
        if (!at(bracket))
            fail_at(p_, bracket == ']' ? "expected ',' or ']'" : "expected ',' or '}'");
        ++p_;
        return false;
    }

    /// The member name at the cursor, unescaped; the cursor moves past the ':' after it.
    /// \throws MalformedResponseError.
    std::string_view member_key() {
        if (!at('"')) fail_at(p_, "expected a member name in double quotes");
        const js::StringToken token = string_token();
        std::string_view key(p_ + 1, static_cast<std::size_t>(token.end - p_) - 2);
        if (token.escaped) key = unescaped(key);
        p_ = token.end;
        skip_space();
        if (!at(':')) fail_at(p_, "expected ':' after a member name");
        ++p_;
        skip_space();
        return key;
    }

    /// `content` (a string token's, between its quotes) with its escapes replaced, in
    /// storage that lasts until the walk ends.
    std::string_view unescaped(std::string_view content) {
        char* const out = strings_.allocate(content.size());
        const char* const out_end =
            js::unescape(content.data(), content.data() + content.size(), out);
        return {out, static_cast<std::size_t>(out_end - out)};
    }

    /// Moves past the value at the cursor, checking its grammar. The lists and objects
    /// open inside it are kept on a stack of brackets rather than by recursion, so that deep
    /// input cannot exhaust the call stack. \throws MalformedResponseError.
    void skip_value() {
        std::string closers;  // the closing bracket of each open level, innermost last
        for (;;) {
            if (at('{') || at('[')) {
                const char closer = *p_ == '{' ? '}' : ']';
                ++p_;
                skip_space();
                if (at(closer)) {
                    ++p_;
                } else {
                    closers.push_back(closer);
                    if (closer == '}') skip_key();
                    continue;
                }
            } else {
                (void)read_value();
            }
            for (;;) {  // after a value: close what ends here, or go on to the next value
                if (closers.empty()) return;
                const char closer = closers.back();
                skip_space();
                if (at(',')) {
                    ++p_;
                    skip_space();
                    if (closer == '}') skip_key();
                    break;
                }
                if (!at(closer))
                    fail_at(p_, closer == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
                ++p_;
                closers.pop_back();
            }
        }
    }

    /// \throws MalformedResponseError when anything but whitespace follows the root value.
    void check_end() {
        skip_space();
        if (p_ != end_) fail_at(p_, "content after the end of the JSON value");
    }

private:
    /// The string token at the cursor (its opening quote). \throws MalformedResponseError.
    js::StringToken string_token() const {
        const js::StringToken token = js::string_token(p_ + 1, end_);
        if (token.problem != js::Problem::none) [[unlikely]]
            fail_string(token);
        return token;
    }

    /// \throws MalformedResponseError for the problem of the string token at the cursor.
    [[noreturn, gnu::cold, gnu::noinline]] void fail_string(const js::StringToken& token) const {
        if (token.problem == js::Problem::unterminated_string) fail_at(p_, "unterminated string");
        if (token.problem == js::Problem::control_character)
            fail_at(token.end, "control character in a string (JSON needs it escaped)");
        fail_at(token.end, "invalid escape sequence in a string");
    }

    /// The size of `word` (true, false, null) when it is at the cursor, which moves past it.
    /// \throws MalformedResponseError.
    std::size_t literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() ||
            std::memcmp(p_, word.data(), word.size()) != 0)
            fail_at(p_, "invalid literal (true, false or null expected)");
        p_ += word.size();
        return word.size();
    }

    /// Moves past a member name and the ':' after it, without unescaping it.
    void skip_key() {
        if (!at('"')) fail_at(p_, "expected a member name in double quotes");
        p_ = string_token().end;
        skip_space();
        if (!at(':')) fail_at(p_, "expected ':' after a member name");
        ++p_;
        skip_space();
    }

    const char* p_;
    const char* end_;
    std::string_view document_;
    DecodeState* state_;
    StringArena strings_;
};

double BytesValueReader::parse_double() const {
    // std::from_chars is exact for any number of digits (simdjson 3.0.1 misread some long
    // mantissas, a fuzzing find); a number below the smallest double reads as zero, as in
    // the json path.
    const std::string_view token(start_, token_size_);
    double value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error == std::errc()) return value;
    if (error == std::errc::result_out_of_range && js::below_double_range(token))
        return token.front() == '-' ? -0.0 : 0.0;
    cursor_->fail_at(start_, "a number beyond the range of a double");
}

std::string_view BytesValueReader::unescape_string() {
    return cursor_->unescaped({start_ + 1, token_size_ - 2});
}

std::string_view BytesValueReader::text() const noexcept {
    return value_text(start_, cursor_->end());
}

std::size_t BytesValueReader::element_count() const noexcept {
    return container_extent(start_, cursor_->end()).elements;
}

json BytesValueReader::get_dynamic() {
    const char* end = start_ + token_size_;
    if (kind_ == ValueKind::array || kind_ == ValueKind::object) {
        cursor_->finish(*this);
        end = cursor_->position();
    }
    try {
        return json::parse(start_, end);
    } catch (const json::exception& error) {  // a number beyond the range of a double
        cursor_->fail_at(start_,
                         std::string("a value that is not valid JSON (") + error.what() + ")");
    }
}

void BytesValueReader::fail(std::string_view expected) {
    if (state_->failed) return;
    state_->record_failure(expected,
                           body_excerpt(compact_prefix(text(), kExcerptBytes), kExcerptBytes));
}

void BytesValueReader::each_element(ElementCallback callback, void* context) {
    Cursor& cursor = *cursor_;
    if (cursor.open(*this)) return;
    do {
        BytesValueReader element = cursor.read_value();
        callback(context, element);
        cursor.finish(element);
    } while (cursor.next(']'));
}

void BytesValueReader::each_member(MemberCallback callback, void* context) {
    Cursor& cursor = *cursor_;
    if (cursor.open(*this)) return;
    do {
        const std::string_view key = cursor.member_key();
        BytesValueReader member = cursor.read_value();
        callback(context, key, member);
        cursor.finish(member);
    } while (cursor.next('}'));
}

/// What the two walkers share: reading the list of records.
struct BytesWalker::Records {
    /// Calls `callback` for each element of `list`, an unread list reader. Before the
    /// second element, `reserve` is told how many records the list probably holds: the size
    /// of the first one predicts the rest, with 25% slack (counting them would cost a pass).
    static void walk(BytesValueReader::Cursor& cursor, BytesValueReader& list, DecodeState& state,
                     BytesValueReader::ElementCallback callback, ReserveCallback reserve,
                     void* context) {
        if (cursor.open(list)) return;
        std::size_t index = 0;
        const char* first = nullptr;
        do {
            const char* const start = cursor.position();
            if (index == 0) {
                first = start;
            } else if (index == 1 && reserve != nullptr) {
                const auto first_size =
                    static_cast<std::size_t>(std::max<std::ptrdiff_t>(start - first, 1));
                const auto rest = static_cast<std::size_t>(cursor.end() - start);
                const std::size_t estimate = 1 + rest / first_size;
                reserve(context, 1 + estimate + estimate / 4);
            }
            state.begin_record(index++);
            BytesValueReader record = cursor.read_value();
            callback(context, record);
            cursor.finish(record);
        } while (cursor.next(']'));
    }
};

void BytesWalker::record_list(std::string_view text, DecodeState& state,
                              BytesValueReader::ElementCallback callback, ReserveCallback reserve,
                              void* context) {
    BytesValueReader::Cursor cursor(text, state);
    cursor.skip_space();
    BytesValueReader root = cursor.read_value();
    if (root.kind() != ValueKind::array) {
        cursor.finish(root);
        cursor.check_end();
        root.fail("list of records");
        throw_decode_error(state);
    }
    Records::walk(cursor, root, state, callback, reserve, context);
    cursor.check_end();
}

std::optional<json> BytesWalker::jsonrpc_result_list(std::string_view text, DecodeState& state,
                                                     BytesValueReader::ElementCallback callback,
                                                     ReserveCallback reserve, void* context) {
    BytesValueReader::Cursor cursor(text, state);
    cursor.skip_space();
    if (!cursor.at('{'))
        throw_malformed(state, text, "the body is not a JSON-RPC answer (a JSON object)");
    BytesValueReader answer = cursor.read_value();
    bool has_result = false;
    std::optional<json> server_error;
    answer.for_each_member([&](std::string_view key, BytesValueReader& value) {
        if (key == "result") {
            has_result = true;
            if (value.kind() != ValueKind::array) {
                value.fail("list of records");
                throw_decode_error(state);
            }
            Records::walk(cursor, value, state, callback, reserve, context);
        } else if (key == "error") {
            server_error = value.get_dynamic();
        }
    });
    if (!has_result && !server_error)
        throw_malformed(state, text,
                        "the body is not a JSON-RPC answer: it has neither 'result' nor 'error'");
    cursor.check_end();
    return server_error;
}

}  // namespace odoobridge::core
