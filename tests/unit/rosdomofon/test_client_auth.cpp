// rosdomofon::Client authentication and error mapping against a fake transport: the
// password grant's exact form, token reuse and renewal, one re-authentication on 401,
// status → exception class, retries only for calls safe to repeat, and no secret in any
// message.
#include <catch2/catch.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <string>
#include <thread>
#include <vector>

#include "fake_api.hpp"

using namespace odoobridge;
using namespace odoobridge::rosdomofon;
using namespace odoobridge::test;

namespace {

/// what() of the exception `call` throws, checked to be free of secrets.
template <class Exception, class Call>
std::string message_of_call(Call&& call) {
    try {
        call();
    } catch (const Exception& error) {
        const std::string what = error.what();
        CHECK(what.find(kRdPassword) == std::string::npos);
        CHECK(what.find("token-") == std::string::npos);
        return what;
    }
    FAIL("no exception of the expected class");
    return {};
}

}  // namespace

TEST_CASE("the token request is a password grant for client machine") {
    FakeRosDomofon fake;
    fake.client().authenticate();
    const auto requests = fake.transport->requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].url == std::string(kRdBase) + "/authserver-service/oauth/token");
    CHECK(header_of(requests[0], "Content-Type") == "application/x-www-form-urlencoded");
    CHECK(requests[0].body ==
          "grant_type=password&client_id=machine&username=operator&password=s3cret%20P%40ss%26word%"
          "3D1");
}

TEST_CASE("the token is kept, sent as Bearer and renewed when it expires") {
    FakeRosDomofon fake;
    const Client client = fake.client();
    (void)client.accounts();
    (void)client.accounts();
    CHECK(fake.grants == 1);
    for (const auto& request : fake.api_requests())
        CHECK(header_of(request, "Authorization") == "Bearer token-1");

    fake.expires_in = 0;  // each token is stale at once: every call fetches a new one
    client.authenticate();
    (void)client.accounts();
    CHECK(fake.grants == 3);
    CHECK(header_of(fake.api_requests().back(), "Authorization") == "Bearer token-3");
}

TEST_CASE("a 401 gets one fresh token and one resend") {
    FakeRosDomofon fake;
    std::atomic<int> calls{0};
    fake.api = [&](const core::Request& request) {
        ++calls;
        if (header_of(request, "Authorization") == "Bearer token-1")
            return json_answer(401, {{"error", "invalid_token"},
                                     {"error_description", "Access token expired: token-1"}});
        return json_answer(200, json::array());
    };
    CHECK(fake.client().accounts().empty());
    CHECK(fake.grants == 2);
    CHECK(calls == 2);
}

TEST_CASE("a second 401 is an AuthenticationError without the token in it") {
    FakeRosDomofon fake;
    fake.api = [](const core::Request& request) {
        const std::string token = header_of(request, "Authorization").substr(7);
        return json_answer(401, {{"error", "invalid_token"},
                                 {"error_description", "Invalid access token: " + token}});
    };
    const Client client = fake.client();
    const std::string what = message_of_call<AuthenticationError>([&] { (void)client.accounts(); });
    CHECK(what.find("Invalid access token: <redacted>") != std::string::npos);
    CHECK(what.find("HTTP 401") != std::string::npos);
    CHECK(fake.grants == 2);
    CHECK(fake.api_requests().size() == 2);
}

TEST_CASE("refused credentials are an AuthenticationError naming the server's reason") {
    FakeRosDomofon fake;
    fake.transport->push(json_answer(
        400, {{"error", "invalid_grant"},
              {"error_description", std::string("Bad credentials for ") + kRdPassword}}));
    const Client client = fake.client();
    const std::string what = message_of_call<AuthenticationError>([&] { (void)client.accounts(); });
    CHECK(what.find("invalid_grant") != std::string::npos);
    CHECK(what.find("Bad credentials for <redacted>") != std::string::npos);
    CHECK(what.find("/authserver-service/oauth/token") != std::string::npos);
    CHECK(fake.api_requests().empty());
}

TEST_CASE("HTTP statuses map to the documented classes") {
    FakeRosDomofon fake;
    const Client client = fake.client();
    const auto answer_with = [&](core::Response response) {
        fake.api = [response](const core::Request&) { return response; };
    };
    answer_with(spring_error(404, "Not Found", "Account 5 not found"));
    const std::string what =
        message_of_call<NotFoundError>([&] { (void)client.account_connections(5); });
    CHECK(what.find("account_connections") != std::string::npos);
    CHECK(what.find("GET " + std::string(kRdApi) + "/accounts/5/connections") != std::string::npos);
    CHECK(what.find("Account 5 not found") != std::string::npos);

    answer_with(spring_error(403, "Forbidden", "Access is denied"));
    CHECK_THROWS_AS(client.accounts(), AccessError);
    answer_with(spring_error(400, "Bad Request", "flatNumber must not be empty"));
    CHECK_THROWS_AS(client.create_flat({{}, "1", "2", false}), ValidationError);
    answer_with(spring_error(409, "Conflict", "already exists"));
    CHECK_THROWS_AS(client.create_account("A", Phone("79061234567")), ValidationError);
    answer_with(spring_error(500, "Internal Server Error", "NullPointerException"));
    try {
        (void)client.accounts();
        FAIL("no error");
    } catch (const rosdomofon::ServerError& error) {
        CHECK(typeid(error) == typeid(rosdomofon::ServerError));
        CHECK(error.http_status() == 500);
        CHECK(error.server_message() == "NullPointerException");
        CHECK(error.details().operation == "accounts");
    }
    answer_with(core::Response{404, {{"Content-Type", "text/html"}}, "<html>nginx</html>"});
    CHECK_THROWS_AS(client.accounts(), UnexpectedResponseError);
    answer_with(core::Response{200, {{"Content-Type", "text/html"}}, "<html>login</html>"});
    CHECK_THROWS_AS(client.accounts(), UnexpectedResponseError);
    answer_with(core::Response{200, {{"Content-Type", "application/json"}}, "[{\"id\": 1,"});
    CHECK_THROWS_AS(client.accounts(), MalformedResponseError);
    answer_with(json_answer(200, {{"id", "x"}}));
    CHECK_THROWS_AS(client.accounts(), DecodeError);
}

TEST_CASE("transient failures are retried for reads only") {
    FakeRosDomofon fake;
    std::atomic<int> calls{0};
    fake.api = [&](const core::Request&) {
        ++calls;
        return core::Response{503, {{"Content-Type", "text/html"}}, "<h1>503</h1>"};
    };
    const Client client = fake.client();
    CHECK_THROWS_AS(client.accounts(), UnexpectedResponseError);
    CHECK(calls == 3);  // RetryPolicy default: 3 attempts
    calls = 0;
    CHECK_THROWS_AS(client.create_account("ACC1", Phone("79061234567")), UnexpectedResponseError);
    CHECK(calls == 1);  // a creation is never sent twice behind the caller's back
    calls = 0;
    CHECK_THROWS_AS(client.block_connection(1), UnexpectedResponseError);
    CHECK(calls == 3);  // PUT .../block is idempotent

    calls = 0;
    fake.api = [&](const core::Request&) {
        return ++calls < 3 ? core::Response{502, {}, ""} : json_answer(200, json::array());
    };
    CHECK(client.accounts().empty());
    CHECK(calls == 3);
}

TEST_CASE("429 and 503 with Retry-After: reads wait as asked, creations are sent once") {
    FakeRosDomofon fake;
    std::vector<core::Response> answers;
    fake.api = [&](const core::Request&) {
        core::Response next = answers.empty() ? json_answer(200, json::array()) : answers.front();
        if (!answers.empty()) answers.erase(answers.begin());
        return next;
    };
    auto with_retry_after = [](core::Response response, const char* value) {
        response.headers.emplace_back("Retry-After", value);
        return response;
    };
    auto options = fake.options();
    options.retry.max_retry_after = std::chrono::seconds{5};
    const Client client(options);

    // Spring's JSON 429 is a rate limit, not an API error: retried like a proxy's 503 page.
    answers = {with_retry_after(spring_error(429, "Too Many Requests", "slow down"), "0"),
               with_retry_after({503, {{"Content-Type", "text/html"}}, "<h1>503</h1>"}, "0")};
    CHECK(client.accounts().empty());
    CHECK(fake.api_requests().size() == 3);

    answers = {with_retry_after(spring_error(429, "Too Many Requests", "slow down"), "0")};
    CHECK_THROWS_AS(client.create_account("ACC1", Phone("79061234567")), UnexpectedResponseError);
    CHECK(fake.api_requests().size() == 4);  // a creation is never sent twice

    answers = {with_retry_after(spring_error(429, "Too Many Requests", "slow down"), "3600")};
    const std::string message =
        message_of_call<UnexpectedResponseError>([&] { (void)client.accounts(); });
    CHECK_THAT(message, Catch::Contains("HTTP 429") && Catch::Contains("asked to wait 3600 s") &&
                            Catch::Contains("max_retry_after (5 s)"));
    CHECK(fake.api_requests().size() == 5);
}

TEST_CASE("concurrent first calls fetch one token") {
    FakeRosDomofon fake;
    const Client client = fake.client();
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) threads.emplace_back([&] { (void)client.accounts(); });
    for (auto& thread : threads) thread.join();
    CHECK(fake.grants == 1);
    CHECK(fake.api_requests().size() == 8);
}

TEST_CASE("options are validated without echoing the password") {
    FakeRosDomofon fake;
    auto options = fake.options();
    options.username.clear();
    CHECK_THROWS_WITH(Client(options), Catch::Contains("username is empty"));
    options = fake.options();
    options.password.clear();
    CHECK_THROWS_WITH(Client(options), Catch::Contains("password is empty"));
    options = fake.options();
    options.url = std::string("ftp://operator:") + kRdPassword + "@rd.example.test";
    const std::string what = message_of_call<ConfigurationError>([&] { Client{options}; });
    CHECK(what.find("must start with http") != std::string::npos);
    options = fake.options();
    options.retry.max_attempts = 0;
    CHECK_THROWS_AS(Client(options), ConfigurationError);
    CHECK(fake.transport->request_count() == 0);
}
