// CurlTransport connection reuse and concurrency: keep-alive across calls, many threads on
// one transport, and send_all over a bounded number of connections.

#include <iostream>
#include <set>
#include <thread>
#include <vector>

#include "transport_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

TEST_CASE("sequential sends reuse one keep-alive connection", "[transport][concurrency]") {
    core::CurlTransport transport;
    std::set<int> connections;
    for (int i = 0; i < 20; ++i)
        connections.insert(json_of(transport.send(get(url("/conn-id"))))["conn"].get<int>());
    CHECK(connections.size() == 1);

    // Another transport has its own connection, so the id really identifies a connection.
    core::CurlTransport other;
    const int other_connection = json_of(other.send(get(url("/conn-id"))))["conn"];
    CHECK(connections.count(other_connection) == 0);
}

TEST_CASE("8 threads x 50 sends on one transport all get their own answers",
          "[transport][concurrency]") {
    core::CurlTransport transport;
    constexpr int threads = 8;
    constexpr int per_thread = 50;
    std::vector<int> correct(threads, 0);
    std::vector<std::string> failures(threads);
    std::vector<std::thread> workers;
    const auto ms = time_ms([&] {
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                try {
                    for (int i = 0; i < per_thread; ++i) {
                        const std::string query =
                            "t=" + std::to_string(t) + "&i=" + std::to_string(i);
                        auto request = post(url("/ok?" + query), query);
                        const auto echo = json_of(transport.send(request));
                        if (echo["query"] == query && echo["body"] == query) ++correct[t];
                    }
                } catch (const std::exception& error) {
                    failures[t] = error.what();
                }
            });
        }
        for (auto& worker : workers) worker.join();
    });
    for (int t = 0; t < threads; ++t) {
        INFO("thread " << t << ": " << failures[t]);
        CHECK(failures[t].empty());
        CHECK(correct[t] == per_thread);
    }
    std::cout << "[timing] 8 threads x 50 sends: " << ms << " ms\n";
}

TEST_CASE("send_all runs up to max_connections requests at once, results in order",
          "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_connections = 8;
    core::CurlTransport transport(options);
    constexpr int count = 100;
    std::vector<core::Request> requests;
    for (int i = 0; i < count; ++i)
        requests.push_back(get(url("/stall?seconds=0.05&i=" + std::to_string(i))));

    const auto sequential_ms = time_ms([&] {
        for (const auto& request : requests) REQUIRE(transport.send(request).status == 200);
    });
    std::vector<core::Outcome<core::Response>> outcomes;
    const auto concurrent_ms = time_ms([&] { outcomes = transport.send_all(requests); });
    std::cout << "[timing] 100 x /stall?seconds=0.05: sequential " << sequential_ms
              << " ms, send_all(max_connections=8) " << concurrent_ms << " ms\n";

    REQUIRE(outcomes.size() == count);
    std::set<int> connections;
    for (int i = 0; i < count; ++i) {
        INFO("request " << i);
        REQUIRE(outcomes[i].ok());
        const auto echo = json_of(outcomes[i].value());
        CHECK(echo["query"] == "seconds=0.05&i=" + std::to_string(i));
        connections.insert(echo["conn"].get<int>());
    }
    CHECK(connections.size() <= 8);
    CHECK(sequential_ms >= count * 50);
    CHECK(concurrent_ms < sequential_ms / 2);
}

TEST_CASE("send_all keeps its connections for the next batch", "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_connections = 4;
    core::CurlTransport transport(options);
    const std::vector<core::Request> batch(8, get(url("/conn-id")));
    auto connections_of = [&] {
        std::set<int> ids;
        for (auto& outcome : transport.send_all(batch))
            ids.insert(json_of(outcome.value())["conn"].get<int>());
        return ids;
    };
    const auto first = connections_of();
    const auto second = connections_of();
    CHECK(first.size() <= 4);
    CHECK(second.size() <= 4);
    for (int id : second) CHECK(first.count(id) == 1);
}

TEST_CASE("send_all: one failure does not affect the others", "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_response_bytes = 100'000;
    options.total_timeout = std::chrono::milliseconds(2000);
    core::CurlTransport transport(options);
    const std::vector<core::Request> requests{
        get(url("/ok?n=0")),
        get(url("/truncated")),
        get(url("/redirect-same")),
        get("http://nonexistent.invalid/x"),
        get(url("/big?bytes=200000")),
        get(url("/html502")),
        get(""),
        get(url("/redirect-other")),
        get(url("/stall?seconds=5")),
        post(url("/ok?n=9"), "nine"),
    };
    const auto outcomes = transport.send_all(requests);
    REQUIRE(outcomes.size() == requests.size());

    auto error_of = [&](std::size_t i) -> std::exception_ptr { return outcomes[i].error(); };
    auto throws = [&](std::size_t i, auto tag) {
        using Expected = decltype(tag);
        return expect_error<Expected>([&] { std::rethrow_exception(error_of(i)); });
    };
    CHECK(json_of(outcomes[0].value())["query"] == "n=0");
    CHECK(throws(1, ConnectionError("")).message.starts_with("response truncated"));
    CHECK(json_of(outcomes[2].value())["query"] == "from=redirect");
    CHECK(throws(3, ConnectionError("")).message.starts_with("host not found"));
    throws(4, ResponseTooLargeError(""));
    CHECK(outcomes[5].value().status == 502);
    throws(6, ConfigurationError(""));
    CHECK(throws(7, ConnectionError("")).message.starts_with("redirect to another host refused"));
    throws(8, TimeoutError(""));
    CHECK(json_of(outcomes[9].value())["body"] == "nine");

    CHECK(transport.send_all({}).empty());
}
