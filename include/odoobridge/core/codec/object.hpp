#pragma once
/// \file
/// Described structs ⇄ JSON objects: the member tables behind records, `to_values`,
/// `Partial` and `field_names`. Member names become field names through `wire_name`;
/// public members of described bases are included (BOOST_DESCRIBE_STRUCT(Derived, (Base),
/// (...))).

#include <odoobridge/core/codec/reader.hpp>
#include <odoobridge/core/codec/traits.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace odoobridge::core {

/// The described members of `T` that the codec reads and writes: public, bases included.
template <class T>
using described_fields = boost::describe::describe_members<T, boost::describe::mod_public |
                                                                  boost::describe::mod_inherited>;

/// Wire names of `T`'s fields in declaration order (base members first).
template <DescribedStruct T>
[[nodiscard]] constexpr auto wire_field_names() {
    using List = described_fields<T>;
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<std::string_view, sizeof...(I)>{
            wire_name(boost::mp11::mp_at_c<List, I>::name)...};
    }(std::make_index_sequence<boost::mp11::mp_size<List>::value>{});
}

namespace codec_detail {

template <class T>
constexpr bool has_unique_field_names() {
    constexpr auto names = wire_field_names<T>();
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            if (names[i] == names[j]) return false;
    return true;
}

template <class T>
concept HasIntegralId = requires(const T& record) {
    requires std::is_integral_v<std::remove_cvref_t<decltype(record.id)>>;
};

/// `size` bytes at `p` as an unsigned integer in the machine's byte order (a memcpy at run
/// time; usable in constant expressions).
template <class U>
constexpr U load_bytes(const char* p) noexcept {
    if (std::is_constant_evaluated()) {
        std::array<char, sizeof(U)> bytes{};
        for (std::size_t i = 0; i < sizeof(U); ++i) bytes[i] = p[i];
        return std::bit_cast<U>(bytes);
    }
    U value;
    std::memcpy(&value, p, sizeof(U));
    return value;
}

/// Up to 16 bytes of a field name in two words, read without touching a byte outside the
/// name: names of equal length are equal when their words are, up to 16 bytes (longer ones
/// also need their middle compared).
struct NameWords {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    friend constexpr bool operator==(const NameWords&, const NameWords&) = default;
};

/// The words of `name`: its first and last 8 bytes (which overlap below 16 bytes), its
/// first and last 4 below 8, its first, middle and last byte below 4.
constexpr NameWords name_words(std::string_view name) noexcept {
    const char* p = name.data();
    const std::size_t n = name.size();
    if (n >= 8) return {load_bytes<std::uint64_t>(p), load_bytes<std::uint64_t>(p + n - 8)};
    if (n >= 4) {
        const std::uint64_t first = load_bytes<std::uint32_t>(p);
        const std::uint64_t last = load_bytes<std::uint32_t>(p + n - 4);
        return {first | last << 32, 0};
    }
    if (n == 0) return {};
    const auto byte = [&](std::size_t i) {
        return std::uint64_t{static_cast<unsigned char>(p[i])};
    };
    return {byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16, 0};
}

/// `T`'s field names, matched against the keys of an answer: the expected field first (Odoo
/// writes fields in the order they were asked for, declaration order), else through a
/// compile-time open-addressing hash table. Comparisons are on `name_words`, not bytes.
template <class T>
struct FieldNames {
    static constexpr auto names = wire_field_names<T>();
    static constexpr std::size_t size = names.size();
    static constexpr auto words = [] {
        std::array<NameWords, size> out{};
        for (std::size_t i = 0; i < size; ++i) out[i] = name_words(names[i]);
        return out;
    }();
    /// The position of the field "id", or `size` when `T` has none.
    static constexpr std::size_t id_position = [] {
        std::size_t position = 0;
        while (position < size && names[position] != "id") ++position;
        return position;
    }();

    static constexpr std::size_t buckets = std::bit_ceil(std::max<std::size_t>(8, 2 * size));
    static constexpr std::size_t bucket_of(std::size_t length, const NameWords& words) noexcept {
        const std::uint64_t mixed = (words.head + words.tail * 0x9E3779B97F4A7C15u) ^ length;
        return static_cast<std::size_t>((mixed * 0xC2B2AE3D27D4EB4Fu) >> 40) & (buckets - 1);
    }
    static constexpr auto table = [] {
        std::array<std::int32_t, buckets> positions{};
        positions.fill(-1);
        for (std::size_t i = 0; i < size; ++i) {
            std::size_t bucket = bucket_of(names[i].size(), words[i]);
            while (positions[bucket] >= 0) bucket = (bucket + 1) & (buckets - 1);
            positions[bucket] = static_cast<std::int32_t>(i);
        }
        return positions;
    }();

    /// True when `key` (whose words are `key_words`) is the field at `position`.
    static constexpr bool is(std::size_t position, std::string_view key,
                             const NameWords& key_words) noexcept {
        const std::string_view name = names[position];
        return name.size() == key.size() && words[position] == key_words &&
               (key.size() <= 16 || std::char_traits<char>::compare(key.data() + 8, name.data() + 8,
                                                                    key.size() - 16) == 0);
    }

    /// The position of the field named `key`, or `size`. `hint` (the position after the
    /// previous match) is tried first.
    static constexpr std::size_t find(std::string_view key, std::size_t hint) noexcept {
        const NameWords key_words = name_words(key);
        if (hint < size && is(hint, key, key_words)) return hint;
        for (std::size_t bucket = bucket_of(key.size(), key_words);;
             bucket = (bucket + 1) & (buckets - 1)) {
            const std::int32_t position = table[bucket];
            if (position < 0) return size;
            if (is(static_cast<std::size_t>(position), key, key_words))
                return static_cast<std::size_t>(position);
        }
    }
};

/// Decodes the value under `reader` into the member of `out` at `position` (in
/// `described_fields<T>` order). Precondition: `position < FieldNames<T>::size`.
template <class Dialect, class T, class Reader>
void decode_field(std::size_t position, Reader& reader, T& out) {
    using List = described_fields<T>;
    if constexpr (boost::mp11::mp_size<List>::value > 0) {
        boost::mp11::mp_with_index<boost::mp11::mp_size<List>::value>(position, [&](auto index) {
            decode_value<Dialect>(reader, out.*boost::mp11::mp_at_c<List, index>::pointer);
        });
    }
}

}  // namespace codec_detail

/// Decodes a JSON object into the described struct `out`. Members absent from the object
/// keep their value; unknown keys are skipped. At depth 0 (a record) the state learns the
/// field being decoded and the record's `id`. Mismatches are recorded in the state.
template <class Dialect, DescribedStruct T, class Reader>
void decode_object(Reader& reader, T& out) {
    static_assert(codec_detail::has_unique_field_names<T>(),
                  "odoobridge: two members of this struct have the same field name");
    using Names = codec_detail::FieldNames<T>;
    DecodeState& state = reader.state();
    const bool record = state.depth == 0;
    if (reader.kind() != ValueKind::object) {
        reader.fail(record ? "record (JSON object)" : "object");
        return;
    }
    ++state.depth;
    std::size_t next = 0;
    reader.for_each_member([&](std::string_view key, Reader& value) {
        const std::size_t position = Names::find(key, next);
        if (position == Names::size) {  // a field T does not have
            if (record && key == "id" && value.kind() == ValueKind::integer)
                state.record_id = value.get_int64();
            return;
        }
        next = position + 1;
        if (record && position == Names::id_position) {
            // Decoded even after a mismatch, so that the error names the record.
            if (!state.failed) state.field = Names::names[position];
            codec_detail::decode_field<Dialect>(position, value, out);
            if constexpr (codec_detail::HasIntegralId<T>) {
                if (value.kind() == ValueKind::integer)
                    state.record_id = static_cast<std::int64_t>(out.id);
            }
            return;
        }
        if (state.failed) return;
        if (record) state.field = Names::names[position];
        codec_detail::decode_field<Dialect>(position, value, out);
    });
    --state.depth;
}

/// Decodes one record and raises the first mismatch.
/// \throws DecodeError naming the model, record id, field, expected type and value.
template <class Dialect, DescribedStruct T, class Reader>
void decode_record(Reader& reader, T& out) {
    decode_object<Dialect>(reader, out);
    if (reader.state().failed) throw_decode_error(reader.state());
}

/// The JSON object of `value`'s fields; `id` is left out unless `include_id`.
template <class Dialect, DescribedStruct T>
[[nodiscard]] json encode_object(const T& value, bool include_id) {
    json out = json::object();
    boost::mp11::mp_for_each<described_fields<T>>([&](auto descriptor) {
        using Descriptor = decltype(descriptor);
        constexpr std::string_view name = wire_name(Descriptor::name);
        if (!include_id && name == "id") return;
        out[std::string(name)] = encode_value<Dialect>(value.*Descriptor::pointer);
    });
    return out;
}

/// Nested described structs are JSON objects of all their fields.
template <DescribedStruct T, class Dialect>
struct Codec<T, Dialect> {
    static json encode(const T& value) { return encode_object<Dialect>(value, true); }
    template <class Reader>
    static void decode(Reader& reader, T& out) {
        decode_object<Dialect>(reader, out);
    }
};

/// The wire name of the member `member` of `T` (inherited members included).
/// \throws ConfigurationError when `member` is not a described public member of `T`.
template <DescribedStruct T, class C, class M>
[[nodiscard]] std::string_view member_wire_name(M C::*member) {
    static_assert(std::is_base_of_v<C, T>, "the member pointer must point into the record type");
    std::string_view found;
    boost::mp11::mp_for_each<described_fields<T>>([&](auto descriptor) {
        using Descriptor = decltype(descriptor);
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(Descriptor::pointer)>, M C::*>) {
            if (found.empty() && Descriptor::pointer == member) found = wire_name(Descriptor::name);
        }
    });
    if (found.empty())
        throw ConfigurationError(
            "the member pointer names a member that is not listed in the struct's "
            "BOOST_DESCRIBE_STRUCT (or is not public); add it to the description to read or "
            "write it");
    return found;
}

/// The values of all fields of `record` except `id`, as `create` and `write` take them.
/// \throws ConfigurationError for values the dialect cannot represent.
template <class Dialect, DescribedStruct T>
[[nodiscard]] json to_values(const T& record) {
    return encode_object<Dialect>(record, false);
}

/// The values of the named members of `record` only (a partial `write`).
/// \throws ConfigurationError when a member is not described, or is `id`.
template <class Dialect, DescribedStruct T, class... C, class... M>
[[nodiscard]] json to_values(const T& record, M C::*... members) {
    json out = json::object();
    (
        [&] {
            const std::string_view name = member_wire_name<T>(members);
            if (name == "id")
                throw ConfigurationError(
                    "the record id cannot be written; pass the id as the write's target and "
                    "leave `id` out of the values");
            out[std::string(name)] = encode_value<Dialect>(record.*members);
        }(),
        ...);
    return out;
}

/// A set of field changes for one model, built member by member: the values of a partial
/// `write` (only the fields that were set are sent).
///
///     core::Partial<Property, odoo::Dialect> changes;
///     changes.set(&Property::price, 95'000'000.0).set(&Property::state, State::deal);
///     changes.values();  // {"price": 95000000.0, "state": "deal"}
///
/// Not thread-safe for concurrent mutation.
template <DescribedStruct T, class Dialect>
class Partial {
public:
    /// Sets `member` to `value` (converted to the member's type first, so the member's
    /// codec decides the wire form). Setting a member again replaces its value.
    /// \throws ConfigurationError when `member` is not described, or is `id`.
    template <class C, class M, class V>
    Partial& set(M C::*member, V&& value) {
        const std::string_view name = member_wire_name<T>(member);
        if (name == "id")
            throw ConfigurationError(
                "the record id cannot be written; pass the id as the write's target instead");
        const M converted(std::forward<V>(value));
        values_[std::string(name)] = encode_value<Dialect>(converted);
        return *this;
    }
    /// Copies the current value of `member` from `record`.
    template <class C, class M>
    Partial& copy(const T& record, M C::*member) {
        return set(member, record.*member);
    }

    /// The JSON object of the fields set so far.
    [[nodiscard]] const json& values() const noexcept { return values_; }
    /// True when no field was set.
    [[nodiscard]] bool empty() const noexcept { return values_.empty(); }
    /// Field names set so far, in name order.
    [[nodiscard]] std::vector<std::string> fields() const {
        std::vector<std::string> names;
        for (const auto& [name, value] : values_.items()) names.push_back(name);
        return names;
    }

private:
    json values_ = json::object();
};

/// Field names of `T` in declaration order, `id` included (the `fields` of a read).
template <DescribedStruct T>
[[nodiscard]] std::vector<std::string> field_names() {
    std::vector<std::string> names;
    for (std::string_view name : wire_field_names<T>()) names.emplace_back(name);
    return names;
}

}  // namespace odoobridge::core
