#include <catch2/catch.hpp>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;

namespace {

const std::string kToken = "app-token-0123456789";

std::string delivery(const std::string& event, const std::string& data,
                     const std::string& token = kToken) {
    return "event=" + event + "&event_handler_id=17&" + data +
           "&ts=1712132180&auth%5Bdomain%5D=realty.bitrix24.kz&auth%5Bmember_id%5D=m1"
           "&auth%5Bapplication_token%5D=" +
           token + "&auth%5Baccess_token%5D=acc";
}

}  // namespace

TEST_CASE("ONTASKADD, ONUSERADD and ONCALENDARENTRYADD become typed events") {
    const auto task =
        b24::parse_event(delivery("ONTASKADD", "data%5BFIELDS_AFTER%5D%5BID%5D=3711"), kToken);
    REQUIRE(std::holds_alternative<b24::TaskAdded>(task));
    CHECK(std::get<b24::TaskAdded>(task).task_id == 3711);
    const auto& envelope = b24::envelope_of(task);
    CHECK(envelope.event == "ONTASKADD");
    CHECK(envelope.handler_id == 17);
    CHECK(envelope.ts == 1712132180);
    CHECK(envelope.auth.domain == "realty.bitrix24.kz");
    CHECK(envelope.auth.member_id == "m1");

    const auto user =
        b24::parse_event(delivery("onUserAdd", "data[ID]=88&data[EMAIL]=a%40b.kz"), kToken);
    REQUIRE(std::holds_alternative<b24::UserAdded>(user));
    CHECK(std::get<b24::UserAdded>(user).user_id == 88);
    CHECK(b24::envelope_of(user).data["EMAIL"] == "a@b.kz");

    const auto entry = b24::parse_event(delivery("ONCALENDARENTRYADD", "data[id]=812"), kToken);
    REQUIRE(std::holds_alternative<b24::CalendarEntryAdded>(entry));
    CHECK(std::get<b24::CalendarEntryAdded>(entry).entry_id == 812);

    const auto other = b24::parse_event(delivery("ONCRMDEALUPDATE", "data[FIELDS][ID]=5"), kToken);
    REQUIRE(std::holds_alternative<b24::GenericEvent>(other));
    CHECK(b24::envelope_of(other).data["FIELDS"]["ID"] == "5");
}

TEST_CASE("events with a wrong or missing application token are rejected") {
    CHECK_THROWS_AS(
        b24::parse_event(delivery("ONTASKADD", "data[FIELDS_AFTER][ID]=1", "forged"), kToken),
        b24::UnverifiedEventError);
    CHECK_THROWS_AS(
        b24::parse_event(delivery("ONTASKADD", "data[FIELDS_AFTER][ID]=1", kToken + "x"), kToken),
        b24::UnverifiedEventError);
    CHECK_THROWS_WITH(b24::parse_event("event=ONTASKADD&data[FIELDS_AFTER][ID]=1", kToken),
                      Catch::Contains("has no auth[application_token]"));
    try {
        (void)b24::parse_event(delivery("ONTASKADD", "data[FIELDS_AFTER][ID]=1", "forged"), kToken);
    } catch (const b24::UnverifiedEventError& error) {
        CHECK(std::string(error.what()).find(kToken) == std::string::npos);
        CHECK(std::string(error.what()).find("forged") == std::string::npos);
    }
    CHECK_THROWS_AS(b24::parse_event(delivery("ONTASKADD", "x=1"), ""),
                    odoobridge::ConfigurationError);
}

TEST_CASE("malformed deliveries are invalid events") {
    CHECK_THROWS_AS(b24::parse_event("data[ID]=1", kToken), b24::InvalidEventError);
    CHECK_THROWS_WITH(b24::parse_event(delivery("ONTASKADD", "data[FIELDS_AFTER][ID]=abc"), kToken),
                      Catch::Contains("data[FIELDS_AFTER][ID]"));
    CHECK_THROWS_AS(b24::parse_event(delivery("ONUSERADD", "data[NAME]=x"), kToken),
                    b24::InvalidEventError);
    CHECK_THROWS_AS(b24::parse_event_envelope("event=X&ts=yesterday"), b24::InvalidEventError);
    CHECK_THROWS_AS(b24::parse_event_envelope("event=X&data=%ZZ"), b24::InvalidEventError);
}

TEST_CASE("secrets are compared whole") {
    CHECK(b24::secrets_equal("abc", "abc"));
    CHECK_FALSE(b24::secrets_equal("abc", "abd"));
    CHECK_FALSE(b24::secrets_equal("abc", "abcd"));
    CHECK_FALSE(b24::secrets_equal("", "a"));
    CHECK(b24::secrets_equal("", ""));
}
