#pragma once
// Private: librdkafka configuration and handles shared by the consumer, the producer and
// the mock cluster. The only place besides their sources that includes rdkafka.h.

#include <librdkafka/rdkafka.h>

#include <memory>
#include <odoobridge/rosdomofon/errors.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <string>
#include <string_view>

namespace odoobridge::rosdomofon::detail {

struct ConfDeleter {
    void operator()(rd_kafka_conf_t* conf) const noexcept { rd_kafka_conf_destroy(conf); }
};
struct HandleDeleter {
    void operator()(rd_kafka_t* handle) const noexcept { rd_kafka_destroy(handle); }
};
struct ListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* list) const noexcept {
        rd_kafka_topic_partition_list_destroy(list);
    }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using ListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter>;

/// What librdkafka's callbacks reach through the handle's opaque pointer. Must outlive the
/// handle.
struct KafkaContext {
    core::LoggerPtr logger;
    std::string name;  ///< "consumer", "producer" ..., for log lines
};

/// Sets one property. \throws KafkaError naming the property (the value only when it is
/// not a secret).
void set_property(rd_kafka_conf_t* conf, std::string_view name, const std::string& value);

/// A configuration with the connection settings of `options` (servers, security, SASL, CA,
/// extra properties) and logging through `context`.
ConfPtr make_conf(const KafkaOptions& options, KafkaContext& context);

/// Sends librdkafka's log lines and errors of handles made from `conf` to `context`.
void route_logs(rd_kafka_conf_t* conf, KafkaContext& context);

/// `rd_kafka_new`; takes ownership of `conf`. \throws KafkaError (naming the CA file of
/// `options`, when given, since a bad one is the usual cause).
HandlePtr make_handle(rd_kafka_type_t type, ConfPtr conf, const KafkaOptions* options = nullptr);

/// Throws KafkaError for `error` with `what` ("subscribing to MESSAGES_IN_x").
[[noreturn]] void throw_kafka(rd_kafka_resp_err_t error, const std::string& what,
                              bool fatal = false);

}  // namespace odoobridge::rosdomofon::detail
