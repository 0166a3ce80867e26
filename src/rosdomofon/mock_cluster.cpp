#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <mutex>
#include <odoobridge/rosdomofon/mock_cluster.hpp>

#include "kafka_support.hpp"

namespace odoobridge::rosdomofon {

struct MockCluster::Impl {
    detail::KafkaContext context{core::silent_logger(), "mock cluster"};
    detail::HandlePtr owner;  // the handle librdkafka's mock cluster is attached to
    rd_kafka_mock_cluster_t* cluster = nullptr;
    std::string bootstrap;
    std::mutex producer_mutex;
    detail::HandlePtr producer;  // guarded by producer_mutex, created on first produce()
    std::atomic<int> failures{0};

    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR)
            ++static_cast<Impl*>(message->_private)->failures;
    }

    rd_kafka_t* producer_handle() {
        if (!producer) {
            detail::ConfPtr conf(rd_kafka_conf_new());
            detail::set_property(conf.get(), "bootstrap.servers", bootstrap);
            detail::set_property(conf.get(), "linger.ms", "5");
            detail::route_logs(conf.get(), context);
            rd_kafka_conf_set_dr_msg_cb(conf.get(), &on_delivery);
            producer = detail::make_handle(RD_KAFKA_PRODUCER, std::move(conf));
        }
        return producer.get();
    }
};

MockCluster::MockCluster(int brokers) : impl_(std::make_unique<Impl>()) {
    if (brokers < 1)
        throw ConfigurationError("MockCluster needs at least one broker, got " +
                                 std::to_string(brokers));
    detail::ConfPtr conf(rd_kafka_conf_new());
    detail::route_logs(conf.get(), impl_->context);
    impl_->owner = detail::make_handle(RD_KAFKA_PRODUCER, std::move(conf));
    impl_->cluster = rd_kafka_mock_cluster_new(impl_->owner.get(), brokers);
    if (impl_->cluster == nullptr)
        throw KafkaError("librdkafka could not start its mock cluster", RD_KAFKA_RESP_ERR__FAIL,
                         rd_kafka_err2name(RD_KAFKA_RESP_ERR__FAIL));
    impl_->bootstrap = rd_kafka_mock_cluster_bootstraps(impl_->cluster);
}

MockCluster::~MockCluster() {
    impl_->producer.reset();
    rd_kafka_mock_cluster_destroy(impl_->cluster);
}

const std::string& MockCluster::bootstrap_servers() const noexcept { return impl_->bootstrap; }

KafkaOptions MockCluster::options(std::string company) const {
    KafkaOptions options;
    options.bootstrap_servers = impl_->bootstrap;
    options.company = std::move(company);
    options.security = SecurityProtocol::plaintext;
    return options;
}

void MockCluster::create_topic(const std::string& topic, int partitions) {
    if (const auto error = rd_kafka_mock_topic_create(impl_->cluster, topic.c_str(), partitions, 1))
        detail::throw_kafka(error, "creating the mock topic " + topic);
}

void MockCluster::push_request_errors(Api api, const std::vector<int>& error_codes) {
    std::vector<rd_kafka_resp_err_t> errors;
    for (const int code : error_codes) errors.push_back(static_cast<rd_kafka_resp_err_t>(code));
    rd_kafka_mock_push_request_errors_array(impl_->cluster, static_cast<std::int16_t>(api),
                                            errors.size(), errors.data());
}

void MockCluster::produce(const std::string& topic, const std::vector<std::string>& payloads,
                          std::int32_t partition) {
    std::lock_guard lock(impl_->producer_mutex);
    rd_kafka_t* handle = impl_->producer_handle();
    impl_->failures = 0;
    for (const auto& payload : payloads) {
        for (;;) {
            const auto error = rd_kafka_producev(
                handle, RD_KAFKA_V_TOPIC(topic.c_str()),
                RD_KAFKA_V_PARTITION(partition < 0 ? RD_KAFKA_PARTITION_UA : partition),
                RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(impl_.get()),
                RD_KAFKA_V_END);
            if (error == RD_KAFKA_RESP_ERR_NO_ERROR) break;
            if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                detail::throw_kafka(error, "producing to the mock topic " + topic);
            rd_kafka_poll(handle, 10);
        }
    }
    if (rd_kafka_flush(handle, 30'000) != RD_KAFKA_RESP_ERR_NO_ERROR || impl_->failures > 0)
        throw KafkaError("the mock cluster did not acknowledge every message written to " + topic,
                         RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
                         rd_kafka_err2name(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT));
}

std::vector<std::string> MockCluster::read(const std::string& topic, std::size_t count,
                                           std::chrono::milliseconds timeout) {
    detail::ConfPtr conf(rd_kafka_conf_new());
    detail::set_property(conf.get(), "bootstrap.servers", impl_->bootstrap);
    detail::set_property(conf.get(), "group.id", "odoobridge-mock-reader");
    detail::set_property(conf.get(), "enable.auto.commit", "false");
    detail::route_logs(conf.get(), impl_->context);
    const detail::HandlePtr reader = detail::make_handle(RD_KAFKA_CONSUMER, std::move(conf));
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_topic_t* handle_topic = rd_kafka_topic_new(reader.get(), topic.c_str(), nullptr);
    const auto error = rd_kafka_metadata(reader.get(), 0, handle_topic, &metadata,
                                         static_cast<int>(timeout.count()));
    rd_kafka_topic_destroy(handle_topic);
    if (error) detail::throw_kafka(error, "reading the metadata of the mock topic " + topic);
    detail::ListPtr partitions(rd_kafka_topic_partition_list_new(1));
    for (int t = 0; t < metadata->topic_cnt; ++t)
        for (int p = 0; p < metadata->topics[t].partition_cnt; ++p)
            rd_kafka_topic_partition_list_add(partitions.get(), topic.c_str(),
                                              metadata->topics[t].partitions[p].id)
                ->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_metadata_destroy(metadata);
    if (const auto assigned = rd_kafka_assign(reader.get(), partitions.get()))
        detail::throw_kafka(assigned, "assigning the partitions of the mock topic " + topic);
    std::vector<std::string> payloads;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (payloads.size() < count && std::chrono::steady_clock::now() < deadline) {
        rd_kafka_message_t* message = rd_kafka_consumer_poll(reader.get(), 100);
        if (message == nullptr) continue;
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR)
            payloads.emplace_back(static_cast<const char*>(message->payload), message->len);
        rd_kafka_message_destroy(message);
    }
    rd_kafka_consumer_close(reader.get());
    return payloads;
}

}  // namespace odoobridge::rosdomofon
