// rosdomofon_support_bot: answers abonents who write to support. Each message from
// MESSAGES_IN_<company> gets a reply on MESSAGES_OUT_<company>; when the REST API is
// configured too, the reply names the abonent's account. A message is committed only once
// its reply was delivered, so a crash never loses one.
//
// Settings come from the environment:
//   ROSDOMOFON_COMPANY   company short name (names the topics), default "Test_Company"
//   KAFKA_BOOTSTRAP      brokers "host:port,..."; unset = start librdkafka's mock cluster,
//                        feed it one demo message, answer it and stop
//   KAFKA_USERNAME, KAFKA_PASSWORD   SASL/SCRAM-SHA-512 login (SASL_SSL when set; without
//                        them: TLS when KAFKA_CA_FILE is set, else plaintext)
//   KAFKA_CA_FILE        CA bundle of the brokers
//   KAFKA_GROUP          consumer group, default the company name
//   BOT_MAX_MESSAGES     stop after this many messages (default: run until Ctrl-C)
//   ROSDOMOFON_URL, ROSDOMOFON_USERNAME, ROSDOMOFON_PASSWORD   optional REST API access

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/rosdomofon.hpp>
#include <optional>
#include <string>

namespace ob = odoobridge;
namespace rd = odoobridge::rosdomofon;

namespace {

std::atomic<rd::Consumer*> running{nullptr};

extern "C" void on_signal(int) {
    if (rd::Consumer* consumer = running.load()) consumer->stop();  // only sets a flag
}

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

/// The REST client when ROSDOMOFON_URL is set.
std::optional<rd::Client> rest_client() {
    if (env_or("ROSDOMOFON_URL", "").empty()) return std::nullopt;
    rd::ClientOptions options;
    options.url = env_or("ROSDOMOFON_URL", "");
    options.username = env_or("ROSDOMOFON_USERNAME", "");
    options.password = env_or("ROSDOMOFON_PASSWORD", "");
    return rd::Client(options);
}

std::string reply_text(const rd::IncomingMessage& message, const std::optional<rd::Client>& rest) {
    std::string text = "Здравствуйте! Мы получили ваше сообщение «" + message.text() + "»";
    if (rest) {
        if (const auto account = rest->account_by_phone(message.fromAbonent.phone))
            text += " по лицевому счёту " + account->number.value_or(std::to_string(account->id));
    }
    return text + " и ответим в течение часа.";
}

}  // namespace

int main() try {
    const std::string company = env_or("ROSDOMOFON_COMPANY", "Test_Company");
    std::unique_ptr<rd::MockCluster> mock;
    rd::KafkaOptions kafka;
    if (env_or("KAFKA_BOOTSTRAP", "").empty()) {
        mock = std::make_unique<rd::MockCluster>();
        kafka = mock->options(company);
        mock->create_topic(rd::topics::messages_in(company), 1);
        mock->create_topic(rd::topics::messages_out(company), 1);
        const std::string demo =
            R"({"fromAbonent": {"id": 1574870, "phone": 79308312222, "companyId": 1292,
                "restrictionPushTokenIds": []}, "channel": "support", "message": null,
                "deliveryMethod": null, "toAbonents": null, "broadcast": false,
                "waitResponse": true, "localizedPush": {"message": "Не открывается дверь",
                "messageKey": null, "messageArgs": null}})";
        mock->produce(rd::topics::messages_in(company), {demo});
        std::cout << "KAFKA_BOOTSTRAP is not set: started librdkafka's mock cluster at "
                  << mock->bootstrap_servers() << " and wrote one demo message to "
                  << rd::topics::messages_in(company) << '\n';
    } else {
        kafka.bootstrap_servers = env_or("KAFKA_BOOTSTRAP", "");
        kafka.company = company;
        kafka.sasl_username = env_or("KAFKA_USERNAME", "");
        kafka.sasl_password = env_or("KAFKA_PASSWORD", "");
        kafka.ca_file = env_or("KAFKA_CA_FILE", "");
        if (kafka.sasl_username.empty())  // a local broker without SASL (and without TLS)
            kafka.security =
                kafka.ca_file.empty() ? rd::SecurityProtocol::plaintext : rd::SecurityProtocol::ssl;
    }
    const long long limit = std::stoll(env_or("BOT_MAX_MESSAGES", mock ? "1" : "0"));
    const std::optional<rd::Client> rest = rest_client();

    rd::Producer producer({kafka});
    rd::ConsumerOptions options;
    options.kafka = kafka;
    options.group_id = env_or("KAFKA_GROUP", "");
    long long answered = 0;
    options.handler = [&](const rd::IncomingMessage& message, const rd::MessageOrigin& origin) {
        std::cout << "<< abonent " << message.fromAbonent.id << " ("
                  << message.fromAbonent.phone.formatted() << ") on " << message.channel << ": "
                  << message.text() << "  [partition " << origin.partition << ", offset "
                  << origin.offset << "]\n";
        const auto report = producer.send_and_wait(
            rd::OutgoingMessage::reply_to(message, reply_text(message, rest)));
        if (!report.delivered())  // throwing keeps the message: it is handled again
            throw ob::Error("the reply was not delivered: " + report.error);
        std::cout << ">> replied on " << report.topic << " (partition " << report.partition
                  << ", offset " << report.offset << ")\n";
        if (limit > 0 && ++answered >= limit) running.load()->stop();
    };
    options.on_malformed = [](const rd::MalformedMessage& bad) {
        std::cerr << "skipped a malformed message at offset " << bad.origin.offset << ": "
                  << bad.reason << '\n';
    };
    rd::Consumer consumer(std::move(options));
    running = &consumer;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::cout << "waiting for messages on " << consumer.topic()
              << (limit > 0 ? "" : " (Ctrl-C to stop)") << '\n';
    consumer.run();
    running = nullptr;
    std::cout << "stopped after " << consumer.handled() << " message(s); offsets committed\n";
    if (mock) {
        for (const auto& sent :
             mock->read(rd::topics::messages_out(company), 1, std::chrono::seconds(10)))
            std::cout << "what the abonent receives (" << rd::topics::messages_out(company)
                      << "):\n  " << sent << '\n';
    }
    return 0;
} catch (const rd::HandlerFailedError& e) {
    std::cerr << "rosdomofon_support_bot: " << e.what() << '\n';
    return 4;
} catch (const rd::AuthenticationError& e) {
    std::cerr << "rosdomofon_support_bot: REST login refused; check ROSDOMOFON_USERNAME and "
                 "ROSDOMOFON_PASSWORD: "
              << e.what() << '\n';
    return 3;
} catch (const ob::ConfigurationError& e) {
    std::cerr << "rosdomofon_support_bot: " << e.what() << '\n';
    return 2;
} catch (const ob::Error& e) {
    std::cerr << "rosdomofon_support_bot: " << e.what() << '\n';
    return 1;
} catch (const std::exception& e) {
    std::cerr << "rosdomofon_support_bot: bad setting: " << e.what() << '\n';
    return 2;
}
