#include <array>
#include <atomic>
#include <odoobridge/core/codec.hpp>
#include <odoobridge/rosdomofon/consumer.hpp>
#include <thread>

#include "kafka_support.hpp"

namespace odoobridge::rosdomofon {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);

}  // namespace

void ConsumerOptions::validate() const {
    kafka.validate();
    if (!handler)
        throw ConfigurationError(
            "ConsumerOptions.handler is empty: give the function that "
            "handles each incoming message");
    if (handler_attempts < 1)
        throw ConfigurationError("ConsumerOptions.handler_attempts must be at least 1, got " +
                                 std::to_string(handler_attempts));
    if (retry_delay.count() < 0)
        throw ConfigurationError("ConsumerOptions.retry_delay must not be negative");
    if (start_from != "earliest" && start_from != "latest")
        throw ConfigurationError(
            "ConsumerOptions.start_from must be \"earliest\" or \"latest\", "
            "got \"" +
            start_from + "\"");
}

struct Consumer::Impl {
    ConsumerOptions options;
    detail::KafkaContext context;
    std::string topic;
    detail::HandlePtr handle;
    std::atomic<bool> stopping{false};
    std::atomic<bool> ran{false};
    std::atomic<std::uint64_t> handled{0};
    std::atomic<std::uint64_t> malformed{0};

    void store_offset(const rd_kafka_message_t& message) {
        detail::ListPtr list(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(list.get(), rd_kafka_topic_name(message.rkt),
                                          message.partition)
            ->offset = message.offset + 1;
        if (const auto error = rd_kafka_offsets_store(handle.get(), list.get()))
            context.logger->warn("kafka consumer: cannot store offset {} of {} [{}]: {}",
                                 message.offset + 1, topic, message.partition,
                                 rd_kafka_err2str(error));
    }

    /// Sleeps `delay` unless `stop()` is called meanwhile; false when stopping.
    bool pause(std::chrono::milliseconds delay) const {
        const auto until = std::chrono::steady_clock::now() + delay;
        while (!stopping.load()) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= until) return true;
            std::this_thread::sleep_for(
                std::min<std::chrono::nanoseconds>(until - now, kPollInterval));
        }
        return false;
    }

    void report_malformed(const rd_kafka_message_t& message, MessageOrigin origin,
                          std::string reason) {
        ++malformed;
        context.logger->warn("kafka consumer: skipping malformed message at {} [{}] offset {}: {}",
                             origin.topic, origin.partition, origin.offset, reason);
        if (options.on_malformed) {
            MalformedMessage bad{
                std::move(origin),
                std::string(static_cast<const char*>(message.payload), message.len),
                std::move(reason)};
            try {
                options.on_malformed(bad);
            } catch (const std::exception& error) {
                context.logger->error("kafka consumer: on_malformed threw: {}", error.what());
            } catch (...) {
                context.logger->error("kafka consumer: on_malformed threw a non-std exception");
            }
        }
        store_offset(message);
    }

    /// Handles one message; false when `run()` must return without storing its offset.
    bool process(const rd_kafka_message_t& message) {
        MessageOrigin origin{topic, message.partition, message.offset};
        const std::string_view payload(static_cast<const char*>(message.payload), message.len);
        IncomingMessage incoming;
        try {
            incoming = core::record_from_json<IncomingMessage>(
                json::parse(payload), {"rosdomofon incoming message", {}, 0});
        } catch (const json::exception& error) {
            report_malformed(message, std::move(origin), std::string("not JSON: ") + error.what());
            return true;
        } catch (const DecodeError& error) {
            report_malformed(message, std::move(origin), error.what());
            return true;
        }
        for (int attempt = 1;; ++attempt) {
            try {
                options.handler(incoming, origin);
                store_offset(message);
                ++handled;
                return true;
            } catch (...) {
                context.logger->warn(
                    "kafka consumer: handler failed on {} [{}] offset {} (try "
                    "{} of {})",
                    topic, origin.partition, origin.offset, attempt, options.handler_attempts);
                if (attempt >= options.handler_attempts)
                    throw HandlerFailedError(topic, origin.partition, origin.offset, attempt,
                                             std::current_exception());
            }
            if (!pause(options.retry_delay)) return false;  // stopped: delivered again later
        }
    }

    /// Commits the stored offsets and leaves the group.
    void close(bool quiet) {
        const auto committed = rd_kafka_commit(handle.get(), nullptr, 0);
        const auto closed = rd_kafka_consumer_close(handle.get());
        if (quiet) return;
        if (committed != RD_KAFKA_RESP_ERR_NO_ERROR && committed != RD_KAFKA_RESP_ERR__NO_OFFSET)
            detail::throw_kafka(committed, "committing the handled messages of " + topic);
        if (closed != RD_KAFKA_RESP_ERR_NO_ERROR)
            detail::throw_kafka(closed, "leaving the consumer group of " + topic);
    }
};

Consumer::Consumer(ConsumerOptions options) : impl_(std::make_unique<Impl>()) {
    options.validate();
    impl_->options = std::move(options);
    auto& impl = *impl_;
    impl.context = {core::logger_or_silent(impl.options.kafka.logger), "consumer"};
    impl.topic = topics::messages_in(impl.options.kafka.company);
    detail::ConfPtr conf = detail::make_conf(impl.options.kafka, impl.context);
    const std::string group =
        impl.options.group_id.empty() ? impl.options.kafka.company : impl.options.group_id;
    detail::set_property(conf.get(), "group.id", group);
    detail::set_property(conf.get(), "enable.auto.commit", "true");
    detail::set_property(conf.get(), "enable.auto.offset.store", "false");
    detail::set_property(conf.get(), "auto.commit.interval.ms", "1000");
    detail::set_property(conf.get(), "auto.offset.reset", impl.options.start_from);
    detail::set_property(conf.get(), "enable.partition.eof", "false");
    impl.handle = detail::make_handle(RD_KAFKA_CONSUMER, std::move(conf), &impl.options.kafka);
    rd_kafka_poll_set_consumer(impl.handle.get());
    detail::ListPtr subscription(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(subscription.get(), impl.topic.c_str(),
                                      RD_KAFKA_PARTITION_UA);
    if (const auto error = rd_kafka_subscribe(impl.handle.get(), subscription.get()))
        detail::throw_kafka(error, "subscribing to " + impl.topic);
    impl.context.logger->info("kafka consumer: group {} subscribed to {}", group, impl.topic);
}

Consumer::~Consumer() {
    if (impl_ && impl_->handle && !impl_->ran.load()) impl_->close(true);
}

void Consumer::run() {
    auto& impl = *impl_;
    if (impl.ran.exchange(true))
        throw ConfigurationError(
            "Consumer::run() was already called; create a new Consumer to "
            "consume again");
    try {
        while (!impl.stopping.load()) {
            rd_kafka_message_t* raw =
                rd_kafka_consumer_poll(impl.handle.get(), static_cast<int>(kPollInterval.count()));
            if (raw == nullptr) continue;
            const std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t*)> message(
                raw, &rd_kafka_message_destroy);
            if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                if (!impl.process(*message)) break;
                continue;
            }
            if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
            if (message->err == RD_KAFKA_RESP_ERR__FATAL) {
                std::array<char, 512> reason{};
                const auto cause =
                    rd_kafka_fatal_error(impl.handle.get(), reason.data(), reason.size());
                detail::throw_kafka(cause, "consuming " + impl.topic + " (" + reason.data() + ")",
                                    true);
            }
            impl.context.logger->warn("kafka consumer: {} ({}); librdkafka retries by itself",
                                      rd_kafka_message_errstr(message.get()),
                                      rd_kafka_err2name(message->err));
        }
    } catch (...) {
        impl.close(true);
        throw;
    }
    impl.close(false);
    impl.context.logger->info("kafka consumer: stopped after {} messages ({} malformed)",
                              impl.handled.load(), impl.malformed.load());
}

void Consumer::stop() noexcept { impl_->stopping.store(true); }

const std::string& Consumer::topic() const noexcept { return impl_->topic; }

std::uint64_t Consumer::handled() const noexcept { return impl_->handled.load(); }

std::uint64_t Consumer::malformed() const noexcept { return impl_->malformed.load(); }

}  // namespace odoobridge::rosdomofon
