#pragma once
/// \file
/// `rosdomofon::Phone`: a phone number as RosDomofon stores it, `79061234567` (11 digits
/// starting with 7). Accepts what people type and rejects anything else before a request
/// is sent. The codec reads it from an integer (REST and Kafka answers) or a string, and
/// writes it as an integer.

#include <compare>
#include <cstdint>
#include <odoobridge/core/codec/traits.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/rosdomofon/errors.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::rosdomofon {

/// A normalized RosDomofon phone number. Value type; immutable after construction.
///
/// Accepted forms: `+7 (906) 123-45-67`, `8 906 123 45 67`, `8-906-123-45-67`,
/// `79061234567`, `+79061234567`, the integer `79061234567` (and `89061234567`). Spaces,
/// `-`, `.` and one pair of parentheses may separate the digits; a leading 8 (the domestic
/// prefix) becomes 7. Anything else — letters, 10 or 12 digits, another country code,
/// a `+` inside the number — throws `PhoneNumberError` saying why.
///
/// A default-constructed `Phone` is empty (`empty()`, digits ""): it stands for "no phone"
/// in records and is never sent.
class Phone {
public:
    /// An empty phone ("no phone").
    constexpr Phone() noexcept = default;
    /// Parses what a person typed. \throws PhoneNumberError.
    explicit Phone(std::string_view text);
    /// From the integer form. \throws PhoneNumberError.
    explicit Phone(std::int64_t number);

    /// Parses `text`; returns nothing and, when `reason` is not null, stores why it was
    /// rejected. Never throws.
    [[nodiscard]] static std::optional<Phone> try_parse(std::string_view text,
                                                        std::string* reason = nullptr);

    /// "79061234567" ("" when empty).
    [[nodiscard]] std::string digits() const;
    /// 79061234567 (0 when empty).
    [[nodiscard]] std::int64_t number() const noexcept { return number_; }
    /// "+7 (906) 123-45-67", for people ("" when empty).
    [[nodiscard]] std::string formatted() const;
    /// True for a default-constructed phone.
    [[nodiscard]] bool empty() const noexcept { return number_ == 0; }

    friend constexpr auto operator<=>(const Phone&, const Phone&) noexcept = default;

private:
    std::int64_t number_ = 0;
};

/// Why `digits` (the digits of an input, separators removed) is not a phone, or "" when it
/// is one. `plus` says whether the input started with '+'. Used by `Phone`; exposed for tests.
[[nodiscard]] std::string phone_digits_problem(std::string_view digits, bool plus);

}  // namespace odoobridge::rosdomofon

namespace odoobridge::core {

/// Phones are integers on the wire (REST answers, Kafka); strings are accepted too. `null`
/// and `0` (sent for "no phone") decode to an empty `Phone`; an empty `Phone` encodes as
/// the dialect's empty value.
template <class Dialect>
struct Codec<rosdomofon::Phone, Dialect> {
    static json encode(const rosdomofon::Phone& phone) {
        return phone.empty() ? Dialect::empty() : json(phone.number());
    }
    template <class Reader>
    static void decode(Reader& reader, rosdomofon::Phone& out) {
        constexpr std::string_view expected =
            "phone number (11 digits starting with 7, e.g. 79061234567)";
        const ValueKind kind = reader.kind();
        if (kind == ValueKind::null) {
            out = rosdomofon::Phone();
        } else if (kind == ValueKind::integer) {
            const std::int64_t value = reader.get_int64();
            if (value == 0) {
                out = rosdomofon::Phone();
            } else if (value < 0 || !phone_digits_ok(std::to_string(value))) {
                reader.fail(expected);
            } else {
                out = rosdomofon::Phone(value);
            }
        } else if (kind == ValueKind::string) {
            if (auto phone = rosdomofon::Phone::try_parse(reader.get_string()))
                out = *phone;
            else
                reader.fail(expected);
        } else {
            reader.fail(expected);
        }
    }

private:
    static bool phone_digits_ok(const std::string& digits) {
        return rosdomofon::phone_digits_problem(digits, false).empty();
    }
};

}  // namespace odoobridge::core
