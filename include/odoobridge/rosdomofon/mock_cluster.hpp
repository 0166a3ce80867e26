#pragma once
/// \file
/// `rosdomofon::MockCluster`: librdkafka's built-in mock Kafka cluster, for tests and demos
/// without a broker. Experimental in librdkafka; do not use it in production.

#include <chrono>
#include <cstdint>
#include <memory>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <string>
#include <vector>

namespace odoobridge::rosdomofon {

/// An in-process Kafka cluster listening on loopback ports.
///
/// Thread safety: all methods may be called from several threads at once.
class MockCluster {
public:
    /// Kafka protocol request types, for `push_request_errors`.
    enum class Api : std::int16_t { produce = 0, fetch = 1, offset_commit = 8, join_group = 11 };

    /// Starts a cluster of `brokers` brokers.
    /// \throws KafkaError when librdkafka cannot start it.
    explicit MockCluster(int brokers = 1);
    ~MockCluster();
    MockCluster(const MockCluster&) = delete;
    MockCluster& operator=(const MockCluster&) = delete;

    /// "127.0.0.1:port,..."
    [[nodiscard]] const std::string& bootstrap_servers() const noexcept;
    /// Plaintext options for this cluster and `company`.
    [[nodiscard]] KafkaOptions options(std::string company) const;
    /// Creates `topic` with `partitions` partitions. \throws KafkaError.
    void create_topic(const std::string& topic, int partitions);
    /// Makes the next `error_codes.size()` requests of type `api` fail with these Kafka
    /// error codes (e.g. 6 NOT_LEADER_OR_FOLLOWER, 7 REQUEST_TIMED_OUT).
    void push_request_errors(Api api, const std::vector<int>& error_codes);
    /// Writes `payloads` to `topic` (to `partition`, or spread by librdkafka when -1) and
    /// waits until all are acknowledged. \throws KafkaError when one is not.
    void produce(const std::string& topic, const std::vector<std::string>& payloads,
                 std::int32_t partition = -1);
    /// Reads `topic` from the beginning of every partition until `count` messages arrived
    /// or `timeout` passed; returns the payloads read (partition by partition order).
    [[nodiscard]] std::vector<std::string> read(const std::string& topic, std::size_t count,
                                                std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace odoobridge::rosdomofon
