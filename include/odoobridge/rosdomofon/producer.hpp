#pragma once
/// \file
/// `rosdomofon::Producer`: writes messages to `MESSAGES_OUT_<company>` and reports the
/// delivery of each one. librdkafka stays behind a pimpl.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <odoobridge/rosdomofon/errors.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <string>

namespace odoobridge::rosdomofon {

/// The fate of one message sent by `Producer`.
struct DeliveryReport {
    std::string topic;
    std::int32_t partition = -1;
    std::int64_t offset = -1;  ///< position in the partition when delivered
    std::string key;           ///< the message key (first recipient's abonent id)
    int error_code = 0;        ///< librdkafka error code, 0 when delivered
    std::string error;         ///< what went wrong ("" when delivered)

    /// True when the brokers acknowledged the message.
    [[nodiscard]] bool delivered() const noexcept { return error_code == 0; }
};

/// Settings of a `Producer`. Plain struct; checked by the constructor.
struct ProducerOptions {
    KafkaOptions kafka;
    /// How long librdkafka keeps trying to deliver one message (retries included) before
    /// reporting it failed; also the longest the destructor waits for deliveries.
    std::chrono::milliseconds delivery_timeout{30'000};

    /// \throws ConfigurationError for bad numbers or `kafka` errors.
    void validate() const;
};

/// A producer of one company's outgoing messages. Idempotent (a message retried after a
/// broker error is written once), acknowledged by all in-sync replicas, keyed by the first
/// recipient's abonent id so one abonent's messages stay in order.
///
/// Thread safety: all methods may be called from several threads at once. Delivery
/// callbacks run on the producer's own background thread, one at a time; they must not
/// call `flush()` or destroy the producer.
class Producer {
public:
    using DeliveryCallback = std::function<void(const DeliveryReport&)>;

    /// \throws ConfigurationError for bad options; KafkaError when librdkafka refuses a
    ///         setting.
    explicit Producer(ProducerOptions options);
    /// Waits up to `delivery_timeout` for outstanding messages; those still undelivered are
    /// reported failed.
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    /// Queues `message`; `on_delivery` (may be empty) is called once with its report.
    /// \throws ConfigurationError when `message` has no recipient or no text, or its text
    ///         is not UTF-8; KafkaError when librdkafka cannot queue it (queue full for
    ///         longer than `delivery_timeout`, unknown topic, fatal error).
    void send(const OutgoingMessage& message, DeliveryCallback on_delivery = {});
    /// Sends `message` and waits for its report.
    /// \throws as `send`.
    [[nodiscard]] DeliveryReport send_and_wait(const OutgoingMessage& message);
    /// Waits until every queued message has its report, at most `timeout`; false on timeout.
    bool flush(std::chrono::milliseconds timeout);

    /// "MESSAGES_OUT_<company>".
    [[nodiscard]] const std::string& topic() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace odoobridge::rosdomofon
