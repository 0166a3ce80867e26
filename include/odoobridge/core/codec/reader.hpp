#pragma once
/// \file
/// The two value readers the codec decodes from, with one interface:
///
/// - `JsonValueReader` walks an `odoobridge::json` DOM (the dynamic path; XML-RPC's codec
///   yields json);
/// - `BytesValueReader` walks JSON text in one forward pass, straight from the answer's
///   bytes, without building a DOM (the typed path of the JSON protocols).
///
/// A `Codec<T, Dialect>::decode` is a template over the reader, so every field type is
/// written once for both. Readers report a type mismatch with `fail(expected)`, which
/// records the first mismatch in the shared `DecodeState`; the record decoder raises
/// `DecodeError` once it has also seen the record's `id`.
///
/// Readers are short-lived views created by the decoder; they are not thread-safe and must
/// not outlive the decode call that created them.

#include <odoobridge/core/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace odoobridge::core {

/// JSON type of the value a reader is positioned on. Booleans are split so that a decoder
/// can tell `false` (Odoo's "empty") from `true` without consuming the value.
enum class ValueKind : std::uint8_t {
    null,
    boolean_false,
    boolean_true,
    integer,   ///< an integer that fits in `std::int64_t`
    floating,  ///< any other number (fractional, exponent, or beyond 64-bit integers)
    string,
    array,
    object,
};

/// "null", "false", "true", "integer", "number", "string", "list", "object".
[[nodiscard]] std::string_view to_string(ValueKind kind) noexcept;

/// Where one decode is, and its first failure. Shared by every reader of one answer.
struct DecodeState {
    std::string_view model;     ///< model (record type) being decoded, "" when unknown
    std::string_view endpoint;  ///< redacted URL the answer came from, "" when unknown
    int http_status = 0;        ///< HTTP status of the answer, 0 when unknown

    std::optional<std::size_t> record_index;  ///< position of the record in the answer
    std::optional<std::int64_t> record_id;    ///< the record's `id`, once seen
    std::string_view field;                   ///< top-level field being decoded
    int depth = 0;                            ///< object nesting (0 = outside any record)

    bool failed = false;   ///< a mismatch was recorded
    std::string expected;  ///< what the member's type accepts (first mismatch)
    std::string received;  ///< excerpt of the value received (first mismatch)

    /// Clears the per-record part before decoding the record at `index`.
    void begin_record(std::optional<std::size_t> index) noexcept {
        record_index = index;
        record_id.reset();
        field = {};
        depth = 0;
    }
    /// Records a mismatch unless one is already recorded (the first one wins).
    void record_failure(std::string_view expected_type, std::string received_excerpt) {
        if (failed) return;
        failed = true;
        expected = expected_type;
        received = std::move(received_excerpt);
    }
};

/// Raises the `DecodeError` described by `state` (its first failure and context).
[[noreturn]] void throw_decode_error(const DecodeState& state);

/// Reader over an `odoobridge::json` value.
class JsonValueReader {
public:
    JsonValueReader(const json& value, DecodeState& state) noexcept
        : value_(&value), state_(&state) {}

    [[nodiscard]] ValueKind kind() const noexcept;
    /// Precondition: `kind() == ValueKind::integer`.
    [[nodiscard]] std::int64_t get_int64() const { return value_->get<std::int64_t>(); }
    /// Precondition: `kind()` is `integer` or `floating`.
    [[nodiscard]] double get_double() const { return value_->get<double>(); }
    /// Precondition: `kind() == ValueKind::string`. Valid while the json value lives.
    [[nodiscard]] std::string_view get_string() const {
        return value_->get_ref<const std::string&>();
    }
    /// A copy of the value.
    [[nodiscard]] json get_dynamic() const { return *value_; }
    /// The number of elements (to reserve storage). Precondition: `kind() == array`.
    [[nodiscard]] std::size_t element_count() const noexcept { return value_->size(); }

    /// Calls `f(JsonValueReader&)` for each element. Precondition: `kind() == array`.
    template <class F>
    void for_each_element(F&& f) const {
        for (const auto& element : *value_) {
            JsonValueReader reader(element, *state_);
            f(reader);
        }
    }
    /// Calls `f(std::string_view key, JsonValueReader&)` for each member, in order.
    /// Precondition: `kind() == object`.
    template <class F>
    void for_each_member(F&& f) const {
        for (const auto& [key, member] : value_->items()) {
            JsonValueReader reader(member, *state_);
            f(std::string_view(key), reader);
        }
    }

    /// Records that this value is not `expected` (first mismatch only).
    void fail(std::string_view expected) const;
    [[nodiscard]] DecodeState& state() const noexcept { return *state_; }

private:
    const json* value_;
    DecodeState* state_;
};

/// Reader over a value of JSON text read in one forward pass, without a DOM (the bytes
/// path). Created only by the compiled walkers in `codec/bytes.hpp`, which check a scalar's
/// grammar and work out its kind (and an integer's value) on creation, so that the
/// accessors below are plain reads. Values must be read in document order, at most once;
/// a list or object that is not read is skipped (its grammar still checked).
class BytesValueReader {
public:
    /// The value's type.
    [[nodiscard]] ValueKind kind() const noexcept { return kind_; }
    /// Precondition: `kind() == ValueKind::integer`.
    [[nodiscard]] std::int64_t get_int64() const noexcept { return integer_; }
    /// Precondition: `kind()` is `integer` or `floating`.
    /// \throws MalformedResponseError for a number beyond the range of a double.
    [[nodiscard]] double get_double() const {
        if (kind_ == ValueKind::integer) return static_cast<double>(integer_);
        return parse_double();
    }
    /// The unescaped string, valid until the decode call returns. Without escapes, a view
    /// of the input itself (whose UTF-8 the walker validated): no copy.
    /// Precondition: `kind() == ValueKind::string`.
    [[nodiscard]] std::string_view get_string() {
        if (!escaped_) return {start_ + 1, token_size_ - 2};
        return unescape_string();
    }
    /// The value parsed into an `odoobridge::json` (for json/properties fields only).
    /// \throws MalformedResponseError when the value is not valid JSON.
    [[nodiscard]] json get_dynamic();
    /// The number of elements (to reserve storage), counted in the text without reading
    /// them. Precondition: `kind() == array`.
    [[nodiscard]] std::size_t element_count() const noexcept;

    /// Calls `f(BytesValueReader&)` for each element. Precondition: `kind() == array`.
    /// \throws MalformedResponseError for invalid JSON; whatever `f` throws.
    template <class F>
    void for_each_element(F&& f) {
        each_element(
            [](void* context, BytesValueReader& element) {
                (*static_cast<std::remove_reference_t<F>*>(context))(element);
            },
            &f);
    }
    /// Calls `f(std::string_view key, BytesValueReader&)` for each member, in order.
    /// Precondition: `kind() == object`.
    /// \throws MalformedResponseError for invalid JSON; whatever `f` throws.
    template <class F>
    void for_each_member(F&& f) {
        each_member(
            [](void* context, std::string_view key, BytesValueReader& member) {
                (*static_cast<std::remove_reference_t<F>*>(context))(key, member);
            },
            &f);
    }

    /// Records that this value is not `expected` (first mismatch only).
    void fail(std::string_view expected);
    [[nodiscard]] DecodeState& state() const noexcept { return *state_; }

    using ElementCallback = void (*)(void* context, BytesValueReader& element);
    using MemberCallback = void (*)(void* context, std::string_view key, BytesValueReader& member);

private:
    friend struct BytesWalker;
    /// The walker's position in the text (codec_bytes.cpp).
    class Cursor;
    BytesValueReader(Cursor& cursor, DecodeState& state) noexcept
        : cursor_(&cursor), state_(&state) {}

    /// The floating-point number of the token. \throws MalformedResponseError.
    [[nodiscard]] double parse_double() const;
    /// The string of the token with its escapes replaced.
    [[nodiscard]] std::string_view unescape_string();
    void each_element(ElementCallback callback, void* context);
    void each_member(MemberCallback callback, void* context);
    /// The JSON text of this value.
    [[nodiscard]] std::string_view text() const noexcept;

    Cursor* cursor_;
    DecodeState* state_;
    const char* start_ = nullptr;  // first byte of the value
    std::size_t token_size_ = 0;   // bytes of a scalar's token (1 for a list or object)
    std::int64_t integer_ = 0;     // the value of an integer token
    ValueKind kind_ = ValueKind::null;
    bool escaped_ = false;  // a string token holding escapes
};

}  // namespace odoobridge::core
