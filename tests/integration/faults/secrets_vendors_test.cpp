// Secret hygiene of bitrix24::Client (webhook and OAuth) and rosdomofon::Client (password
// grant and its bearer tokens): through successful calls, the servers' refusals, expired
// tokens, transport faults and an error page quoting the request, no secret may appear in
// a trace-level log line or in an error message.
#include <catch2/catch.hpp>
#include <string>

#include "fault_cases.hpp"
#include "secret_watch.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

constexpr const char* kClientSecret = "client-secret-for-tests";
constexpr const char* kInitialAccess = "initial-access-token";
constexpr const char* kInitialRefresh = "initial-refresh-token";

void upstream_hook(Upstream which, const std::string& name, const json& body = json::object()) {
    const std::string url = FaultServers::instance().upstream(which).url() + "/__test__/" + name;
    const auto answer = core::make_default_transport()->send(
        core::Request{"POST", url, {{"Content-Type", "application/json"}}, body.dump(), {}});
    if (answer.status != 200) throw std::runtime_error("hook " + name + ": " + answer.body);
}

/// Arms each transport and proxy fault in turn on requests under `path` and runs `call`.
template <class Call>
void under_faults(SecretWatch& watch, const FaultProxy& proxy, const json& match, Call&& call) {
    for (const json fault : {json{{"fault", "status"}, {"status", 503}, {"times", 1}},
                             json{{"fault", "echo"}, {"status", 500}, {"quote", "headers"}},
                             json{{"fault", "echo"}, {"status", 502}, {"quote", "request"}},
                             json{{"fault", "echo"}, {"status", 200}, {"quote", "body"}},
                             json{{"fault", "reset_mid_body"}}, json{{"fault", "bad_utf8"}},
                             json{{"fault", "html502"}}}) {
        proxy.reset();
        json rule = match;
        rule.update(fault);
        proxy.arm(rule);
        watch.run(call);
    }
    proxy.reset();
}

bitrix24::ClientOptions bitrix24_options(const SecretWatch& watch) {
    bitrix24::ClientOptions options;
    options.retry = {2, std::chrono::milliseconds{1}, std::chrono::milliseconds{5}};
    options.transport_options.total_timeout = std::chrono::milliseconds{1000};
    options.logger = watch.logger();
    return options;
}

}  // namespace

TEST_CASE("bitrix24::Client never logs or reports its webhook code or tokens") {
    const bool oauth = GENERATE(false, true);
    INFO((oauth ? "OAuth application" : "incoming webhook"));
    auto& servers = FaultServers::instance();
    const FaultProxy& proxy = servers.proxy(Upstream::bitrix24);
    upstream_hook(Upstream::bitrix24, "reset");
    proxy.reset();
    SecretWatch watch;
    for (const char* secret : {kWebhookCode, kClientSecret, kInitialAccess, kInitialRefresh})
        watch.secret(secret);
    bitrix24::ClientOptions options = bitrix24_options(watch);
    std::vector<bitrix24::OAuthTokens> issued;
    json read_match = {{"path", "/rest/1/" + std::string(kWebhookCode) + "/user.get"}};
    if (oauth) {
        bitrix24::OAuthApp app;
        app.portal_url = proxy.url();
        app.client_id = "local.test0app.000001";
        app.client_secret = kClientSecret;
        app.access_token = kInitialAccess;
        app.refresh_token = kInitialRefresh;
        app.oauth_url = proxy.url() + "/oauth/token/";
        app.on_tokens_refreshed = [&issued](const bitrix24::OAuthTokens& tokens) {
            issued.push_back(tokens);
        };
        options.credentials = app;
        read_match = {{"path", "/rest/user.get"}};
    } else {
        options.credentials = bitrix24::Webhook{proxy.url() + "/rest/1/" + kWebhookCode + "/"};
    }
    const bitrix24::Client client(options);
    {  // the successful calls must succeed: an exception here fails the test
        (void)client.call("user.get", {{"ID", 1}});
        (void)client.call("crm.item.add",
                          {{"entityTypeId", 2}, {"fields", {{"title", "Hygiene"}}}});
        watch.expect_failure("unknown method", [&] { (void)client.call("no.such.method"); });
        watch.expect_failure("bad parameters", [&] {
            (void)client.call("crm.item.add", {{"entityTypeId", 2}});
        });
        upstream_hook(Upstream::bitrix24, "expire_tokens");
        (void)client.call("user.get", {{"ID", 1}});  // OAuth: one shared refresh
        upstream_hook(Upstream::bitrix24, "fail_next",
                      {{"count", 1}, {"status", 500}, {"error", "INTERNAL_SERVER_ERROR"}});
        (void)client.call("user.get", {{"ID", 1}});
        under_faults(watch, proxy, read_match, [&] { (void)client.call("user.get", {{"ID", 1}}); });
    }
    if (oauth) {
        bitrix24::ClientOptions refused = options;
        auto app = std::get<bitrix24::OAuthApp>(refused.credentials);
        app.access_token = "S3cr3t-expired-access";
        app.refresh_token = "S3cr3t-revoked-refresh";
        app.on_tokens_refreshed = nullptr;
        refused.credentials = app;
        watch.secret(app.access_token);
        watch.secret(app.refresh_token);
        watch.expect_failure("revoked refresh token",
                             [&] { (void)bitrix24::Client(refused).call("user.get"); });
    } else {
        bitrix24::ClientOptions wrong = options;
        wrong.credentials = bitrix24::Webhook{proxy.url() + "/rest/1/S3cr3t-wrong-code/"};
        watch.secret("S3cr3t-wrong-code");
        watch.expect_failure("wrong webhook code",
                             [&] { (void)bitrix24::Client(wrong).call("user.get"); });
    }
    bitrix24::ClientOptions unreachable = options;
    unreachable.credentials =
        bitrix24::Webhook{"http://127.0.0.1:" + std::to_string(closed_loopback_port()) +
                          "/rest/1/" + kWebhookCode + "/"};
    watch.expect_failure("connection refused",
                         [&] { (void)bitrix24::Client(unreachable).call("user.get"); });
    for (const auto& tokens : issued) {
        watch.secret(tokens.access_token);
        watch.secret(tokens.refresh_token);
    }
    if (oauth) CHECK(!issued.empty());
    const json stats = proxy.stats();  // kept: the loop below refers into it
    for (const auto& secret : stats.at("handed_out")) watch.secret(secret.get<std::string>());
    watch.check();
}

TEST_CASE("rosdomofon::Client never logs or reports its password or tokens") {
    auto& servers = FaultServers::instance();
    const FaultProxy& proxy = servers.proxy(Upstream::rosdomofon);
    upstream_hook(Upstream::rosdomofon, "reset");
    proxy.reset();
    SecretWatch watch;
    watch.secret(kTestPassword);
    rosdomofon::ClientOptions options;
    options.url = proxy.url();
    options.username = kRosDomofonUser;
    options.password = kTestPassword;
    options.logger = watch.logger();
    options.retry = {2, std::chrono::milliseconds{1}, std::chrono::milliseconds{5}};
    options.transport_options.total_timeout = std::chrono::milliseconds{1000};
    const rosdomofon::Client client(options);
    std::vector<std::string> handed_out;
    {  // the successful calls must succeed: an exception here fails the test
        (void)client.accounts();
        (void)client.create_account("HYGIENE-1", rosdomofon::Phone("79990007788"));
        watch.expect_failure("duplicate account", [&] {
            (void)client.create_account("HYGIENE-1", rosdomofon::Phone("79990007788"));
        });
        watch.expect_failure("unknown entrance",
                             [&] { (void)client.entrance_services(987654321); });
        upstream_hook(Upstream::rosdomofon, "expire_tokens");
        (void)client.accounts();  // 401, a new token, sent once more
        upstream_hook(Upstream::rosdomofon, "fail_next", {{"status", 503}, {"count", 1}});
        (void)client.accounts();
        const json seen = proxy.stats().at("handed_out");
        INFO("before the faults: " << seen.dump());
        CHECK(seen.size() == 2);  // the first token and the one after expire_tokens
        for (const auto& secret : seen) handed_out.push_back(secret.get<std::string>());
        under_faults(watch, proxy, {{"path", "/abonents-service/api/v1/accounts"}},
                     [&] { (void)client.accounts(); });
    }
    rosdomofon::ClientOptions wrong = options;
    wrong.password = "S3cr3t-WRONG-pass-777";
    watch.secret(wrong.password);
    watch.expect_failure("wrong password", [&] { (void)rosdomofon::Client(wrong).accounts(); });
    rosdomofon::ClientOptions unreachable = options;
    unreachable.url = "http://127.0.0.1:" + std::to_string(closed_loopback_port());
    watch.expect_failure("connection refused",
                         [&] { (void)rosdomofon::Client(unreachable).accounts(); });
    const json stats = proxy.stats();  // kept: the loop below refers into it
    for (const auto& secret : stats.at("handed_out"))
        handed_out.push_back(secret.get<std::string>());
    for (const auto& secret : handed_out) watch.secret(secret);
    watch.check();
}
