#pragma once
/// \file
/// Connection settings shared by the RosDomofon Kafka consumer and producer, and the topic
/// names derived from the company's short name. No librdkafka header is included.

#include <odoobridge/core/logging.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace odoobridge::rosdomofon {

/// How the Kafka client talks to the brokers (librdkafka's `security.protocol`).
enum class SecurityProtocol {
    plaintext,       ///< no TLS, no SASL (local brokers, the mock cluster)
    ssl,             ///< TLS only
    sasl_plaintext,  ///< SASL without TLS
    sasl_ssl,        ///< SASL over TLS: what RosDomofon's brokers use
};

/// Where the brokers are and how to log in. Plain struct; `validate()` runs when a
/// consumer or producer is created.
struct KafkaOptions {
    /// "host1:9092,host2:9092" (librdkafka's `bootstrap.servers`).
    std::string bootstrap_servers;
    /// The company's short name as RosDomofon spells it (`Company::shortName`); names the
    /// topics `MESSAGES_IN_<company>`, `MESSAGES_OUT_<company>`, `SIGN_UPS_<company>`.
    std::string company;
    SecurityProtocol security = SecurityProtocol::sasl_ssl;
    /// SASL mechanism (`sasl.mechanisms`), used with the sasl_* protocols.
    std::string sasl_mechanism = "SCRAM-SHA-512";
    std::string sasl_username;
    /// Never logged and never in an error message.
    std::string sasl_password;
    /// PEM file of the CA that signed the brokers' certificates (`ssl.ca.location`); empty
    /// = the system's CA store.
    std::string ca_file;
    /// Further librdkafka properties, set after the ones above (e.g.
    /// {"socket.timeout.ms", "10000"}). Values of properties whose names contain
    /// "password", "secret" or "key" are never logged or quoted in messages.
    std::vector<std::pair<std::string, std::string>> properties;
    /// Receives librdkafka's own log lines and the client's; null = silent.
    core::LoggerPtr logger;

    /// \throws ConfigurationError naming the missing or invalid field: empty
    ///         `bootstrap_servers`, a company name that cannot be part of a topic name,
    ///         SASL without username or password.
    void validate() const;
};

/// Topic names of one company.
namespace topics {
/// "MESSAGES_IN_<company>": messages from abonents.
[[nodiscard]] std::string messages_in(std::string_view company);
/// "MESSAGES_OUT_<company>": messages to abonents.
[[nodiscard]] std::string messages_out(std::string_view company);
/// "SIGN_UPS_<company>": sign-up events.
[[nodiscard]] std::string sign_ups(std::string_view company);
}  // namespace topics

}  // namespace odoobridge::rosdomofon
