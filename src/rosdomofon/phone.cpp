#include <cctype>
#include <charconv>
#include <odoobridge/rosdomofon/phone.hpp>

namespace odoobridge::rosdomofon {

namespace {

constexpr std::size_t kDigits = 11;

bool is_separator(char c) noexcept { return c == ' ' || c == '-' || c == '.'; }

std::string quote_char(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
        static constexpr char hex[] = "0123456789ABCDEF";
        return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 0x0f];
    }
    return std::string("'") + c + "'";
}

/// The digits of `text` after checking its characters, or nothing with `reason` set.
std::optional<std::string> extract_digits(std::string_view text, bool& plus, std::string& reason) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty()) {
        reason = "it is empty";
        return std::nullopt;
    }
    plus = text.front() == '+';
    if (plus) text.remove_prefix(1);
    std::string digits;
    int open = 0;
    int pairs = 0;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '(') {
            if (open != 0 || pairs != 0) {
                reason = "it has more than one '(' (only one pair of parentheses is allowed)";
                return std::nullopt;
            }
            open = 1;
        } else if (c == ')') {
            if (open != 1) {
                reason = "it has a ')' without a '(' before it";
                return std::nullopt;
            }
            open = 0;
            ++pairs;
        } else if (c == '+') {
            reason = "'+' may only stand at the start of the number";
            return std::nullopt;
        } else if (!is_separator(c)) {
            reason = "it contains " + quote_char(c) +
                     ", which is neither a digit nor a separator (space, '-', '.', '(', ')')";
            return std::nullopt;
        }
    }
    if (open != 0) {
        reason = "it has a '(' that is never closed";
        return std::nullopt;
    }
    return digits;
}

std::int64_t to_number(std::string_view digits) {
    std::int64_t value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

}  // namespace

std::string phone_digits_problem(std::string_view digits, bool plus) {
    if (digits.empty()) return "it has no digits";
    if (digits.size() != kDigits) {
        std::string reason = "it has " + std::to_string(digits.size()) +
                             (digits.size() == 1 ? " digit" : " digits") +
                             ", a RosDomofon phone has 11";
        if (digits.size() == 10) reason += " (add the country code 7 in front)";
        return reason;
    }
    if (plus && digits.front() != '7')
        return std::string("+") + digits.front() +
               " is not the country code of Russia and Kazakhstan (+7)";
    if (digits.front() != '7' && digits.front() != '8')
        return std::string("it starts with ") + digits.front() +
               ", but must start with 7 (or 8, the domestic prefix)";
    return {};
}

std::optional<Phone> Phone::try_parse(std::string_view text, std::string* reason) {
    std::string why;
    bool plus = false;
    auto digits = extract_digits(text, plus, why);
    if (digits && why.empty()) why = phone_digits_problem(*digits, plus);
    if (!why.empty()) {
        if (reason != nullptr) *reason = std::move(why);
        return std::nullopt;
    }
    (*digits)[0] = '7';
    Phone phone;
    phone.number_ = to_number(*digits);
    return phone;
}

Phone::Phone(std::string_view text) {
    std::string reason;
    auto parsed = try_parse(text, &reason);
    if (!parsed) throw PhoneNumberError(std::string(text), std::move(reason));
    number_ = parsed->number_;
}

Phone::Phone(std::int64_t number) {
    const std::string text = std::to_string(number);
    if (number <= 0) throw PhoneNumberError(text, number == 0 ? "it is zero" : "it is negative");
    std::string reason = phone_digits_problem(text, false);
    if (!reason.empty()) throw PhoneNumberError(text, std::move(reason));
    std::string digits = text;
    digits[0] = '7';
    number_ = to_number(digits);
}

std::string Phone::digits() const { return empty() ? std::string() : std::to_string(number_); }

std::string Phone::formatted() const {
    if (empty()) return {};
    const std::string d = digits();
    return "+7 (" + d.substr(1, 3) + ") " + d.substr(4, 3) + "-" + d.substr(7, 2) + "-" +
           d.substr(9, 2);
}

}  // namespace odoobridge::rosdomofon
