#pragma once
/// \file
/// `Codec<T, Dialect>`: how one C++ type is written to and read from JSON values, and the
/// codecs of the vocabulary types (bool, integers, floating point, std::string,
/// std::vector, std::optional, odoobridge::json, enums described with BOOST_DESCRIBE_ENUM).
///
/// A *dialect* carries one vendor's conventions; core knows none of them. It is a type with
///
///     static json empty();                      // what an empty std::optional is sent as
///     template <class Reader>
///     static bool is_empty(Reader& reader);     // whether a received value means "empty"
///
/// `JsonDialect` (null is empty) is the plain JSON one; `odoo::Dialect` (odoo/fields.hpp)
/// sends and accepts Odoo's `false`. Vendors teach the codec their own field types by
/// specializing `Codec<T, TheirDialect>` with
///
///     static json encode(const T& value);
///     template <class Reader> static void decode(Reader& reader, T& out);
///
/// where `decode` checks `reader.kind()` and calls `reader.fail("what T accepts")` instead
/// of reading a value of another kind (see codec/reader.hpp).
///
/// Names on the wire: a member or enumerator name loses one trailing underscore (`new_` →
/// "new", for C++ keywords) and one leading underscore before a digit (`_1` → "1"). An enum
/// whose keys cannot be spelt that way ("no-message") provides
/// `constexpr std::string_view enum_key(E value)` in its own namespace (found by ADL).

#include <odoobridge/core/codec/reader.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace odoobridge::core {

/// Plain JSON conventions: an empty optional is `null`.
struct JsonDialect {
    [[nodiscard]] static json empty() { return nullptr; }
    template <class Reader>
    [[nodiscard]] static bool is_empty(Reader& reader) {
        return reader.kind() == ValueKind::null;
    }
};

/// How `T` is encoded to and decoded from JSON in `Dialect`. The primary template is not
/// defined: a member whose type has no codec fails to compile at `encode_value` /
/// `decode_value` with a message naming the type.
template <class T, class Dialect>
struct Codec;

/// True when `Codec<T, Dialect>` is defined.
template <class T, class Dialect>
concept HasCodec = requires { sizeof(Codec<T, Dialect>); };

/// The name a member or enumerator has on the wire (see the file comment).
[[nodiscard]] constexpr std::string_view wire_name(std::string_view identifier) noexcept {
    if (identifier.size() > 1 && identifier.back() == '_') identifier.remove_suffix(1);
    if (identifier.size() > 1 && identifier.front() == '_' && identifier[1] >= '0' &&
        identifier[1] <= '9')
        identifier.remove_prefix(1);
    return identifier;
}

/// An enum described with BOOST_DESCRIBE_ENUM.
template <class E>
concept DescribedEnum = std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

/// A class described with BOOST_DESCRIBE_STRUCT / BOOST_DESCRIBE_CLASS.
template <class T>
concept DescribedStruct =
    std::is_class_v<T> && !std::is_union_v<T> && boost::describe::has_describe_members<T>::value;

namespace codec_detail {

template <class E>
concept HasEnumKeyHook = requires(E value) {
    { enum_key(value) } -> std::convertible_to<std::string_view>;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};

/// "integer between MIN and MAX" for the error message of an integral member.
template <class I>
std::string integer_expectation() {
    return "integer between " + std::to_string(std::numeric_limits<I>::min()) + " and " +
           std::to_string(std::numeric_limits<I>::max());
}

}  // namespace codec_detail

/// The key of `value` on the wire: `enum_key(value)` when the enum's namespace provides it,
/// else the enumerator's name through `wire_name`; "" for a value that is no enumerator.
template <DescribedEnum E>
[[nodiscard]] constexpr std::string_view enum_wire_key(E value) {
    if constexpr (codec_detail::HasEnumKeyHook<E>) {
        return std::string_view(enum_key(value));
    } else {
        std::string_view key;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
            if (key.empty() && d.value == value) key = wire_name(d.name);
        });
        return key;
    }
}

/// The enumerator of `E` whose wire key is `key`, if any.
template <DescribedEnum E>
[[nodiscard]] constexpr std::optional<E> enum_from_wire_key(std::string_view key) {
    std::optional<E> found;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if constexpr (codec_detail::HasEnumKeyHook<E>) {
            if (!found && std::string_view(enum_key(d.value)) == key) found = d.value;
        } else {
            if (!found && wire_name(d.name) == key) found = d.value;
        }
    });
    return found;
}

/// Encodes `value` in `Dialect`. Strings (`const char*`, `std::string_view` ...) become JSON
/// strings, `std::nullopt` and `nullptr` the dialect's empty value, anything else goes
/// through `Codec<V, Dialect>::encode`.
/// \throws ConfigurationError for values the dialect cannot represent (see each codec).
template <class Dialect, class V>
[[nodiscard]] json encode_value(const V& value) {
    if constexpr (std::is_same_v<V, json>) {
        return value;
    } else if constexpr (std::is_same_v<V, std::nullopt_t> || std::is_same_v<V, std::nullptr_t>) {
        return Dialect::empty();
    } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
        return json(std::string(std::string_view(value)));
    } else {
        static_assert(HasCodec<V, Dialect>,
                      "odoobridge: this type has no codec in this dialect; use one of the "
                      "field types of odoo/fields.hpp or specialize core::Codec<T, Dialect>");
        return Codec<V, Dialect>::encode(value);
    }
}

/// Decodes the value under `reader` into `out` with `Codec<T, Dialect>`; a mismatch is
/// recorded in `reader.state()` (see `DecodeState`), never thrown from here.
template <class Dialect, class T, class Reader>
void decode_value(Reader& reader, T& out) {
    static_assert(HasCodec<T, Dialect>,
                  "odoobridge: this member type has no codec in this dialect; use one of the "
                  "field types of odoo/fields.hpp or specialize core::Codec<T, Dialect>");
    Codec<T, Dialect>::decode(reader, out);
}

template <class Dialect>
struct Codec<bool, Dialect> {
    static json encode(bool value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, bool& out) {
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::boolean_true || kind == ValueKind::boolean_false)
            out = kind == ValueKind::boolean_true;
        else
            reader.fail("boolean");
    }
};

/// Integers. Accepts JSON integers in range, and floating-point numbers with no fractional
/// part (XML-RPC sends integers beyond 32 bits as doubles).
template <std::integral I, class Dialect>
    requires(!std::same_as<I, bool>)
struct Codec<I, Dialect> {
    static json encode(I value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, I& out) {
        using Limits = std::numeric_limits<I>;
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::integer) {
            const std::int64_t value = reader.get_int64();
            if (std::in_range<I>(value)) {
                out = static_cast<I>(value);
                return;
            }
        } else if (kind == ValueKind::floating) {
            const double value = reader.get_double();
            // 2^63 and 2^64 are exact doubles; compare against them, not against max().
            constexpr double upper = static_cast<double>(Limits::max() / 2 + 1) * 2.0;
            if (std::trunc(value) == value && value >= static_cast<double>(Limits::min()) &&
                value < upper) {
                out = static_cast<I>(value);
                return;
            }
        }
        reader.fail(codec_detail::integer_expectation<I>());
    }
};

template <std::floating_point F, class Dialect>
struct Codec<F, Dialect> {
    static json encode(F value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, F& out) {
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::integer || kind == ValueKind::floating)
            out = static_cast<F>(reader.get_double());
        else
            reader.fail("number");
    }
};

template <class Dialect>
struct Codec<std::string, Dialect> {
    static json encode(const std::string& value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, std::string& out) {
        if (reader.kind() == ValueKind::string)
            out.assign(reader.get_string());
        else
            reader.fail("string");
    }
};

/// Any JSON value, kept as is (Odoo's json and properties fields, untyped results).
template <class Dialect>
struct Codec<json, Dialect> {
    static json encode(const json& value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, json& out) {
        out = reader.get_dynamic();
    }
};

/// A JSON list of `T`.
template <class T, class A, class Dialect>
struct Codec<std::vector<T, A>, Dialect> {
    static json encode(const std::vector<T, A>& values) {
        json out = json::array();
        for (const auto& value : values) out.push_back(encode_value<Dialect>(value));
        return out;
    }
    template <class Reader>
    static void decode(Reader& reader, std::vector<T, A>& out) {
        if (reader.kind() != ValueKind::array) {
            reader.fail("list");
            return;
        }
        out.clear();
        out.reserve(reader.element_count());
        reader.for_each_element(
            [&](Reader& element) { decode_value<Dialect>(element, out.emplace_back()); });
    }
};

/// Empty ⇄ the dialect's empty value (Odoo: `false`; `null` is accepted too). An optional
/// `bool` is empty only on `null`, since `false` is one of its values.
template <class T, class Dialect>
struct Codec<std::optional<T>, Dialect> {
    static json encode(const std::optional<T>& value) {
        return value ? encode_value<Dialect>(*value) : Dialect::empty();
    }
    template <class Reader>
    static void decode(Reader& reader, std::optional<T>& out) {
        const bool empty =
            std::is_same_v<T, bool> ? reader.kind() == ValueKind::null : Dialect::is_empty(reader);
        if (empty) {
            out.reset();
            return;
        }
        decode_value<Dialect>(reader, out.emplace());
    }
};

/// Selections: the enumerator's wire key (see `enum_wire_key`).
template <DescribedEnum E, class Dialect>
struct Codec<E, Dialect> {
    static json encode(E value) {
        const std::string_view key = enum_wire_key(value);
        if (key.empty())
            throw ConfigurationError(
                "cannot encode the enum value " +
                std::to_string(static_cast<std::underlying_type_t<E>>(value)) +
                ": it is none of the enumerators listed in BOOST_DESCRIBE_ENUM; assign one of "
                "them or add the missing enumerator to the description");
        return json(std::string(key));
    }
    template <class Reader>
    static void decode(Reader& reader, E& out) {
        if (reader.kind() == ValueKind::string) {
            if (auto value = enum_from_wire_key<E>(reader.get_string())) {
                out = *value;
                return;
            }
        }
        std::string expected = "one of the keys";
        const char* separator = " ";
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
            expected += separator;
            expected += '"';
            expected += enum_wire_key(d.value);
            expected += '"';
            separator = ", ";
        });
        reader.fail(expected);
    }
};

}  // namespace odoobridge::core
