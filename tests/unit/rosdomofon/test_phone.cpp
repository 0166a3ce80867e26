// rosdomofon::Phone: what people type is normalized to 79061234567; anything else is
// rejected with a PhoneNumberError that quotes the input and says why.
#include <catch2/catch.hpp>
#include <odoobridge/rosdomofon/phone.hpp>
#include <string>

using odoobridge::ConfigurationError;
using odoobridge::rosdomofon::Phone;
using odoobridge::rosdomofon::PhoneNumberError;

namespace {

std::string reason_for(const std::string& input) {
    try {
        (void)Phone(input);
    } catch (const PhoneNumberError& error) {
        CHECK(error.input() == input);
        CHECK(std::string(error.what()).find("'" + input + "'") != std::string::npos);
        return error.reason();
    }
    FAIL("'" << input << "' was accepted");
    return {};
}

}  // namespace

TEST_CASE("the forms people type normalize to 11 digits starting with 7") {
    const auto input = GENERATE(as<std::string>{}, "+7 (906) 123-45-67", "8 906 123 45 67",
                                "79061234567", "+79061234567", "89061234567", "8-906-123-45-67",
                                "8(906)1234567", "  +7 906 123.45.67 ", "7 (906) 123 45 67");
    const Phone phone(input);
    CHECK(phone.digits() == "79061234567");
    CHECK(phone.number() == 79061234567);
    CHECK(phone.formatted() == "+7 (906) 123-45-67");
    CHECK_FALSE(phone.empty());
}

TEST_CASE("the integer form is accepted") {
    CHECK(Phone(std::int64_t{79061234567}).digits() == "79061234567");
    CHECK(Phone(std::int64_t{89061234567}).digits() == "79061234567");
    CHECK(Phone(std::int64_t{79308312222}) == Phone("+7 930 831-22-22"));
}

TEST_CASE("invalid forms are rejected with the reason") {
    CHECK(reason_for("") == "it is empty");
    CHECK(reason_for("   ") == "it is empty");
    CHECK(reason_for("906 123 45 67") ==
          "it has 10 digits, a RosDomofon phone has 11 (add the country code 7 in front)");
    CHECK(reason_for("7906123456789") == "it has 13 digits, a RosDomofon phone has 11");
    CHECK(reason_for("+8 906 123 45 67") ==
          "+8 is not the country code of Russia and Kazakhstan (+7)");
    CHECK(reason_for("+1 (906) 123-45-67") ==
          "+1 is not the country code of Russia and Kazakhstan (+7)");
    CHECK(reason_for("59061234567") ==
          "it starts with 5, but must start with 7 (or 8, the "
          "domestic prefix)");
    CHECK(reason_for("7906123456a") ==
          "it contains 'a', which is neither a digit nor a separator (space, '-', '.', '(', ')')");
    CHECK(reason_for("7906+1234567") == "'+' may only stand at the start of the number");
    CHECK(reason_for("+7 (906 123 45 67") == "it has a '(' that is never closed");
    CHECK(reason_for("+7 906) 123 45 67") == "it has a ')' without a '(' before it");
    CHECK(reason_for("+7 (9)(06) 123 45 67") ==
          "it has more than one '(' (only one pair of parentheses is allowed)");
    CHECK(reason_for("++79061234567") == "'+' may only stand at the start of the number");
    CHECK(reason_for("tel:79061234567").starts_with("it contains 't'"));
    CHECK(reason_for("7906\t1234567").starts_with("it contains byte 0x09"));
    CHECK(reason_for("-()") == "it has no digits");
}

TEST_CASE("invalid integers are rejected") {
    CHECK_THROWS_AS(Phone(std::int64_t{9061234567}), PhoneNumberError);
    CHECK_THROWS_AS(Phone(std::int64_t{-79061234567}), PhoneNumberError);
    CHECK_THROWS_AS(Phone(std::int64_t{0}), PhoneNumberError);
    CHECK_THROWS_AS(Phone(std::int64_t{19061234567}), PhoneNumberError);
    // A PhoneNumberError is a ConfigurationError: raised before any request.
    CHECK_THROWS_AS(Phone(std::int64_t{123}), ConfigurationError);
}

TEST_CASE("try_parse reports instead of throwing") {
    std::string reason;
    CHECK_FALSE(Phone::try_parse("12345", &reason));
    CHECK(reason == "it has 5 digits, a RosDomofon phone has 11");
    CHECK(Phone::try_parse("8 906 123 45 67")->number() == 79061234567);
    CHECK_FALSE(Phone::try_parse("x"));
}

TEST_CASE("a default Phone is empty and ordered before any number") {
    const Phone none;
    CHECK(none.empty());
    CHECK(none.digits().empty());
    CHECK(none.formatted().empty());
    CHECK(none < Phone("79061234567"));
}
