// The RosDomofon Kafka consumer and producer on librdkafka's mock cluster: a round trip
// incoming → handler → outgoing, redelivery after a failing handler, malformed messages
// skipped, injected broker errors retried, and 10,000 messages with none lost or duplicated
// across a clean stop and restart.
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <odoobridge/rosdomofon/consumer.hpp>
#include <odoobridge/rosdomofon/mock_cluster.hpp>
#include <odoobridge/rosdomofon/producer.hpp>

#include "kafka_fixture.hpp"

using namespace odoobridge;
using namespace odoobridge::rosdomofon;
using namespace odoobridge::test;
using namespace std::chrono_literals;

namespace {

/// A cluster with the company's two topics, `partitions` partitions each.
struct Cluster {
    MockCluster mock;
    std::string in = topics::messages_in(kCompany);
    std::string out = topics::messages_out(kCompany);

    explicit Cluster(int partitions = 1) {
        mock.create_topic(in, partitions);
        mock.create_topic(out, partitions);
    }
    [[nodiscard]] ConsumerOptions consumer(std::string group) const {
        ConsumerOptions options;
        options.kafka = mock.options(kCompany);
        options.group_id = std::move(group);
        options.retry_delay = 10ms;
        // The mock coordinator holds a rebalance for the members' session timeout: keep it
        // short so that a restarted consumer joins within seconds.
        options.kafka.properties = {{"session.timeout.ms", "4000"},
                                    {"heartbeat.interval.ms", "1000"}};
        return options;
    }
};

}  // namespace

TEST_CASE("round trip: incoming message, handler, reply on MESSAGES_OUT") {
    Cluster cluster;
    cluster.mock.produce(cluster.in, {incoming_json(1574870, "Не работает домофон")});
    Producer producer({cluster.mock.options(kCompany)});
    std::vector<DeliveryReport> reports;
    Consumer* self = nullptr;
    auto options = cluster.consumer("support-bot");
    options.handler = [&](const IncomingMessage& message, const MessageOrigin& origin) {
        CHECK(origin.topic == "MESSAGES_IN_Test_Company");
        CHECK(origin.offset == 0);
        reports.push_back(
            producer.send_and_wait(OutgoingMessage::reply_to(message, "Ответ: " + message.text())));
        self->stop();
    };
    Consumer consumer(std::move(options));
    self = &consumer;
    CHECK(consumer.topic() == "MESSAGES_IN_Test_Company");
    Watchdog watchdog(consumer, 30s);
    consumer.run();
    CHECK_FALSE(watchdog.fired());
    CHECK(consumer.handled() == 1);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].delivered());
    CHECK(reports[0].topic == "MESSAGES_OUT_Test_Company");
    CHECK(reports[0].key == "1574870");
    CHECK(reports[0].offset == 0);

    const auto written = cluster.mock.read(cluster.out, 1, 10s);
    REQUIRE(written.size() == 1);
    CHECK(json::parse(written[0]) ==
          json{{"channel", "support"},
               {"deliveryMethod", "PUSH"},
               {"message", "Ответ: Не работает домофон"},
               {"toAbonents",
                json::array({{{"companyId", 1292}, {"id", 1574870}, {"phone", 79308374870}}})}});
}

TEST_CASE("a failing handler stops the consumer; a restarted one receives the message again") {
    Cluster cluster;
    cluster.mock.produce(cluster.in, {incoming_json(7, "first"), incoming_json(8, "second")});
    std::atomic<int> tries{0};
    {
        auto options = cluster.consumer("crm-sync");
        options.handler_attempts = 2;
        options.handler = [&](const IncomingMessage&, const MessageOrigin&) {
            ++tries;
            throw std::runtime_error("CRM is down");
        };
        Consumer failing(std::move(options));
        Watchdog watchdog(failing, 30s);
        try {
            failing.run();
            FAIL("run() returned although the handler always failed");
        } catch (const HandlerFailedError& error) {
            CHECK(error.topic() == "MESSAGES_IN_Test_Company");
            CHECK(error.partition() == 0);
            CHECK(error.offset() == 0);
            CHECK(std::string(error.what()).find("CRM is down") != std::string::npos);
            CHECK(std::string(error.what()).find("failed 2 times") != std::string::npos);
        }
        CHECK(tries == 2);
        CHECK(failing.handled() == 0);
    }
    std::vector<std::string> texts;
    Consumer* self = nullptr;
    auto options = cluster.consumer("crm-sync");
    options.handler = [&](const IncomingMessage& message, const MessageOrigin&) {
        texts.push_back(message.text());
        if (texts.size() == 2) self->stop();
    };
    Consumer restarted(std::move(options));
    self = &restarted;
    Watchdog watchdog(restarted, 30s);
    restarted.run();
    CHECK(texts == std::vector<std::string>{"first", "second"});
}

TEST_CASE("malformed messages go to the callback with their bytes and are skipped") {
    Cluster cluster;
    const std::vector<std::string> payloads{"not json at all",
                                            R"({"fromAbonent": {"id": "seven"}, "channel": "x"})",
                                            incoming_json(9, "valid"), "{\"channel\": \"\xff\"}"};
    cluster.mock.produce(cluster.in, payloads);
    std::vector<MalformedMessage> bad;
    std::vector<std::string> good;
    Consumer* self = nullptr;
    const auto maybe_stop = [&] {
        if (bad.size() + good.size() == payloads.size()) self->stop();
    };
    auto options = cluster.consumer("malformed");
    options.handler = [&](const IncomingMessage& message, const MessageOrigin&) {
        good.push_back(message.text());
        maybe_stop();
    };
    options.on_malformed = [&](const MalformedMessage& message) {
        bad.push_back(message);
        maybe_stop();
        throw std::runtime_error("a throwing callback must not stop the consumer");
    };
    Consumer consumer(std::move(options));
    self = &consumer;
    Watchdog watchdog(consumer, 30s);
    consumer.run();
    CHECK_FALSE(watchdog.fired());
    CHECK(good == std::vector<std::string>{"valid"});
    REQUIRE(bad.size() == 3);
    CHECK(bad[0].payload == payloads[0]);
    CHECK(bad[0].reason.starts_with("not JSON"));
    CHECK(bad[1].payload == payloads[1]);
    CHECK(bad[1].reason.find("fromAbonent") != std::string::npos);
    CHECK(bad[2].payload == payloads[3]);
    CHECK(bad[2].origin.offset == 3);
    CHECK(consumer.malformed() == 3);
}

TEST_CASE("injected broker errors are retried by the producer and the consumer") {
    Cluster cluster;
    constexpr int kNotLeader = 6;
    constexpr int kTimedOut = 7;
    Producer producer({cluster.mock.options(kCompany)});
    cluster.mock.push_request_errors(MockCluster::Api::produce,
                                     {kNotLeader, kTimedOut, kNotLeader});
    IncomingMessage to;
    to.fromAbonent.id = 42;
    to.channel = "support";
    const DeliveryReport report = producer.send_and_wait(OutgoingMessage::reply_to(to, "retried"));
    CHECK(report.delivered());
    const auto written = cluster.mock.read(cluster.out, 2, 3s);
    CHECK(written.size() == 1);  // idempotent: written once despite the retries

    cluster.mock.produce(cluster.in, {incoming_json(5, "after fetch errors")});
    cluster.mock.push_request_errors(MockCluster::Api::fetch, {kNotLeader, kNotLeader, kTimedOut});
    std::vector<std::string> texts;
    Consumer* self = nullptr;
    auto options = cluster.consumer("retries");
    options.handler = [&](const IncomingMessage& message, const MessageOrigin&) {
        texts.push_back(message.text());
        self->stop();
    };
    Consumer consumer(std::move(options));
    self = &consumer;
    Watchdog watchdog(consumer, 30s);
    consumer.run();
    CHECK(texts == std::vector<std::string>{"after fetch errors"});
}

TEST_CASE("10,000 messages: none lost, none duplicated across a clean stop and restart") {
    constexpr int kMessages = 10'000;
    Cluster cluster(4);
    std::vector<std::string> payloads;
    payloads.reserve(kMessages);
    for (int i = 0; i < kMessages; ++i) payloads.push_back(incoming_json(i, std::to_string(i)));
    cluster.mock.produce(cluster.in, payloads);

    std::mutex mutex;
    std::map<int, int> seen;  // message number → times handled
    const auto consume = [&](std::size_t stop_at, std::chrono::milliseconds limit) {
        Consumer* self = nullptr;
        auto options = cluster.consumer("bulk");
        options.handler = [&](const IncomingMessage& message, const MessageOrigin&) {
            std::lock_guard lock(mutex);
            ++seen[std::stoi(message.text())];
            std::size_t total = 0;
            for (const auto& [number, times] : seen) total += times;
            if (total == stop_at) self->stop();
        };
        Consumer consumer(std::move(options));
        self = &consumer;
        Watchdog watchdog(consumer, limit);
        consumer.run();
        return consumer.handled();
    };
    CHECK(consume(kMessages / 2, 60s) == kMessages / 2);
    CHECK(consume(kMessages, 60s) == kMessages / 2);
    CHECK(seen.size() == static_cast<std::size_t>(kMessages));
    int duplicates = 0;
    for (const auto& [number, times] : seen) duplicates += times - 1;
    CHECK(duplicates == 0);
    // Everything was committed: a third consumer of the group gets nothing (stopped by its
    // watchdog, which also shows that stop() ends an idle run()).
    CHECK(consume(kMessages + 1, 8s) == 0);
}

TEST_CASE("SASL_SSL, SCRAM-SHA-512 and the CA file reach librdkafka") {
    KafkaOptions kafka;
    kafka.bootstrap_servers = "127.0.0.1:1";
    kafka.company = kCompany;
    kafka.sasl_username = "user";
    kafka.sasl_password = "kafka-Pa55-secret";
    kafka.ca_file = "/nonexistent/rosdomofon-ca.pem";
    ConsumerOptions options;
    options.kafka = kafka;
    options.handler = [](const IncomingMessage&, const MessageOrigin&) {};
    try {
        Consumer consumer(options);
        FAIL("librdkafka accepted a CA file that does not exist");
    } catch (const KafkaError& error) {
        const std::string what = error.what();
        CHECK(what.find("rosdomofon-ca.pem") != std::string::npos);
        CHECK(what.find("kafka-Pa55-secret") == std::string::npos);
    }
    kafka.properties = {{"ssl.key.password", "very-secret-key-pass"}, {"no.such.property", "1"}};
    kafka.ca_file.clear();
    try {
        Producer producer({kafka});
        FAIL("librdkafka accepted an unknown property");
    } catch (const KafkaError& error) {
        CHECK(std::string(error.what()).find("no.such.property") != std::string::npos);
        CHECK(std::string(error.what()).find("very-secret") == std::string::npos);
    }
    kafka.properties = {{"socket.timeout.ms", "5000"}};
    Producer producer({kafka, 1000ms});
    CHECK(producer.topic() == "MESSAGES_OUT_Test_Company");
}
