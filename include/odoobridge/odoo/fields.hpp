#pragma once
/// \file
/// Odoo field types, Odoo's codec dialect, and the typed-record conversions.
///
/// A record is a plain struct described with BOOST_DESCRIBE_STRUCT that carries its model
/// name as `static constexpr std::string_view odoo_model`; the member `id` is the record id.
/// Each member is one Odoo field, named like the member (one trailing underscore dropped,
/// for C++ keywords):
///
///     struct Property {
///         static constexpr std::string_view odoo_model = "estate.property";
///         odoo::Id id = 0;
///         std::string name;                     // char (required: never false)
///         double price = 0;                     // float, monetary
///         State state = State::new_;            // selection: BOOST_DESCRIBE_ENUM(State, new_, ..)
///         std::optional<odoo::Date> deal_date;  // date; empty is false
///         std::optional<odoo::Many2one> owner_id;
///         odoo::X2many image_ids;
///     };
///     BOOST_DESCRIBE_STRUCT(Property, (),
///                           (id, name, price, state, deal_date, owner_id, image_ids))
///
/// | Odoo field          | C++ member                               | on the wire               |
/// |---------------------|------------------------------------------|---------------------------|
/// | any, may be empty   | `std::optional<T>`                       | false (null accepted)     |
/// | boolean             | `bool`                                   | true / false              |
/// | integer             | any integer type                         | int (XML-RPC: a double    |
/// |                     |                                          | beyond 32 bits)           |
/// | float, monetary     | `double` / `Monetary`                    | number                    |
/// | char, text, html    | `std::string` / `Text` / `Html`          | string                    |
/// | selection           | enum with BOOST_DESCRIBE_ENUM, or string | the key                   |
/// | date                | `Date` (std::chrono::year_month_day)     | "YYYY-MM-DD"              |
/// | datetime            | `Datetime` (sys_seconds, UTC)            | "YYYY-MM-DD HH:MM:SS"     |
/// | many2one            | `Many2one`                               | read [id, "name"]; write  |
/// |                     |                                          | the id                    |
/// | one2many, many2many | `X2many`                                 | read ids; write commands  |
/// | binary, image       | `Binary`                                 | base64 string             |
/// | reference           | `Reference`                              | "model,id"                |
/// | json, properties    | `Json` (odoobridge::json)                | any JSON                  |
///
/// Answers' unknown fields are ignored; members an answer does not mention keep their
/// value; a value that does not fit its member raises `odoobridge::DecodeError` (see
/// core/codec/decode_error.hpp) naming model, record id, field, expected type and value.
///
/// Everything here is a value type: copyable, no shared state, safe to use from several
/// threads as long as one object is not mutated concurrently.

#include <odoobridge/core/codec.hpp>
#include <odoobridge/core/codec/base64.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::odoo {

/// A record id (Odoo's ids are PostgreSQL integers; 64 bits leave room).
using Id = std::int64_t;
/// A date field: a calendar date, no time zone ("YYYY-MM-DD").
using Date = std::chrono::year_month_day;
/// A datetime field: a UTC instant to the second ("YYYY-MM-DD HH:MM:SS", naive UTC).
using Datetime = std::chrono::sys_seconds;
/// A monetary field (its currency is another field, usually `currency_id`).
using Monetary = double;
/// An html field (sanitized by the server on write).
using Html = std::string;
/// A text field.
using Text = std::string;
/// A json or properties field, kept as a dynamic value.
using Json = json;

/// A many2one value: the target's id and display name. Reads give both; writes send the id
/// (or `false` for `id == 0`). Use `std::optional<Many2one>` for a field that may be empty.
struct Many2one {
    Many2one() = default;
    /// The record `id`, for writes and domains (`Many2one{44}`).
    explicit Many2one(Id record_id) : id(record_id) {}
    Many2one(Id record_id, std::string display_name)
        : id(record_id), name(std::move(display_name)) {}

    Id id = 0;
    std::string name;  ///< display name as read; ignored on write
    friend bool operator==(const Many2one&, const Many2one&) = default;
};

/// One x2many write command, as Odoo's `Command` builds them.
class Command {
public:
    /// Odoo's command numbers.
    enum class Kind : int {
        create = 0,   ///< (0, 0, values): create a new record and link it
        update = 1,   ///< (1, id, values): write values to a linked record
        delete_ = 2,  ///< (2, id, 0): remove from the relation and delete the record
        unlink = 3,   ///< (3, id, 0): remove from the relation, keep the record
        link = 4,     ///< (4, id, 0): add an existing record to the relation
        clear = 5,    ///< (5, 0, 0): remove all records from the relation
        set = 6,      ///< (6, 0, ids): replace the relation by `ids`
    };

    /// `values` is a JSON object, e.g. `to_values(line)` or `Partial::values()`.
    /// \throws ConfigurationError when `values` is not an object.
    [[nodiscard]] static Command create(json values) {
        return Command(Kind::create, 0, checked_values(std::move(values), "create"), {});
    }
    /// \throws ConfigurationError when `values` is not an object.
    [[nodiscard]] static Command update(Id id, json values) {
        return Command(Kind::update, id, checked_values(std::move(values), "update"), {});
    }
    [[nodiscard]] static Command delete_(Id id) { return Command(Kind::delete_, id, {}, {}); }
    [[nodiscard]] static Command unlink(Id id) { return Command(Kind::unlink, id, {}, {}); }
    [[nodiscard]] static Command link(Id id) { return Command(Kind::link, id, {}, {}); }
    [[nodiscard]] static Command clear() { return Command(Kind::clear, 0, {}, {}); }
    [[nodiscard]] static Command set(std::vector<Id> ids) {
        return Command(Kind::set, 0, {}, std::move(ids));
    }

    [[nodiscard]] Kind kind() const noexcept { return kind_; }
    /// The target record (update, delete_, unlink, link), else 0.
    [[nodiscard]] Id id() const noexcept { return id_; }
    /// The values (create, update), else null.
    [[nodiscard]] const json& values() const noexcept { return values_; }
    /// The ids (set), else empty.
    [[nodiscard]] const std::vector<Id>& ids() const noexcept { return ids_; }

    /// The three-element list Odoo takes: [0, 0, {..}], [1, id, {..}], [2, id, 0],
    /// [3, id, 0], [4, id, 0], [5, 0, 0], [6, 0, [ids]].
    [[nodiscard]] json to_json() const {
        switch (kind_) {
            case Kind::create:
                return json::array({0, 0, values_});
            case Kind::update:
                return json::array({1, id_, values_});
            case Kind::set:
                return json::array({6, 0, ids_});
            case Kind::clear:
                return json::array({5, 0, 0});
            default:
                return json::array({static_cast<int>(kind_), id_, 0});
        }
    }

    friend bool operator==(const Command&, const Command&) = default;

private:
    Command(Kind kind, Id id, json values, std::vector<Id> ids)
        : kind_(kind), id_(id), values_(std::move(values)), ids_(std::move(ids)) {}

    static json checked_values(json values, std::string_view command) {
        if (!values.is_object())
            throw ConfigurationError("Command::" + std::string(command) +
                                     " needs the field values as a JSON object (e.g. "
                                     "odoo::to_values(record)), not a " +
                                     std::string(values.type_name()));
        return values;
    }

    Kind kind_;
    Id id_;
    json values_;
    std::vector<Id> ids_;
};

/// A one2many or many2many value. Reads fill `ids` (and clear `commands`). Writes send
/// `commands` when there are any, else one `set` command replacing the relation by `ids`
/// (so an unchanged record writes back what it read, and `to_values` of a new record links
/// exactly `ids`).
struct X2many {
    std::vector<Id> ids;            ///< linked record ids, as read
    std::vector<Command> commands;  ///< changes to send instead of `ids`, in order

    /// The write value: [[cmd, ...], ...].
    [[nodiscard]] json to_json() const {
        json out = json::array();
        if (commands.empty()) {
            out.push_back(Command::set(ids).to_json());
        } else {
            for (const auto& command : commands) out.push_back(command.to_json());
        }
        return out;
    }
    friend bool operator==(const X2many&, const X2many&) = default;
};

/// A binary or image field: the bytes; base64 on the wire. Use `std::optional<Binary>` for
/// a field that may be empty (Odoo sends `false`).
struct Binary {
    std::vector<std::uint8_t> bytes;
    friend bool operator==(const Binary&, const Binary&) = default;
};

/// A reference field: a model and a record id, "model,id" on the wire. Use
/// `std::optional<Reference>` for a field that may be empty.
struct Reference {
    std::string model;
    Id id = 0;
    friend bool operator==(const Reference&, const Reference&) = default;
};

/// Odoo's conventions for the generic codec: an empty value is `false` (and `null`, which
/// JSON-2 may send, is accepted as empty too).
struct Dialect {
    [[nodiscard]] static json empty() { return false; }
    template <class Reader>
    [[nodiscard]] static bool is_empty(Reader& reader) {
        const core::ValueKind kind = reader.kind();
        return kind == core::ValueKind::boolean_false || kind == core::ValueKind::null;
    }
};

// ---- text forms -----------------------------------------------------------------------

namespace fields_detail {

constexpr bool parse_digits(std::string_view text, std::size_t at, std::size_t count,
                            int& out) noexcept {
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

inline void append_padded(std::string& out, long value, int width) {
    std::string digits = std::to_string(value);
    if (digits.size() < static_cast<std::size_t>(width))
        out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    out += digits;
}

inline void check_year(const Date& date) {
    const int year = static_cast<int>(date.year());
    if (!date.ok() || year < 1 || year > 9999)
        throw ConfigurationError("the date " + std::to_string(year) + "-" +
                                 std::to_string(static_cast<unsigned>(date.month())) + "-" +
                                 std::to_string(static_cast<unsigned>(date.day())) +
                                 " cannot be sent to Odoo: it is not a valid date between years "
                                 "1 and 9999");
}

}  // namespace fields_detail

/// "YYYY-MM-DD". \throws ConfigurationError for an invalid date or a year outside 1..9999.
[[nodiscard]] inline std::string format_date(const Date& date) {
    fields_detail::check_year(date);
    std::string out;
    fields_detail::append_padded(out, static_cast<int>(date.year()), 4);
    out += '-';
    fields_detail::append_padded(out, static_cast<unsigned>(date.month()), 2);
    out += '-';
    fields_detail::append_padded(out, static_cast<unsigned>(date.day()), 2);
    return out;
}

/// The date of "YYYY-MM-DD", or nothing for any other text or an impossible date.
[[nodiscard]] constexpr std::optional<Date> parse_date(std::string_view text) noexcept {
    int year = 0, month = 0, day = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
        !fields_detail::parse_digits(text, 0, 4, year) ||
        !fields_detail::parse_digits(text, 5, 2, month) ||
        !fields_detail::parse_digits(text, 8, 2, day))
        return std::nullopt;
    const Date date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                    std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return date;
}

/// "YYYY-MM-DD HH:MM:SS" in UTC. \throws ConfigurationError for a year outside 1..9999.
[[nodiscard]] inline std::string format_datetime(Datetime instant) {
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const std::chrono::hh_mm_ss time{instant - day};
    std::string out = format_date(Date{day});
    out += ' ';
    fields_detail::append_padded(out, time.hours().count(), 2);
    out += ':';
    fields_detail::append_padded(out, time.minutes().count(), 2);
    out += ':';
    fields_detail::append_padded(out, static_cast<long>(time.seconds().count()), 2);
    return out;
}

/// The UTC instant of "YYYY-MM-DD HH:MM:SS" (a 'T' separator and a fraction of a second,
/// which is dropped, are accepted too), or nothing for any other text.
[[nodiscard]] constexpr std::optional<Datetime> parse_datetime(std::string_view text) noexcept {
    if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
        text[16] != ':')
        return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    int hours = 0, minutes = 0, seconds = 0;
    if (!date || !fields_detail::parse_digits(text, 11, 2, hours) ||
        !fields_detail::parse_digits(text, 14, 2, minutes) ||
        !fields_detail::parse_digits(text, 17, 2, seconds) || hours > 23 || minutes > 59 ||
        seconds > 59)
        return std::nullopt;
    if (text.size() > 19) {
        if (text[19] != '.' || text.size() == 20) return std::nullopt;
        for (const char c : text.substr(20))
            if (c < '0' || c > '9') return std::nullopt;
    }
    return std::chrono::sys_days(*date) + std::chrono::hours(hours) +
           std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

/// "model,id".
[[nodiscard]] inline std::string format_reference(const Reference& reference) {
    return reference.model + "," + std::to_string(reference.id);
}

/// The reference of "model,id", or nothing for any other text.
[[nodiscard]] inline std::optional<Reference> parse_reference(std::string_view text) {
    const auto comma = text.rfind(',');
    if (comma == std::string_view::npos || comma == 0 || comma + 1 == text.size())
        return std::nullopt;
    Id id = 0;
    for (const char c : text.substr(comma + 1)) {
        if (c < '0' || c > '9' || id > (std::numeric_limits<Id>::max() - 9) / 10)
            return std::nullopt;
        id = id * 10 + (c - '0');
    }
    return Reference{std::string(text.substr(0, comma)), id};
}

}  // namespace odoobridge::odoo

// ---- codecs of the Odoo field types ---------------------------------------------------

namespace odoobridge::core {

template <>
struct Codec<odoo::Many2one, odoo::Dialect> {
    static json encode(const odoo::Many2one& value) {
        return value.id == 0 ? odoo::Dialect::empty() : json(value.id);
    }
    /// Accepts [id, "name"] (a read), [id, false] and a bare id (reads with load=None).
    template <class Reader>
    static void decode(Reader& reader, odoo::Many2one& out) {
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::integer) {
            out.id = reader.get_int64();
            out.name.clear();
            return;
        }
        bool fits = kind == ValueKind::array;
        if (fits) {
            std::size_t index = 0;
            out.name.clear();
            reader.for_each_element([&](Reader& element) {
                const ValueKind element_kind = element.kind();
                if (index == 0 && element_kind == ValueKind::integer)
                    out.id = element.get_int64();
                else if (index == 1 && element_kind == ValueKind::string)
                    out.name.assign(element.get_string());
                else if (!(index == 1 && element_kind == ValueKind::boolean_false))
                    fits = false;
                ++index;
            });
            fits = fits && index == 2;
        }
        if (!fits) reader.fail("many2one [id, \"name\"]");
    }
};

template <>
struct Codec<odoo::X2many, odoo::Dialect> {
    static json encode(const odoo::X2many& value) { return value.to_json(); }
    template <class Reader>
    static void decode(Reader& reader, odoo::X2many& out) {
        bool fits = reader.kind() == ValueKind::array;
        if (fits) {
            out.ids.clear();
            out.commands.clear();
            out.ids.reserve(reader.element_count());
            reader.for_each_element([&](Reader& element) {
                if (element.kind() == ValueKind::integer)
                    out.ids.push_back(element.get_int64());
                else
                    fits = false;
            });
        }
        if (!fits) reader.fail("list of record ids");
    }
};

template <>
struct Codec<odoo::Command, odoo::Dialect> {
    static json encode(const odoo::Command& value) { return value.to_json(); }
};

template <>
struct Codec<odoo::Binary, odoo::Dialect> {
    static json encode(const odoo::Binary& value) { return base64_encode(value.bytes); }
    template <class Reader>
    static void decode(Reader& reader, odoo::Binary& out) {
        if (reader.kind() == ValueKind::string) {
            if (auto bytes = base64_decode(reader.get_string())) {
                out.bytes = std::move(*bytes);
                return;
            }
        }
        reader.fail("base64 text");
    }
};

template <>
struct Codec<odoo::Reference, odoo::Dialect> {
    static json encode(const odoo::Reference& value) {
        return value.model.empty() ? odoo::Dialect::empty() : json(odoo::format_reference(value));
    }
    template <class Reader>
    static void decode(Reader& reader, odoo::Reference& out) {
        if (reader.kind() == ValueKind::string) {
            if (auto reference = odoo::parse_reference(reader.get_string())) {
                out = std::move(*reference);
                return;
            }
        }
        reader.fail("reference \"model,id\"");
    }
};

template <>
struct Codec<odoo::Date, odoo::Dialect> {
    static json encode(const odoo::Date& value) { return odoo::format_date(value); }
    template <class Reader>
    static void decode(Reader& reader, odoo::Date& out) {
        if (reader.kind() == ValueKind::string) {
            if (auto date = odoo::parse_date(reader.get_string())) {
                out = *date;
                return;
            }
        }
        reader.fail("date \"YYYY-MM-DD\"");
    }
};

/// Datetimes: any `std::chrono::sys_time` (sys_seconds is `odoo::Datetime`; a finer clock
/// reading such as `system_clock::now()` is sent truncated to the second).
template <class Duration>
struct Codec<std::chrono::sys_time<Duration>, odoo::Dialect> {
    static json encode(const std::chrono::sys_time<Duration>& value) {
        return odoo::format_datetime(std::chrono::floor<std::chrono::seconds>(value));
    }
    template <class Reader>
    static void decode(Reader& reader, std::chrono::sys_time<Duration>& out) {
        if (reader.kind() == ValueKind::string) {
            if (auto instant = odoo::parse_datetime(reader.get_string())) {
                out = std::chrono::floor<Duration>(*instant);
                return;
            }
        }
        reader.fail("datetime \"YYYY-MM-DD HH:MM:SS\" (UTC)");
    }
};

}  // namespace odoobridge::core

// ---- typed records --------------------------------------------------------------------

namespace odoobridge::odoo {

/// A typed record: a described struct with `static constexpr std::string_view odoo_model`.
template <class T>
concept Record = core::DescribedStruct<T> && requires {
    { T::odoo_model } -> std::convertible_to<std::string_view>;
};

/// The model name of a record type, "" for a described struct without `odoo_model`.
template <core::DescribedStruct T>
[[nodiscard]] constexpr std::string_view model_name() noexcept {
    if constexpr (Record<T>)
        return std::string_view(T::odoo_model);
    else
        return {};
}

using core::DecodeOrigin;
using core::JsonRpcRecords;

/// Field changes of a partial write: `Partial<T>{}.set(&T::price, 1.0).values()`.
template <core::DescribedStruct T>
using Partial = core::Partial<T, Dialect>;

namespace fields_detail {
template <class T>
core::DecodeOrigin origin_for(core::DecodeOrigin origin) noexcept {
    if (origin.model.empty()) origin.model = model_name<T>();
    return origin;
}
}  // namespace fields_detail

/// `value` as Odoo takes it in values and domains (false for empty optionals, ids for
/// many2one, keys for selections, "YYYY-MM-DD" for dates ...).
/// \throws ConfigurationError for values Odoo cannot store (see the codecs).
template <class V>
[[nodiscard]] json to_value(const V& value) {
    return core::encode_value<Dialect>(value);
}

/// The values of every field of `record` except `id` (for `create`, or a full `write`).
template <core::DescribedStruct T>
[[nodiscard]] json to_values(const T& record) {
    return core::to_values<Dialect>(record);
}

/// The values of the named members of `record` only (a partial `write`):
/// `to_values(property, &Property::price, &Property::state)`.
/// \throws ConfigurationError when a member is not described, or is `id`.
template <core::DescribedStruct T, class... C, class... M>
    requires(sizeof...(M) > 0)
[[nodiscard]] json to_values(const T& record, M C::*... members) {
    return core::to_values<Dialect>(record, members...);
}

/// The `fields` to read for `T`: its field names in declaration order, `id` included.
template <core::DescribedStruct T>
[[nodiscard]] std::vector<std::string> field_names() {
    return core::field_names<T>();
}

/// One record from a json object (dynamic path).
/// \throws DecodeError (see core/codec.hpp).
template <core::DescribedStruct T>
[[nodiscard]] T record_from_json(const json& value, const DecodeOrigin& origin = {}) {
    return core::record_from_json<T, Dialect>(value, fields_detail::origin_for<T>(origin));
}

/// Records from a json list (dynamic path: XML-RPC answers, `execute_kw` results).
/// \throws DecodeError (see core/codec.hpp).
template <core::DescribedStruct T>
[[nodiscard]] std::vector<T> records_from_json(const json& list, const DecodeOrigin& origin = {}) {
    return core::records_from_json<T, Dialect>(list, fields_detail::origin_for<T>(origin));
}

/// Records straight from JSON text holding a list (a JSON-2 `search_read`/`read` body),
/// without a DOM. \throws MalformedResponseError, DecodeError (see core/codec.hpp).
template <core::DescribedStruct T>
[[nodiscard]] std::vector<T> decode_records(std::string_view json_text,
                                            const DecodeOrigin& origin = {}) {
    return core::decode_records<T, Dialect>(json_text, fields_detail::origin_for<T>(origin));
}

/// Records straight from a JSON-RPC answer's bytes (`/jsonrpc`, `/web/dataset/call_kw`),
/// without a DOM; an `error` answer is returned in `JsonRpcRecords::error` for the protocol
/// layer to map. \throws MalformedResponseError, DecodeError (see core/codec.hpp).
template <core::DescribedStruct T>
[[nodiscard]] JsonRpcRecords<T> decode_jsonrpc_result_records(std::string_view envelope,
                                                              const DecodeOrigin& origin = {}) {
    return core::decode_jsonrpc_result_records<T, Dialect>(envelope,
                                                           fields_detail::origin_for<T>(origin));
}

}  // namespace odoobridge::odoo
