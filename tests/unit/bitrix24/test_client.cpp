#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::core::Response;
using odoobridge::testing::FakeTransport;
using namespace odoobridge::test;

namespace {

struct Rig {
    std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
    b24::ClientOptions options = fast_options(transport);
    [[nodiscard]] b24::Client client() const { return b24::Client(options); }
};

Response html(int status) {
    return Response{
        status, {{"Content-Type", "text/html"}}, "<html><body>Bad Gateway</body></html>"};
}

}  // namespace

TEST_CASE("a webhook call posts JSON to the method's URL and returns the result") {
    Rig rig;
    rig.transport->push(ok(json::array({{{"ID", "1"}}}), {{"total", 120}, {"next", 50}}));
    const b24::Answer answer =
        rig.client().call_answer("user.get", {{"FILTER", {{"ACTIVE", true}}}});
    CHECK(answer.result == json::array({{{"ID", "1"}}}));
    CHECK(answer.total == 120);
    CHECK(answer.next == 50);
    CHECK(answer.time.at("processing") == 0.005);
    const auto requests = rig.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].url == kWebhookUrl + "user.get.json");
    CHECK(odoobridge::core::find_header(requests[0].headers, "content-type") == "application/json");
    CHECK(body_of(requests[0]) == json{{"FILTER", {{"ACTIVE", true}}}});
    CHECK(rig.client().endpoint() == "https://realty.bitrix24.kz/rest/7/<redacted>/");
}

TEST_CASE("a webhook URL given with a method or without the trailing slash works") {
    for (const std::string url :
         {kWebhookUrl + "profile.json", kWebhookUrl.substr(0, kWebhookUrl.size() - 1)}) {
        Rig rig;
        rig.options.credentials = b24::Webhook{url};
        rig.transport->push(ok(true));
        CHECK(rig.client().call("crm.item.update", {{"id", 1}}) == true);
        CHECK(rig.transport->requests().at(0).url == kWebhookUrl + "crm.item.update.json");
    }
}

TEST_CASE("error envelopes become typed errors that never show the webhook code") {
    Rig rig;
    rig.transport->push(error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!"));
    try {
        (void)rig.client().call("user.gte");
        FAIL("no exception");
    } catch (const b24::MethodNotFoundError& e) {
        const std::string text = e.what();
        CHECK(text.find("user.gte") != std::string::npos);
        CHECK(text.find(kWebhookCode) == std::string::npos);
        CHECK(e.endpoint() == "https://realty.bitrix24.kz/rest/7/<redacted>/user.gte.json");
    }
    CHECK(rig.transport->request_count() == 1);
}

TEST_CASE("answers that are not the portal's are protocol errors") {
    Rig rig;
    rig.options.retry.max_attempts = 1;
    rig.transport->push(html(502));
    CHECK_THROWS_AS(rig.client().call("user.get"), odoobridge::UnexpectedResponseError);
    rig.transport->push(
        Response{200, {{"Content-Type", "application/json"}}, "{\"result\": [1, 2"});
    CHECK_THROWS_AS(rig.client().call("user.get"), odoobridge::MalformedResponseError);
    rig.transport->push(Response{200, {{"Content-Type", "application/json"}}, "{\"data\": 1}"});
    CHECK_THROWS_WITH(rig.client().call("user.get"),
                      Catch::Contains("neither 'result' nor 'error'"));
    CHECK_THROWS_AS(rig.client().call("user.get", json::array()), odoobridge::ConfigurationError);
}

TEST_CASE("QUERY_LIMIT_EXCEEDED is retried for reads and writes alike") {
    Rig rig;
    rig.transport->push(error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"));
    rig.transport->push(ok({{"task", {{"id", "5"}}}}));
    CHECK(rig.client().call("tasks.task.add", {{"fields", {{"TITLE", "x"}}}})["task"]["id"] == "5");
    CHECK(rig.transport->request_count() == 2);

    Rig exhausted;
    exhausted.options.retry.max_attempts = 3;
    exhausted.transport->on(
        [](const auto&) { return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"); });
    CHECK_THROWS_AS(exhausted.client().call("user.get"), b24::QueryLimitExceededError);
    CHECK(exhausted.transport->request_count() == 3);
}

TEST_CASE("5xx answers and network errors are retried only for calls safe to repeat") {
    SECTION("a read is retried") {
        Rig rig;
        rig.transport->push(error(500, "INTERNAL_SERVER_ERROR", "Internal error"));
        rig.transport->push(html(502));
        rig.transport->push_error(std::make_exception_ptr(odoobridge::ConnectionError("reset")));
        rig.transport->push(ok(json::array()));
        CHECK(rig.client().call("crm.item.list", {{"entityTypeId", 2}}) == json::array());
        CHECK(rig.transport->request_count() == 4);
    }
    SECTION("a write is not") {
        Rig rig;
        rig.transport->push(error(500, "INTERNAL_SERVER_ERROR", "Internal error"));
        CHECK_THROWS_AS(rig.client().call("crm.item.add"), b24::InternalServerError);
        rig.transport->push_error(std::make_exception_ptr(odoobridge::TimeoutError("timeout")));
        CHECK_THROWS_AS(rig.client().call("crm.item.add"), odoobridge::TimeoutError);
        CHECK(rig.transport->request_count() == 2);
    }
    SECTION("unless the caller marks it idempotent") {
        Rig rig;
        rig.transport->push(html(504));
        rig.transport->push(ok(17));
        CHECK(rig.client().call("im.notify.system.add", {}, {.idempotent = true}) == 17);
        CHECK(rig.transport->request_count() == 2);
    }
    SECTION("refusals that retrying cannot fix are not retried") {
        Rig rig;
        rig.transport->on(
            [](const auto&) { return error(401, "NO_AUTH_FOUND", "Wrong authorization data"); });
        CHECK_THROWS_AS(rig.client().call("user.get"), b24::AuthenticationError);
        rig.transport->push(error(503, "OVERLOAD_LIMIT", "blocked"));
        CHECK_THROWS_AS(rig.client().call("user.get"), b24::OverloadLimitError);
        rig.transport->push(error(401, "expired_token", "The access token provided has expired."));
        CHECK_THROWS_AS(rig.client().call("user.get"),
                        b24::TokenExpiredError);  // no refresh for webhooks
        CHECK(rig.transport->request_count() == 3);
    }
}

TEST_CASE("a proxy's 429 or 503 page with Retry-After: reads wait as asked, adds are sent once") {
    auto page = [](int status, const char* retry_after) {
        return Response{status,
                        {{"Content-Type", "text/html"}, {"Retry-After", retry_after}},
                        "<html><body>Too Many Requests</body></html>"};
    };
    Rig rig;
    rig.options.retry.max_retry_after = std::chrono::seconds{5};
    rig.transport->push(page(429, "0"));
    rig.transport->push(page(503, "0"));
    rig.transport->push(ok(json::array()));
    CHECK(rig.client().call("user.get") == json::array());
    CHECK(rig.transport->request_count() == 3);

    rig.transport->push(page(429, "0"));
    CHECK_THROWS_AS(rig.client().call("crm.item.add"), odoobridge::UnexpectedResponseError);
    CHECK(rig.transport->request_count() == 4);

    rig.transport->push(page(429, "3600"));
    try {
        (void)rig.client().call("user.get");
        FAIL("a Retry-After above max_retry_after must fail the call");
    } catch (const odoobridge::UnexpectedResponseError& error) {
        CHECK(error.retry_after() == std::chrono::seconds{3600});
        CHECK_THAT(error.what(), Catch::Contains("asked to wait 3600 s") &&
                                     Catch::Contains("max_retry_after (5 s)"));
    }
    CHECK(rig.transport->request_count() == 5);
}

TEST_CASE("read methods are recognised by name") {
    for (const char* method : {"user.get", "tasks.task.list", "crm.item.fields", "user.search",
                               "profile", "crm.deal.getList", "user.current"})
        CHECK(b24::is_read_method(method));
    for (const char* method : {"tasks.task.add", "crm.item.update", "batch", "im.notify.system.add",
                               "user.get.extra.delete", "event.bind"})
        CHECK_FALSE(b24::is_read_method(method));
}

TEST_CASE("a method that used up its operating time is not called until the reset") {
    using Clock = std::chrono::steady_clock;
    Rig rig;
    rig.options.operating_budget = std::chrono::milliseconds{10'000};
    const json exhausted = {{"start", 1000.0},
                            {"finish", 1000.0},
                            {"processing", 2.0},
                            {"operating", 9.5},
                            {"operating_reset_at", 1000.4}};
    rig.transport->push(ok(json::array(), {}, exhausted));
    rig.transport->push(ok(json::array({1})));
    rig.transport->push(ok(json::array({2})));
    const auto client = rig.client();
    (void)client.call("user.get");
    auto started = Clock::now();
    CHECK(client.call("crm.item.list") == json::array({1}));  // another method: no wait
    CHECK(Clock::now() - started < std::chrono::milliseconds{200});
    started = Clock::now();
    CHECK(client.call("user.get") == json::array({2}));
    CHECK(Clock::now() - started >= std::chrono::milliseconds{380});
}

TEST_CASE("OPERATION_TIME_LIMIT waits for the known reset, then retries") {
    using Clock = std::chrono::steady_clock;
    Rig rig;
    const json nearly = {
        {"finish", 50.0}, {"processing", 0.01}, {"operating", 100.0}, {"operating_reset_at", 50.3}};
    rig.transport->push(ok(json::array(), {}, nearly));
    rig.transport->push(
        error(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit."));
    rig.transport->push(ok(json::array({3})));
    const auto client = rig.client();
    (void)client.call("tasks.task.list");
    const auto started = Clock::now();
    CHECK(client.call("tasks.task.list") == json::array({3}));
    CHECK(Clock::now() - started >= std::chrono::milliseconds{250});
    CHECK(rig.transport->request_count() == 3);
}

TEST_CASE("log lines never contain the webhook code") {
    std::ostringstream captured;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
    auto logger = std::make_shared<spdlog::logger>("b24-test", sink);
    logger->set_level(spdlog::level::trace);
    Rig rig;
    rig.options.logger = logger;
    rig.transport->push(error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"));
    rig.transport->push(ok(json::array()));
    (void)rig.client().call("user.get");
    logger->flush();
    const std::string text = captured.str();
    CHECK(text.find("user.get") != std::string::npos);
    CHECK(text.find("<redacted>") != std::string::npos);
    CHECK(text.find(kWebhookCode) == std::string::npos);
}
