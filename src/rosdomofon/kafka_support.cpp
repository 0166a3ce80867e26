#include "kafka_support.hpp"

#include <array>

namespace odoobridge::rosdomofon::detail {

namespace {

bool is_secret_property(std::string_view name) noexcept {
    return name.find("password") != std::string_view::npos ||
           name.find("secret") != std::string_view::npos ||
           name.find("key") != std::string_view::npos;
}

const char* protocol_name(SecurityProtocol protocol) noexcept {
    switch (protocol) {
        case SecurityProtocol::plaintext:
            return "plaintext";
        case SecurityProtocol::ssl:
            return "ssl";
        case SecurityProtocol::sasl_plaintext:
            return "sasl_plaintext";
        case SecurityProtocol::sasl_ssl:
            return "sasl_ssl";
    }
    return "sasl_ssl";
}

void log_line(const rd_kafka_t* handle, int level, const char* facility, const char* text) {
    const auto* context = static_cast<const KafkaContext*>(rd_kafka_opaque(handle));
    if (context == nullptr) return;
    const auto spd_level = level <= 3   ? spdlog::level::err
                           : level == 4 ? spdlog::level::warn
                           : level <= 6 ? spdlog::level::info
                                        : spdlog::level::debug;
    context->logger->log(spd_level, "kafka {} {}: {}", context->name, facility, text);
}

void error_line(rd_kafka_t*, int error, const char* reason, void* opaque) {
    const auto* context = static_cast<const KafkaContext*>(opaque);
    if (context == nullptr) return;
    context->logger->warn("kafka {}: {} ({})", context->name, reason,
                          rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(error)));
}

}  // namespace

void set_property(rd_kafka_conf_t* conf, std::string_view name, const std::string& value) {
    std::array<char, 512> error{};
    const std::string key(name);
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error.data(), error.size()) ==
        RD_KAFKA_CONF_OK)
        return;
    std::string message = "librdkafka refused the setting '" + key + "'";
    if (is_secret_property(name))
        message += " (its value is not shown)";
    else
        message += std::string(": ") + error.data();
    message +=
        "; check KafkaOptions (the property names are librdkafka's, see its "
        "CONFIGURATION.md)";
    throw KafkaError(message, RD_KAFKA_RESP_ERR__INVALID_ARG,
                     rd_kafka_err2name(RD_KAFKA_RESP_ERR__INVALID_ARG));
}

ConfPtr make_conf(const KafkaOptions& options, KafkaContext& context) {
    ConfPtr conf(rd_kafka_conf_new());
    set_property(conf.get(), "bootstrap.servers", options.bootstrap_servers);
    set_property(conf.get(), "client.id", "odoobridge-rosdomofon");
    set_property(conf.get(), "security.protocol", protocol_name(options.security));
    if (options.security == SecurityProtocol::sasl_plaintext ||
        options.security == SecurityProtocol::sasl_ssl) {
        set_property(conf.get(), "sasl.mechanisms", options.sasl_mechanism);
        set_property(conf.get(), "sasl.username", options.sasl_username);
        set_property(conf.get(), "sasl.password", options.sasl_password);
    }
    if (!options.ca_file.empty()) set_property(conf.get(), "ssl.ca.location", options.ca_file);
    for (const auto& [name, value] : options.properties) set_property(conf.get(), name, value);
    route_logs(conf.get(), context);
    return conf;
}

void route_logs(rd_kafka_conf_t* conf, KafkaContext& context) {
    rd_kafka_conf_set_opaque(conf, &context);
    rd_kafka_conf_set_log_cb(conf, &log_line);
    rd_kafka_conf_set_error_cb(conf, &error_line);
}

HandlePtr make_handle(rd_kafka_type_t type, ConfPtr conf, const KafkaOptions* options) {
    std::array<char, 512> error{};
    rd_kafka_t* handle = rd_kafka_new(type, conf.get(), error.data(), error.size());
    if (handle == nullptr)
        throw KafkaError(
            std::string("librdkafka could not create the Kafka ") +
                (type == RD_KAFKA_CONSUMER ? "consumer" : "producer") + ": " + error.data() +
                (options != nullptr && !options->ca_file.empty()
                     ? " (KafkaOptions.ca_file is '" + options->ca_file +
                           "': check that it exists and is a PEM file)"
                     : std::string()) +
                "; check KafkaOptions (security protocol, CA file, SASL mechanism)",
            RD_KAFKA_RESP_ERR__INVALID_ARG, rd_kafka_err2name(RD_KAFKA_RESP_ERR__INVALID_ARG));
    (void)conf.release();  // rd_kafka_new took it
    return HandlePtr(handle);
}

void throw_kafka(rd_kafka_resp_err_t error, const std::string& what, bool fatal) {
    throw KafkaError("Kafka error while " + what + ": " + rd_kafka_err2str(error) + " (" +
                         rd_kafka_err2name(error) + ")",
                     static_cast<int>(error), rd_kafka_err2name(error), fatal);
}

}  // namespace odoobridge::rosdomofon::detail
