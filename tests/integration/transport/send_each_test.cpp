// CurlTransport::send_each (answers handed over as they complete, slots refilled at once)
// and the per-handle state pooled handles keep between calls (URL, header list).

#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "transport_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

core::Request with_headers(core::Request request, core::Headers headers) {
    request.headers = std::move(headers);
    return request;
}

}  // namespace

TEST_CASE("send_each hands each answer over once, on the calling thread, as it completes",
          "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_connections = 2;
    core::CurlTransport transport(options);
    constexpr int fast = 20;
    std::vector<core::Request> requests{get(url("/stall?seconds=3"))};
    for (int i = 1; i <= fast; ++i) requests.push_back(get(url("/ok?i=" + std::to_string(i))));

    std::vector<std::size_t> order;
    std::vector<std::string> queries;
    std::set<std::thread::id> threads;
    transport.send_each(requests, [&](std::size_t index, core::Outcome<core::Response> outcome) {
        order.push_back(index);
        threads.insert(std::this_thread::get_id());
        queries.push_back(json_of(outcome.value())["query"].get<std::string>());
    });

    REQUIRE(order.size() == requests.size());
    CHECK(std::set<std::size_t>(order.begin(), order.end()).size() == requests.size());
    CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
    // While the first request stalls, its neighbour's slot takes one request after the
    // other: all fast answers are in before the slow one.
    CHECK(order.back() == 0);
    CHECK(queries.back() == "seconds=3");
    for (std::size_t k = 0; k + 1 < order.size(); ++k) {
        INFO("delivery " << k);
        CHECK(queries[k] == "i=" + std::to_string(order[k]));
    }
}

TEST_CASE("send_each reports failures per request and stops when the handler throws",
          "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_connections = 3;
    core::CurlTransport transport(options);
    const std::vector<core::Request> requests{get(url("/ok?n=0")), get(""), get(url("/truncated")),
                                              get(url("/ok?n=3"))};
    std::vector<bool> ok(requests.size(), false);
    std::vector<int> calls(requests.size(), 0);
    transport.send_each(requests, [&](std::size_t index, core::Outcome<core::Response> outcome) {
        ++calls[index];
        ok[index] = outcome.ok();
    });
    CHECK(calls == std::vector<int>{1, 1, 1, 1});
    CHECK(ok == std::vector<bool>{true, false, false, true});

    const std::vector<core::Request> many(12, get(url("/stall?seconds=0.05")));
    int handed = 0;
    CHECK_THROWS_WITH(transport.send_each(many,
                                          [&](std::size_t, core::Outcome<core::Response>) {
                                              ++handed;
                                              throw std::runtime_error("handler gave up");
                                          }),
                      "handler gave up");
    CHECK(handed == 1);
    // The abandoned transfers left the transport usable.
    CHECK(transport.send(get(url("/ok?after=1"))).status == 200);
    for (auto& outcome : transport.send_all(many)) CHECK(outcome.value().status == 200);
}

TEST_CASE("a pooled handle sends each call's own URL and headers", "[transport][concurrency]") {
    core::TransportOptions options;
    options.max_connections = 1;  // every call below runs on the same easy handle
    core::CurlTransport transport(options);
    const auto headers_of = [&](const core::Request& request) {
        return json_of(transport.send(request))["headers"];
    };

    auto first = headers_of(
        with_headers(post(url("/ok?n=1"), "a"), {{"X-A", "1"}, {"Content-Type", "text/plain"}}));
    CHECK(first["x-a"] == "1");
    CHECK(first["content-type"] == "text/plain");
    CHECK(headers_of(with_headers(post(url("/ok?n=2"), "b"), {{"X-A", "2"}}))["x-a"] == "2");
    const auto none = headers_of(get(url("/ok?n=3")));
    CHECK_FALSE(none.contains("x-a"));
    const auto empty_value = headers_of(with_headers(get(url("/ok?n=4")), {{"X-Empty", ""}}));
    CHECK(empty_value["x-empty"] == "");

    // A 303 turns the POST into a GET without the body's headers; the next POST on the same
    // handle has them again.
    const auto redirected = json_of(
        transport.send(with_headers(post(url("/redirect?status=303&location=/ok%3Fr%3D1"), "c"),
                                    {{"Content-Type", "text/plain"}, {"X-B", "3"}})));
    CHECK(redirected["method"] == "GET");
    CHECK(redirected["query"] == "r=1");
    CHECK_FALSE(redirected["headers"].contains("content-type"));
    CHECK(redirected["headers"]["x-b"] == "3");
    const auto again = json_of(transport.send(
        with_headers(post(url("/ok?n=5"), "d"), {{"Content-Type", "text/plain"}, {"X-B", "3"}})));
    CHECK(again["method"] == "POST");
    CHECK(again["headers"]["content-type"] == "text/plain");
    CHECK(again["body"] == "d");

    // The URL goes to libcurl parsed once per change of URL: each call still reaches its own
    // path and query, also when a URL comes back after another.
    for (const char* target : {"/ok?n=7", "/stall?seconds=0&n=8", "/ok?n=7", "/ok"}) {
        const auto answer = json_of(transport.send(get(url(target))));
        const std::string_view expected(target);
        const auto query_at = expected.find('?');
        CHECK(answer["path"] == std::string(expected.substr(0, query_at)));
        CHECK(answer["query"] == (query_at == std::string_view::npos
                                      ? std::string()
                                      : std::string(expected.substr(query_at + 1))));
    }

    // An invalid header is refused every time, also right after a valid list was reused.
    const auto bad = with_headers(get(url("/ok")), {{"Bad Name", "x"}});
    CHECK_THROWS_AS(transport.send(bad), ConfigurationError);
    CHECK_THROWS_AS(transport.send(bad), ConfigurationError);
    CHECK(headers_of(with_headers(get(url("/ok?n=6")), {{"X-A", "6"}}))["x-a"] == "6");
}
