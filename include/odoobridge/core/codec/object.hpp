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

template <class T, class Reader>
struct MemberSlot {
    std::string_view name;
    void (*decode)(Reader&, T&);
};

template <class Dialect, class T, class Reader, class Descriptor>
void decode_member(Reader& reader, T& out) {
    decode_value<Dialect>(reader, out.*Descriptor::pointer);
}

/// One decode function per member, indexed by wire name; built at compile time.
template <class Dialect, class T, class Reader>
struct MemberTable {
    using List = described_fields<T>;
    static constexpr std::size_t size = boost::mp11::mp_size<List>::value;
    static constexpr auto slots = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<MemberSlot<T, Reader>, size>{MemberSlot<T, Reader>{
            wire_name(boost::mp11::mp_at_c<List, I>::name),
            &decode_member<Dialect, T, Reader, boost::mp11::mp_at_c<List, I>>}...};
    }(std::make_index_sequence<size>{});
};

/// `a == b` for field names: lengths first (they usually differ), then the bytes.
constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::char_traits<char>::compare(a.data(), b.data(), a.size()) == 0;
}

/// FNV-1a, to index field names.
constexpr std::uint32_t name_hash(std::string_view name) noexcept {
    std::uint32_t hash = 2166136261u;
    for (const char c : name) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

/// A compile-time open-addressing hash table from `T`'s field names to their positions.
template <class T>
struct NameIndex {
    static constexpr auto names = wire_field_names<T>();
    static constexpr std::size_t buckets =
        std::bit_ceil(std::max<std::size_t>(8, 2 * names.size()));
    static constexpr auto table = [] {
        std::array<std::int32_t, buckets> positions{};
        positions.fill(-1);
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::size_t bucket = name_hash(names[i]) & (buckets - 1);
            while (positions[bucket] >= 0) bucket = (bucket + 1) & (buckets - 1);
            positions[bucket] = static_cast<std::int32_t>(i);
        }
        return positions;
    }();

    /// The position of the field named `key`, or -1.
    static constexpr std::int32_t find(std::string_view key) noexcept {
        for (std::size_t bucket = name_hash(key) & (buckets - 1);;
             bucket = (bucket + 1) & (buckets - 1)) {
            const std::int32_t position = table[bucket];
            if (position < 0 || same_name(names[static_cast<std::size_t>(position)], key))
                return position;
        }
    }
};

/// The slot of `T`'s field named `key`, or null. Answers list fields in the order they were
/// asked for, usually declaration order, so `next` (the slot after the previous match) is
/// tried first: one comparison per field. Other orders take one hash lookup.
template <class T, class Slot, std::size_t N>
const Slot* find_slot(const std::array<Slot, N>& slots, std::string_view key,
                      std::size_t& next) noexcept {
    if constexpr (N == 0) {
        return nullptr;
    } else {
        std::size_t position = next;
        if (!same_name(slots[position].name, key)) {
            const std::int32_t found = NameIndex<T>::find(key);
            if (found < 0) return nullptr;
            position = static_cast<std::size_t>(found);
        }
        next = position + 1 == N ? 0 : position + 1;
        return &slots[position];
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
    DecodeState& state = reader.state();
    const bool record = state.depth == 0;
    if (reader.kind() != ValueKind::object) {
        reader.fail(record ? "record (JSON object)" : "object");
        return;
    }
    ++state.depth;
    const auto& slots = codec_detail::MemberTable<Dialect, T, Reader>::slots;
    std::size_t next = 0;
    reader.for_each_member([&](std::string_view key, Reader& value) {
        const auto* slot = codec_detail::find_slot<T>(slots, key, next);
        if (record && codec_detail::same_name(key, "id")) {
            const bool integer = value.kind() == ValueKind::integer;
            if (slot == nullptr) {
                if (integer) state.record_id = value.get_int64();
                return;
            }
            if (!state.failed) state.field = slot->name;
            slot->decode(value, out);
            if constexpr (codec_detail::HasIntegralId<T>) {
                if (integer) state.record_id = static_cast<std::int64_t>(out.id);
            }
            return;
        }
        if (slot == nullptr || state.failed) return;
        if (record) state.field = slot->name;
        slot->decode(value, out);
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
