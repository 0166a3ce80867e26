#include <odoobridge/core/errors.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>

namespace odoobridge::rosdomofon {

namespace {

bool topic_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

}  // namespace

void KafkaOptions::validate() const {
    if (bootstrap_servers.empty())
        throw ConfigurationError(
            "KafkaOptions.bootstrap_servers is empty: set it to the brokers' \"host:port\" list "
            "RosDomofon gave you");
    if (company.empty())
        throw ConfigurationError(
            "KafkaOptions.company is empty: set it to the company's short name "
            "(Company::shortName, e.g. from Client::accounts()); it names the topics");
    for (const char c : company)
        if (!topic_char(c))
            throw ConfigurationError("KafkaOptions.company '" + company +
                                     "' cannot be part of a Kafka topic name: only letters, "
                                     "digits, '.', '_' and '-' are allowed");
    if (company.size() > 200)
        throw ConfigurationError("KafkaOptions.company is longer than 200 characters");
    const bool sasl =
        security == SecurityProtocol::sasl_plaintext || security == SecurityProtocol::sasl_ssl;
    if (sasl && (sasl_username.empty() || sasl_password.empty()))
        throw ConfigurationError(
            "KafkaOptions: SASL needs sasl_username and sasl_password (or choose "
            "SecurityProtocol::plaintext/ssl for brokers without SASL)");
    if (sasl && sasl_mechanism.empty())
        throw ConfigurationError(
            "KafkaOptions.sasl_mechanism is empty (RosDomofon uses "
            "\"SCRAM-SHA-512\")");
    for (const auto& [name, value] : properties)
        if (name.empty())
            throw ConfigurationError("KafkaOptions.properties has an entry without a name");
}

namespace topics {

std::string messages_in(std::string_view company) { return "MESSAGES_IN_" + std::string(company); }
std::string messages_out(std::string_view company) {
    return "MESSAGES_OUT_" + std::string(company);
}
std::string sign_ups(std::string_view company) { return "SIGN_UPS_" + std::string(company); }

}  // namespace topics

}  // namespace odoobridge::rosdomofon
