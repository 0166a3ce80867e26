// core::parse_retry_after and core::Response::retry_after: the one Retry-After parser of
// every client's retries.
#include <catch2/catch.hpp>
#include <odoobridge/core/http.hpp>

using namespace odoobridge;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

/// 1994-11-06 08:49:37 UTC (RFC 9110's example date), plus `fraction`.
system_clock::time_point example_instant(milliseconds fraction = 0ms) {
    return sys_days(1994y / November / 6) + 8h + 49min + 37s + fraction;
}

}  // namespace

TEST_CASE("Retry-After delta-seconds") {
    CHECK(core::parse_retry_after("0") == 0s);
    CHECK(core::parse_retry_after("1") == 1s);
    CHECK(core::parse_retry_after("120") == 120s);
    CHECK(core::parse_retry_after(" 3600\t") == 3600s);  // optional whitespace around it
    CHECK(core::parse_retry_after("007") == 7s);
}

TEST_CASE("Retry-After huge delta-seconds are cut to 2^31 s instead of overflowing") {
    CHECK(core::parse_retry_after("2147483647") == 2147483647s);
    CHECK(core::parse_retry_after("2147483648") == core::kLongestRetryAfter);
    CHECK(core::parse_retry_after("99999999999999999999999999999") == core::kLongestRetryAfter);
}

TEST_CASE("Retry-After negative, fractional and garbage values are ignored") {
    for (const std::string_view value : {"",
                                         "   ",
                                         "-1",
                                         "-0",
                                         "+5",
                                         "1.5",
                                         "1e3",
                                         "5s",
                                         "five",
                                         "0x10",
                                         "1 2",
                                         "Sun, 06 Nov 1994 08:49:37 UTC",
                                         "Sun, 06 Nov 1994 08:49:37",
                                         "06 Nov 1994 08:49:37 GMT",
                                         "Sun, 6 Nov 1994 08:49:37 GMT",
                                         "Sun, 06 Nov 94 08:49:37 GMT",
                                         "Sun, 06 Nov 1994 8:49:37 GMT",
                                         "Sun, 06 Nov 1994 08:49:37 GMT trailing",
                                         "Sun, 31 Feb 1994 08:49:37 GMT",
                                         "Sun, 06 Nov 1994 24:00:00 GMT",
                                         "Sun, 06 Nov 1994 08:60:00 GMT",
                                         "Sunday, 06 Nov 1994 08:49:37 GMT",
                                         "Sun, 06 Foo 1994 08:49:37 GMT",
                                         "Sun Nov 6 08:49:37 1994"}) {
        INFO("value: '" << value << "'");
        CHECK_FALSE(core::parse_retry_after(value, example_instant()).has_value());
    }
}

TEST_CASE("Retry-After HTTP-dates in the three formats HTTP allows") {
    const auto now = example_instant(-90s);  // 90 s before the example date
    CHECK(core::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == 90s);
    CHECK(core::parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now) == 90s);
    CHECK(core::parse_retry_after("Sun Nov  6 08:49:37 1994", now) == 90s);
    CHECK(core::parse_retry_after("Sun Nov 16 08:49:37 1994", now) == 90s + days(10));
    // A leap second is a valid time of day.
    CHECK(core::parse_retry_after("Sat, 31 Dec 2016 23:59:60 GMT",
                                  sys_days(2016y / December / 31) + 23h + 59min) == 60s);
}

TEST_CASE("Retry-After HTTP-dates: past dates wait 0 s, fractions round up, far dates saturate") {
    CHECK(core::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", example_instant(1s)) == 0s);
    CHECK(core::parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", example_instant()) == 0s);
    // Now is 0.25 s into the second before the date: the wait rounds up to 1 s.
    CHECK(core::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", example_instant(-750ms)) == 1s);
    // Year 9999 is far beyond what nanoseconds can count: no overflow, cut to 2^31 s.
    CHECK(core::parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", example_instant()) ==
          core::kLongestRetryAfter);
}

TEST_CASE("Retry-After RFC 850 two-digit years are the latest not more than 50 years ahead") {
    const auto now = sys_days(2030y / January / 1) + 0s;
    // 79 -> 2079 would be 49 years ahead: taken as 2079.
    CHECK(core::parse_retry_after("Sunday, 01-Jan-79 00:00:00 GMT", now) ==
          duration_cast<seconds>(sys_days(2079y / January / 1) - sys_days(2030y / January / 1)));
    // 81 -> 2081 would be 51 years ahead: 1981, in the past.
    CHECK(core::parse_retry_after("Thursday, 01-Jan-81 00:00:00 GMT", now) == 0s);
}

TEST_CASE("Response::retry_after reads the header on 429 and 503 only") {
    const core::Headers headers{{"retry-after", "7"}, {"Content-Type", "text/html"}};
    CHECK(core::Response{429, headers, ""}.retry_after() == 7s);
    CHECK(core::Response{503, headers, ""}.retry_after() == 7s);
    CHECK_FALSE(core::Response{502, headers, ""}.retry_after().has_value());
    CHECK_FALSE(core::Response{200, headers, ""}.retry_after().has_value());
    CHECK_FALSE(core::Response{429, {{"Content-Type", "text/html"}}, ""}.retry_after().has_value());
    CHECK_FALSE(core::Response{503, {{"Retry-After", "soon"}}, ""}.retry_after().has_value());
}
