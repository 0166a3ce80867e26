#pragma once
/// \file
/// `rosdomofon::Consumer`: reads `MESSAGES_IN_<company>` in a consumer group and hands each
/// message, decoded, to a handler; at-least-once (an offset is committed only after the
/// handler returned). librdkafka stays behind a pimpl.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <odoobridge/rosdomofon/errors.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <string>

namespace odoobridge::rosdomofon {

/// Where a message came from, for handlers and logs.
struct MessageOrigin {
    std::string topic;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
};

/// A message that is not a valid incoming message (not JSON, or a field of the wrong
/// type). It is skipped (its offset committed) after the `on_malformed` callback.
struct MalformedMessage {
    MessageOrigin origin;
    std::string payload;  ///< the raw bytes as received
    std::string reason;   ///< what is wrong with it
};

/// Settings of a `Consumer`. Plain struct; checked by the constructor.
struct ConsumerOptions {
    KafkaOptions kafka;
    /// Consumer group; empty = the company's short name (one group per company).
    std::string group_id;
    /// Called for each message, on the thread running `run()`. Returning commits the
    /// message; throwing retries it (`handler_attempts`), then stops `run()`.
    std::function<void(const IncomingMessage&, const MessageOrigin&)> handler;
    /// Called for each malformed message (optional); exceptions it throws are logged.
    std::function<void(const MalformedMessage&)> on_malformed;
    /// Tries per message before `run()` gives up with `HandlerFailedError` (>= 1).
    int handler_attempts = 3;
    /// Pause between two tries of a failing handler.
    std::chrono::milliseconds retry_delay{500};
    /// Where a group with no committed offset starts: "earliest" or "latest".
    std::string start_from = "earliest";

    /// \throws ConfigurationError for a missing handler, bad numbers or `kafka` errors.
    void validate() const;
};

/// A consumer of one company's incoming messages.
///
///     rosdomofon::Consumer consumer({.kafka = kafka, .handler = [&](auto& m, auto&) {
///         reply(m.fromAbonent, m.text());   // throw to have the message delivered again
///     }});
///     std::signal(SIGTERM, ...);            // call consumer.stop() from the handler
///     consumer.run();                       // until stop()
///
/// Delivery is at-least-once: an offset is stored only after the handler returned (or the
/// message was found malformed), and stored offsets are committed in the background and
/// once more when `run()` ends. A handler that throws on every try stops `run()` with
/// `HandlerFailedError`; that message and the ones after it stay uncommitted, so a new
/// consumer of the same group receives them again. After a clean `stop()` nothing is
/// delivered twice.
///
/// Thread safety: `stop()` may be called from any thread (and from a signal handler: it
/// only sets a flag); `run()` from one thread at a time, once per consumer. Destroy the
/// consumer only after `run()` returned.
class Consumer {
public:
    /// Connects and subscribes to `MESSAGES_IN_<company>`.
    /// \throws ConfigurationError for bad options; KafkaError when librdkafka refuses a
    ///         setting or the subscription.
    explicit Consumer(ConsumerOptions options);
    ~Consumer();
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    /// Consumes until `stop()`; then commits the handled messages and leaves the group.
    /// \throws HandlerFailedError when the handler failed on every try; KafkaError on a
    ///         fatal Kafka error or when the final commit fails; ConfigurationError when
    ///         called a second time.
    void run();
    /// Makes `run()` return after the message being handled (if any). Never blocks.
    void stop() noexcept;

    /// "MESSAGES_IN_<company>".
    [[nodiscard]] const std::string& topic() const noexcept;
    /// Messages handled successfully so far.
    [[nodiscard]] std::uint64_t handled() const noexcept;
    /// Malformed messages skipped so far.
    [[nodiscard]] std::uint64_t malformed() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace odoobridge::rosdomofon
