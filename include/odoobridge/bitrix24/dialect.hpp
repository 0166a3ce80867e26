#pragma once
/// \file
/// Bitrix24's JSON conventions for the generic codec (core/codec.hpp), so that typed
/// records are plain described structs:
///
/// - numbers often arrive as strings (`"ID": "42"`, `"OPPORTUNITY": "1500.00"`): integer and
///   floating-point members accept both; they are sent as JSON numbers;
/// - flags are `"Y"`/`"N"` in older methods and `true`/`false` in newer ones: `bool`
///   members accept both (and "1"/"0"); they are sent as "Y"/"N";
/// - "no value" is `null`, `""` or `false`: an empty `std::optional` accepts all three and
///   is sent as `null` (`without_nulls` drops those before an add); a `std::string` member
///   reads `null` as "".
///
/// Member names are the wire names: UPPER_CASE where the method speaks it (`user.get`,
/// `tasks.task.add` input), camelCase where it answers that way (`tasks.task.*` output,
/// `crm.item.*`).

#include <charconv>
#include <concepts>
#include <cstdint>
#include <limits>
#include <odoobridge/core/codec.hpp>
#include <string>
#include <string_view>

namespace odoobridge::bitrix24 {

/// The codec dialect of Bitrix24 (see the file comment).
struct Dialect {
    [[nodiscard]] static json empty() { return nullptr; }
    template <class Reader>
    [[nodiscard]] static bool is_empty(Reader& reader) {
        const core::ValueKind kind = reader.kind();
        if (kind == core::ValueKind::null || kind == core::ValueKind::boolean_false) return true;
        return kind == core::ValueKind::string && reader.get_string().empty();
    }
};

/// Decodes `record` from a json object with the Bitrix24 dialect.
/// \throws DecodeError naming the method, record id, field, expected type and value.
template <core::DescribedStruct T>
[[nodiscard]] T from_json(const json& record, std::string_view method = {}) {
    return core::record_from_json<T, Dialect>(record, core::DecodeOrigin{method, {}, 0});
}

/// Decodes a json list of records with the Bitrix24 dialect.
/// \throws DecodeError as `from_json`.
template <core::DescribedStruct T>
[[nodiscard]] std::vector<T> list_from_json(const json& list, std::string_view method = {}) {
    return core::records_from_json<T, Dialect>(list, core::DecodeOrigin{method, {}, 0});
}

/// The JSON object of all of `record`'s members (the `fields` of an add).
template <core::DescribedStruct T>
[[nodiscard]] json to_json(const T& record) {
    return core::encode_object<Dialect>(record, true);
}

/// `fields` without its `null` members (empty optionals): what add and update methods
/// should receive, so that unset fields keep the portal's defaults.
[[nodiscard]] inline json without_nulls(json fields) {
    if (!fields.is_object()) return fields;
    for (auto it = fields.begin(); it != fields.end();) {
        if (it->is_null())
            it = fields.erase(it);
        else
            ++it;
    }
    return fields;
}

}  // namespace odoobridge::bitrix24

namespace odoobridge::core {

/// Text: a JSON string; `null` (Bitrix24's "no value") reads as "".
template <>
struct Codec<std::string, bitrix24::Dialect> {
    static json encode(const std::string& value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, std::string& out) {
        if (reader.kind() == ValueKind::null)
            out.clear();
        else
            Codec<std::string, JsonDialect>::decode(reader, out);
    }
};

/// Integers: JSON integers, or strings of digits as Bitrix24 often sends them.
template <std::integral I>
requires(!std::same_as<I, bool>) struct Codec<I, bitrix24::Dialect> {
    static json encode(I value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, I& out) {
        if (reader.kind() == ValueKind::string) {
            const std::string_view text = reader.get_string();
            I value{};
            const auto [end, error] =
                std::from_chars(text.data(), text.data() + text.size(), value);
            if (!text.empty() && error == std::errc() && end == text.data() + text.size()) {
                out = value;
                return;
            }
            reader.fail("integer (or a string of digits)");
            return;
        }
        Codec<I, JsonDialect>::decode(reader, out);
    }
};

/// Floating point: JSON numbers, or numeric strings ("1500.00").
template <std::floating_point F>
struct Codec<F, bitrix24::Dialect> {
    static json encode(F value) { return value; }
    template <class Reader>
    static void decode(Reader& reader, F& out) {
        if (reader.kind() == ValueKind::string) {
            const std::string text(reader.get_string());
            try {
                std::size_t used = 0;
                const double value = std::stod(text, &used);
                if (used == text.size()) {
                    out = static_cast<F>(value);
                    return;
                }
            } catch (const std::exception&) {
            }
            reader.fail("number (or a numeric string)");
            return;
        }
        Codec<F, JsonDialect>::decode(reader, out);
    }
};

/// Flags: true/false, "Y"/"N", "1"/"0"; sent as "Y"/"N".
template <>
struct Codec<bool, bitrix24::Dialect> {
    static json encode(bool value) { return value ? "Y" : "N"; }
    template <class Reader>
    static void decode(Reader& reader, bool& out) {
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::boolean_true || kind == ValueKind::boolean_false) {
            out = kind == ValueKind::boolean_true;
            return;
        }
        if (kind == ValueKind::string) {
            const std::string_view text = reader.get_string();
            if (text == "Y" || text == "1" || text == "true") {
                out = true;
                return;
            }
            if (text == "N" || text == "0" || text == "false" || text.empty()) {
                out = false;
                return;
            }
        }
        if (kind == ValueKind::integer) {
            out = reader.get_int64() != 0;
            return;
        }
        reader.fail("flag (true/false or \"Y\"/\"N\")");
    }
};

}  // namespace odoobridge::core
