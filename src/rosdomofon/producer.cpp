#include <atomic>
#include <future>
#include <odoobridge/rosdomofon/producer.hpp>
#include <thread>

#include "kafka_support.hpp"
#include "wire.hpp"

namespace odoobridge::rosdomofon {

namespace {

/// Per-message state handed to librdkafka and back to the delivery callback.
struct Pending {
    Producer::DeliveryCallback callback;
    std::string key;
};

}  // namespace

void ProducerOptions::validate() const {
    kafka.validate();
    if (delivery_timeout.count() < 1)
        throw ConfigurationError("ProducerOptions.delivery_timeout must be positive");
}

struct Producer::Impl {
    ProducerOptions options;
    detail::KafkaContext context;
    std::string topic;
    detail::HandlePtr handle;
    std::atomic<bool> stopping{false};
    std::thread poller;

    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
        std::unique_ptr<Pending> pending(static_cast<Pending*>(message->_private));
        auto* context = static_cast<detail::KafkaContext*>(opaque);
        DeliveryReport report;
        report.topic = rd_kafka_topic_name(message->rkt);
        report.partition = message->partition;
        report.offset = message->offset;
        report.error_code = static_cast<int>(message->err);
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            report.error = std::string(rd_kafka_err2str(message->err)) + " (" +
                           rd_kafka_err2name(message->err) + ")";
            context->logger->warn("kafka producer: message for abonent {} not delivered: {}",
                                  pending ? pending->key : "?", report.error);
        }
        if (!pending) return;
        report.key = std::move(pending->key);
        if (!pending->callback) return;
        try {
            pending->callback(report);
        } catch (const std::exception& error) {
            context->logger->error("kafka producer: delivery callback threw: {}", error.what());
        } catch (...) {
            context->logger->error("kafka producer: delivery callback threw a non-std exception");
        }
    }
};

Producer::Producer(ProducerOptions options) : impl_(std::make_unique<Impl>()) {
    options.validate();
    impl_->options = std::move(options);
    auto& impl = *impl_;
    impl.context = {core::logger_or_silent(impl.options.kafka.logger), "producer"};
    impl.topic = topics::messages_out(impl.options.kafka.company);
    detail::ConfPtr conf = detail::make_conf(impl.options.kafka, impl.context);
    detail::set_property(conf.get(), "enable.idempotence", "true");
    detail::set_property(conf.get(), "acks", "all");
    detail::set_property(conf.get(), "linger.ms", "5");
    detail::set_property(conf.get(), "delivery.timeout.ms",
                         std::to_string(impl.options.delivery_timeout.count()));
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &Impl::on_delivery);
    impl.handle = detail::make_handle(RD_KAFKA_PRODUCER, std::move(conf), &impl.options.kafka);
    impl.poller = std::thread([&impl] {
        while (!impl.stopping.load()) rd_kafka_poll(impl.handle.get(), 100);
    });
}

Producer::~Producer() {
    auto& impl = *impl_;
    if (rd_kafka_flush(impl.handle.get(),
                       static_cast<int>(impl.options.delivery_timeout.count())) !=
        RD_KAFKA_RESP_ERR_NO_ERROR) {
        impl.context.logger->warn("kafka producer: {} messages still undelivered at shutdown",
                                  rd_kafka_outq_len(impl.handle.get()));
        rd_kafka_purge(impl.handle.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    }
    impl.stopping.store(true);
    impl.poller.join();
    rd_kafka_poll(impl.handle.get(), 0);  // reports of purged messages
}

void Producer::send(const OutgoingMessage& message, DeliveryCallback on_delivery) {
    if (message.toAbonents.empty())
        throw ConfigurationError(
            "OutgoingMessage.toAbonents is empty: name at least one abonent "
            "(OutgoingMessage::reply_to fills it)");
    if (message.message.empty())
        throw ConfigurationError("OutgoingMessage.message is empty: give the text to send");
    auto& impl = *impl_;
    std::string payload = detail::to_wire(message, "the outgoing message");
    auto pending = std::make_unique<Pending>(
        Pending{std::move(on_delivery), std::to_string(message.toAbonents.front().id)});
    const auto deadline = std::chrono::steady_clock::now() + impl.options.delivery_timeout;
    for (;;) {
        const auto error =
            rd_kafka_producev(impl.handle.get(), RD_KAFKA_V_TOPIC(impl.topic.c_str()),
                              RD_KAFKA_V_KEY(pending->key.data(), pending->key.size()),
                              RD_KAFKA_V_VALUE(payload.data(), payload.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_OPAQUE(pending.get()), RD_KAFKA_V_END);
        if (error == RD_KAFKA_RESP_ERR_NO_ERROR) {
            (void)pending.release();  // owned by librdkafka until the delivery report
            return;
        }
        if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL || std::chrono::steady_clock::now() > deadline)
            detail::throw_kafka(error, "queueing a message for " + impl.topic);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // the poller drains it
    }
}

DeliveryReport Producer::send_and_wait(const OutgoingMessage& message) {
    auto promise = std::make_shared<std::promise<DeliveryReport>>();
    auto future = promise->get_future();
    send(message, [promise](const DeliveryReport& report) { promise->set_value(report); });
    return future.get();
}

bool Producer::flush(std::chrono::milliseconds timeout) {
    return rd_kafka_flush(impl_->handle.get(), static_cast<int>(timeout.count())) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

const std::string& Producer::topic() const noexcept { return impl_->topic; }

}  // namespace odoobridge::rosdomofon
