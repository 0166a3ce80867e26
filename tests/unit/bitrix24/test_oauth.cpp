#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "b24_support.hpp"

namespace b24 = odoobridge::bitrix24;
using odoobridge::json;
using odoobridge::core::Request;
using odoobridge::core::Response;
using odoobridge::testing::FakeTransport;
using namespace odoobridge::test;

namespace {

/// A portal whose valid access token changes with each refresh.
struct TokenPortal {
    std::mutex mutex;
    std::string valid = "fresh-0";  // the token the portal accepts now
    std::string refresh = "refresh-0";
    std::atomic<int> refreshes{0};
    bool reject_refresh = false;
    /// What the client sent wrong; filled on the callers' threads (Catch2 assertions are not
    /// thread-safe), checked by the test's own thread once they are joined.
    std::vector<std::string> violations;

    void expect(bool holds, const char* what) {
        if (holds) return;
        std::lock_guard lock(mutex);
        violations.emplace_back(what);
    }

    std::optional<Response> answer(const Request& request) {
        if (request.url.starts_with("https://oauth.bitrix.info/oauth/token/")) {
            expect(request.method == "GET", "the refresh is a GET");
            expect(request.url.find("grant_type=refresh_token") != std::string::npos,
                   "the refresh names grant_type=refresh_token");
            expect(request.url.find("client_secret=app-secret") != std::string::npos,
                   "the refresh carries the client secret");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));  // widen the race
            std::lock_guard lock(mutex);
            if (reject_refresh || request.url.find("refresh_token=" + refresh) == std::string::npos)
                return error(400, "invalid_grant", "Invalid refresh token");
            const int n = ++refreshes;
            valid = "fresh-" + std::to_string(n);
            refresh = "refresh-" + std::to_string(n);
            return Response{200,
                            {{"Content-Type", "application/json"}},
                            json{{"access_token", valid},
                                 {"refresh_token", refresh},
                                 {"expires_in", 3600},
                                 {"client_endpoint", "https://moved.bitrix24.kz/rest/"},
                                 {"member_id", "m1"},
                                 {"scope", "user,task"}}
                                .dump()};
        }
        expect(request.url.find("auth=") == std::string::npos, "the token travels in the body");
        std::lock_guard lock(mutex);
        if (body_of(request).value("auth", "") != valid)
            return error(401, "expired_token", "The access token provided has expired.");
        return ok(json::array({{{"ID", "1"}}}));
    }
};

b24::ClientOptions oauth_options(std::shared_ptr<FakeTransport> transport) {
    auto options = fast_options(std::move(transport));
    b24::OAuthApp app;
    app.portal_url = "https://realty.bitrix24.kz/";
    app.client_id = "local.app";
    app.client_secret = "app-secret";
    app.access_token = "stale-token";
    app.refresh_token = "refresh-0";
    options.credentials = app;
    return options;
}

}  // namespace

TEST_CASE("an expired token is refreshed once under 8 concurrent callers") {
    auto portal = std::make_shared<TokenPortal>();
    auto transport = std::make_shared<FakeTransport>();
    transport->on([portal](const Request& request) { return portal->answer(request); });
    auto options = oauth_options(transport);
    std::atomic<int> callbacks{0};
    std::string persisted;
    std::get<b24::OAuthApp>(options.credentials).on_tokens_refreshed =
        [&](const b24::OAuthTokens& tokens) {
            ++callbacks;
            persisted = tokens.refresh_token;
        };
    const b24::Client client(options);
    std::vector<std::thread> threads;
    std::atomic<int> succeeded{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            if (client.call("user.get") == json::array({{{"ID", "1"}}})) ++succeeded;
        });
    for (auto& thread : threads) thread.join();
    CHECK(succeeded == 8);
    CHECK(portal->violations.empty());
    CHECK(portal->refreshes == 1);
    CHECK(callbacks == 1);
    CHECK(persisted == "refresh-1");
    CHECK(client.tokens().access_token == "fresh-1");
    CHECK(client.tokens().member_id == "m1");
    // Later calls go to the endpoint the refresh named.
    (void)client.call("user.get");
    CHECK(transport->requests().back().url == "https://moved.bitrix24.kz/rest/user.get.json");
    CHECK(client.endpoint() == "https://moved.bitrix24.kz/rest/");
}

TEST_CASE("a token still expired after the refresh is not refreshed again") {
    auto transport = std::make_shared<FakeTransport>();
    transport->on([](const Request& request) -> std::optional<Response> {
        if (request.url.find("/oauth/token/") != std::string::npos)
            return Response{200, {}, json{{"access_token", "a2"}, {"refresh_token", "r2"}}.dump()};
        return error(401, "expired_token", "The access token provided has expired.");
    });
    const b24::Client client(oauth_options(transport));
    CHECK_THROWS_AS(client.call("user.get"), b24::TokenExpiredError);
    CHECK(transport->request_count() == 3);  // call, refresh, call
}

TEST_CASE("a rejected refresh token is an authentication error shared by waiting callers") {
    auto portal = std::make_shared<TokenPortal>();
    portal->reject_refresh = true;
    auto transport = std::make_shared<FakeTransport>();
    transport->on([portal](const Request& request) { return portal->answer(request); });
    const b24::Client client(oauth_options(transport));
    std::vector<std::thread> threads;
    std::atomic<int> auth_errors{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            try {
                (void)client.call("user.get");
            } catch (const b24::AuthenticationError& e) {
                if (std::string(e.what()).find("re-authorize") != std::string::npos) ++auth_errors;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(auth_errors == 4);
    CHECK(portal->violations.empty());
    std::size_t refresh_requests = 0;
    for (const auto& request : transport->requests())
        if (request.url.find("/oauth/token/") != std::string::npos) ++refresh_requests;
    CHECK(refresh_requests < 4);
}
