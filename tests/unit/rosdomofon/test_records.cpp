// RosDomofon records through the shared codec: answers as the API sends them decode into
// the typed structs on both decode paths; phones travel as integers; bad values name the
// field.
#include <catch2/catch.hpp>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/rosdomofon/types.hpp>

using namespace odoobridge;
using namespace odoobridge::rosdomofon;

namespace {

constexpr const char* kAccounts = R"([
  {"id": 904154, "billingAvailable": true, "number": "ACC-1001", "termsOfUseLink": null,
   "owner": {"id": 1480844, "phone": 79061343115, "resolved": true},
   "company": {"id": 1292, "shortName": "Test_Company", "licenseeShort": null},
   "blocked": false, "isCompanyRecurringEnabled": false},
  {"id": 904156, "number": null, "owner": {"id": 1480845, "phone": 79161234567},
   "company": {"id": 1292, "shortName": "Test_Company"}, "blocked": true, "blockReason": "debt"}
])";

constexpr const char* kPage = R"({"content": [
  {"abonent": {"id": 1574870, "phone": 79308312222}, "channel": "support", "id": 1,
   "incoming": true, "message": "Здравствуйте", "messageDate": "2024-05-01T09:00:00.000Z"}],
  "pageable": {"offset": 0, "pageNumber": 0, "pageSize": 10, "paged": true, "unpaged": false},
  "totalElements": 23, "totalPages": 3, "last": false, "first": true, "number": 0,
  "size": 10, "numberOfElements": 1, "sort": {"sorted": false}, "empty": false})";

}  // namespace

TEST_CASE("accounts decode the same on the json and the bytes path") {
    const auto from_bytes = core::decode_records<Account>(kAccounts);
    const auto from_json = core::records_from_json<Account>(json::parse(kAccounts));
    REQUIRE(from_bytes.size() == 2);
    for (const auto* accounts : {&from_bytes, &from_json}) {
        const Account& first = (*accounts)[0];
        CHECK(first.id == 904154);
        CHECK(first.number == "ACC-1001");
        CHECK(first.owner.id == 1480844);
        CHECK(first.owner.phone == Phone("+7 906 134-31-15"));
        CHECK(first.company.shortName == "Test_Company");
        CHECK_FALSE(first.company.licenseeShort);
        CHECK_FALSE(first.blocked);
        CHECK(first.billingAvailable == true);
        const Account& second = (*accounts)[1];
        CHECK_FALSE(second.number);
        CHECK(second.blocked);
        CHECK(second.blockReason == "debt");
    }
}

TEST_CASE("a Spring page of messages decodes") {
    const auto page = core::record_from_json<MessagePage>(json::parse(kPage));
    CHECK(page.totalElements == 23);
    CHECK(page.totalPages == 3);
    CHECK(page.first);
    CHECK_FALSE(page.last);
    REQUIRE(page.content.size() == 1);
    CHECK(page.content[0].abonent.phone.digits() == "79308312222");
    CHECK(page.content[0].message == "Здравствуйте");
    CHECK(page.content[0].incoming);
    CHECK(page.content[0].messageDate == "2024-05-01T09:00:00.000Z");
}

TEST_CASE("phones decode from integers and strings; 0 and null are no phone") {
    CHECK(core::record_from_json<Abonent>(json{{"id", 1}, {"phone", "8 906 123 45 67"}})
              .phone.number() == 79061234567);
    CHECK(core::record_from_json<Abonent>(json{{"id", 1}, {"phone", 0}}).phone.empty());
    CHECK(core::record_from_json<Abonent>(json{{"id", 1}, {"phone", nullptr}}).phone.empty());
}

TEST_CASE("a phone that is not one names the field and the value") {
    for (const json& bad : {json(12345), json("12345"), json(true), json(-79061234567)}) {
        try {
            (void)core::record_from_json<Abonent>(json{{"id", 7}, {"phone", bad}},
                                                  {"rosdomofon abonent", {}, 200});
            FAIL("accepted " << bad.dump());
        } catch (const DecodeError& error) {
            CHECK(error.field() == "phone");
            CHECK(error.record_id() == 7);
            CHECK(error.expected().find("11 digits starting with 7") != std::string::npos);
        }
    }
}

TEST_CASE("records encode with wire names; phones as integers") {
    NewFlat flat;
    flat.entranceId = "26959";
    flat.flatNumber = "12";
    flat.virtual_ = true;
    const json encoded = core::encode_value<core::JsonDialect>(flat);
    CHECK(encoded.at("virtual") == true);
    CHECK(encoded.at("abonentId").is_null());
    CHECK(encoded.at("entranceId") == "26959");
    const json recipient =
        core::encode_value<core::JsonDialect>(Recipient::phone_number(Phone("+7 (930) 831-22-22")));
    CHECK(recipient.at("phone") == 79308312222);
    CHECK(recipient.at("id").is_null());
    CHECK(core::encode_value<core::JsonDialect>(Recipient::abonent(5)).at("phone").is_null());
}
