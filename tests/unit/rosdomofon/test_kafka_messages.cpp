// Kafka message records and options: the documented incoming message decodes (text from
// localizedPush.message when message is null), replies address the sender, topic names
// come from the company, and bad settings are refused before librdkafka is involved.
#include <catch2/catch.hpp>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>

using namespace odoobridge;
using namespace odoobridge::rosdomofon;

namespace {

constexpr const char* kIncoming = R"({"fromAbonent": {"id": 1574870, "phone": 79308312222,
  "companyId": 1292, "restrictionPushTokenIds": []}, "channel": "support", "message": null,
  "deliveryMethod": null, "toAbonents": null, "broadcast": false, "waitResponse": true,
  "localizedPush": {"message": "Не открывается дверь", "messageKey": null, "messageArgs": null}})";

}  // namespace

TEST_CASE("the documented incoming message decodes; its text comes from localizedPush") {
    const auto incoming = core::record_from_json<IncomingMessage>(json::parse(kIncoming));
    CHECK(incoming.fromAbonent.id == 1574870);
    CHECK(incoming.fromAbonent.phone.digits() == "79308312222");
    CHECK(incoming.fromAbonent.companyId == 1292);
    CHECK(incoming.fromAbonent.restrictionPushTokenIds->empty());
    CHECK(incoming.channel == "support");
    CHECK_FALSE(incoming.message);
    CHECK_FALSE(incoming.toAbonents);
    CHECK(incoming.waitResponse == true);
    CHECK(incoming.text() == "Не открывается дверь");

    IncomingMessage direct = incoming;
    direct.message = "Прямой текст";
    CHECK(direct.text() == "Прямой текст");
    direct.message = "";
    CHECK(direct.text() == "Не открывается дверь");
    direct.localizedPush.reset();
    CHECK(direct.text().empty());
}

TEST_CASE("a reply goes to the sender on the same channel, as PUSH") {
    const auto incoming = core::record_from_json<IncomingMessage>(json::parse(kIncoming));
    const OutgoingMessage reply = OutgoingMessage::reply_to(incoming, "Мастер придёт завтра");
    const json encoded = core::encode_value<core::JsonDialect>(reply);
    CHECK(encoded.at("deliveryMethod") == "PUSH");
    CHECK(encoded.at("channel") == "support");
    CHECK(encoded.at("message") == "Мастер придёт завтра");
    CHECK(encoded.at("toAbonents") == json::array({{{"id", 1574870},
                                                    {"phone", 79308312222},
                                                    {"companyId", 1292},
                                                    {"restrictionPushTokenIds", nullptr}}}));
}

TEST_CASE("topic names derive from the company short name") {
    CHECK(topics::messages_in("Test_Company") == "MESSAGES_IN_Test_Company");
    CHECK(topics::messages_out("Test_Company") == "MESSAGES_OUT_Test_Company");
    CHECK(topics::sign_ups("Test_Company") == "SIGN_UPS_Test_Company");
}

TEST_CASE("Kafka options are validated without quoting the SASL password") {
    KafkaOptions options;
    options.bootstrap_servers = "kafka.example.test:9093";
    options.company = "Test_Company";
    options.sasl_username = "user";
    options.sasl_password = "kafka-Pa55";
    options.ca_file = "/etc/ssl/rosdomofon-ca.pem";
    CHECK_NOTHROW(options.validate());

    auto bad = options;
    bad.bootstrap_servers.clear();
    CHECK_THROWS_WITH(bad.validate(), Catch::Contains("bootstrap_servers is empty"));
    bad = options;
    bad.company = "Test Company/1";
    CHECK_THROWS_WITH(bad.validate(), Catch::Contains("cannot be part of a Kafka topic name"));
    bad = options;
    bad.company.clear();
    CHECK_THROWS_AS(bad.validate(), ConfigurationError);
    bad = options;
    bad.sasl_password.clear();
    CHECK_THROWS_WITH(bad.validate(), Catch::Contains("SASL needs sasl_username and "
                                                      "sasl_password"));
    bad.security = SecurityProtocol::ssl;
    CHECK_NOTHROW(bad.validate());
    bad = options;
    bad.properties = {{"", "x"}};
    try {
        bad.validate();
        FAIL("accepted a property without a name");
    } catch (const ConfigurationError& error) {
        CHECK(std::string(error.what()).find("kafka-Pa55") == std::string::npos);
    }
}
