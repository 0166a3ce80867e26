// The `Retry-After` header (RFC 9110, 10.2.3): delta-seconds or an HTTP-date (5.6.7), the
// one parser every client's retries use.
#include <algorithm>
#include <array>
#include <odoobridge/core/http.hpp>

namespace odoobridge::core {

namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads an HTTP-date from left to right; any mismatch makes `ok` false for good.
class DateReader {
public:
    explicit DateReader(std::string_view text) noexcept : text_(text) {}

    /// Consumes `literal` exactly.
    void expect(std::string_view literal) noexcept {
        if (ok_ && text_.starts_with(literal))
            text_.remove_prefix(literal.size());
        else
            ok_ = false;
    }
    /// Consumes exactly `count` digits.
    int number(int count) noexcept {
        int value = 0;
        for (int i = 0; i < count; ++i) {
            if (!ok_ || text_.empty() || !is_digit(text_.front())) {
                ok_ = false;
                return 0;
            }
            value = value * 10 + (text_.front() - '0');
            text_.remove_prefix(1);
        }
        return value;
    }
    /// Consumes one of `names`; returns its index.
    template <std::size_t N>
    int one_of(const std::array<std::string_view, N>& names) noexcept {
        for (std::size_t i = 0; i < N; ++i)
            if (ok_ && text_.starts_with(names[i])) {
                text_.remove_prefix(names[i].size());
                return static_cast<int>(i);
            }
        ok_ = false;
        return 0;
    }
    /// "HH:MM:SS" (a leap second's 60 is allowed).
    seconds time_of_day() noexcept {
        const int hour = number(2);
        expect(":");
        const int minute = number(2);
        expect(":");
        const int second = number(2);
        if (hour > 23 || minute > 59 || second > 60) ok_ = false;
        return hours(hour) + minutes(minute) + seconds(second);
    }
    [[nodiscard]] bool at_end() const noexcept { return ok_ && text_.empty(); }
    [[nodiscard]] char peek() const noexcept { return ok_ && !text_.empty() ? text_.front() : 0; }

private:
    std::string_view text_;
    bool ok_ = true;
};

std::optional<sys_seconds> make_instant(int year, int month, int day, seconds time) noexcept {
    const year_month_day date{std::chrono::year(year), std::chrono::month(month + 1),
                              std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return sys_days(date) + time;
}

/// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, what servers send today).
std::optional<sys_seconds> imf_fixdate(std::string_view text) noexcept {
    DateReader reader(text);
    reader.one_of(kDays);
    reader.expect(", ");
    const int day = reader.number(2);
    reader.expect(" ");
    const int month = reader.one_of(kMonths);
    reader.expect(" ");
    const int year = reader.number(4);
    reader.expect(" ");
    const seconds time = reader.time_of_day();
    reader.expect(" GMT");
    if (!reader.at_end()) return std::nullopt;
    return make_instant(year, month, day, time);
}

/// "Sunday, 06-Nov-94 08:49:37 GMT" (obsolete RFC 850). The two-digit year is the most
/// recent one with those digits that is not more than 50 years in the future.
std::optional<sys_seconds> rfc850_date(std::string_view text,
                                       system_clock::time_point now) noexcept {
    DateReader reader(text);
    reader.one_of(kLongDays);
    reader.expect(", ");
    const int day = reader.number(2);
    reader.expect("-");
    const int month = reader.one_of(kMonths);
    reader.expect("-");
    const int two_digits = reader.number(2);
    reader.expect(" ");
    const seconds time = reader.time_of_day();
    reader.expect(" GMT");
    if (!reader.at_end()) return std::nullopt;
    const int this_year = static_cast<int>(year_month_day(std::chrono::floor<days>(now)).year());
    int year = this_year - this_year % 100 + two_digits;
    if (year > this_year + 50) year -= 100;
    return make_instant(year, month, day, time);
}

/// "Sun Nov  6 08:49:37 1994" (obsolete asctime).
std::optional<sys_seconds> asctime_date(std::string_view text) noexcept {
    DateReader reader(text);
    reader.one_of(kDays);
    reader.expect(" ");
    const int month = reader.one_of(kMonths);
    reader.expect(" ");
    int day = 0;
    if (reader.peek() == ' ') {  // " 6": a one-digit day is padded with a space
        reader.expect(" ");
        day = reader.number(1);
    } else {
        day = reader.number(2);
    }
    reader.expect(" ");
    const seconds time = reader.time_of_day();
    reader.expect(" ");
    const int year = reader.number(4);
    if (!reader.at_end()) return std::nullopt;
    return make_instant(year, month, day, time);
}

std::string_view trimmed(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      system_clock::time_point now) noexcept {
    value = trimmed(value);
    if (value.empty()) return std::nullopt;
    if (std::ranges::all_of(value, is_digit)) {
        long long wait = 0;
        for (const char c : value) {
            wait = wait * 10 + (c - '0');
            if (wait >= kLongestRetryAfter.count()) return kLongestRetryAfter;
        }
        return std::chrono::seconds(wait);
    }
    std::optional<sys_seconds> date = imf_fixdate(value);
    if (!date) date = rfc850_date(value, now);
    if (!date) date = asctime_date(value);
    if (!date) return std::nullopt;
    // In whole seconds (nanoseconds would overflow for far dates); the date has no fraction,
    // so subtracting the floor of `now` rounds the wait up.
    const std::chrono::seconds wait = *date - std::chrono::floor<std::chrono::seconds>(now);
    return std::clamp(wait, std::chrono::seconds(0), kLongestRetryAfter);
}

std::optional<std::chrono::seconds> Response::retry_after() const noexcept {
    if (status != 429 && status != 503) return std::nullopt;
    const auto value = header("Retry-After");
    return value ? parse_retry_after(*value) : std::nullopt;
}

}  // namespace odoobridge::core
