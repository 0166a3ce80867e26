#pragma once
// A running tests/servers/fake_bitrix24.py (limits' clock 50x faster) plus helpers to make
// clients for it and to drive its /__test__ hooks.

#include <odoobridge/bitrix24.hpp>
#include <odoobridge/core/curl_transport.hpp>
#include <string>

#include "server_process.hpp"

namespace odoobridge::test {

inline constexpr const char* kFakeWebhookCode = "s3cr3tc0de4test";
/// The fake's limits run this many times faster than the portal's.
inline constexpr double kTimeScale = 50.0;

/// One fake portal per test binary (started on first use).
class FakeBitrix24 {
public:
    static FakeBitrix24& instance() {
        static FakeBitrix24 server;
        return server;
    }

    [[nodiscard]] std::string url() const { return process_.url(); }
    [[nodiscard]] std::string webhook_url() const {
        return url() + "/rest/1/" + kFakeWebhookCode + "/";
    }

    /// Webhook client options matching the fake's scaled bucket (50 burst, 2/s x 50): the
    /// same drain rate, and a burst kept 20 below the portal's so that a loaded machine's
    /// scheduling delays cannot bunch requests over the limit.
    [[nodiscard]] bitrix24::ClientOptions webhook_options() const {
        bitrix24::ClientOptions options;
        options.credentials = bitrix24::Webhook{webhook_url()};
        options.rate_limit = {30, 2.0 * kTimeScale};
        options.retry.initial_delay = std::chrono::milliseconds{5};
        options.retry.max_delay = std::chrono::milliseconds{50};
        options.transport = transport_;
        return options;
    }

    /// OAuth options with the fake's initial tokens and its token endpoint.
    [[nodiscard]] bitrix24::ClientOptions oauth_options() const {
        bitrix24::ClientOptions options = webhook_options();
        bitrix24::OAuthApp app;
        app.portal_url = url();
        app.client_id = "local.test0app.000001";
        app.client_secret = "client-secret-for-tests";
        app.access_token = "initial-access-token";
        app.refresh_token = "initial-refresh-token";
        app.oauth_url = url() + "/oauth/token/";
        options.credentials = app;
        return options;
    }

    /// POSTs `body` to a /__test__ hook and returns the parsed answer.
    json hook(const std::string& name, const json& body = json::object()) const {
        const auto response = transport_->send(core::Request{"POST",
                                                             url() + "/__test__/" + name,
                                                             {{"Content-Type", "application/json"}},
                                                             body.dump(),
                                                             {}});
        if (response.status != 200) throw std::runtime_error("hook " + name + ": " + response.body);
        return json::parse(response.body);
    }
    /// Fresh data and launch limits, with `changes` to the configuration.
    void reset(const json& changes = json::object()) const { (void)hook("reset", changes); }
    /// GET /__test__/stats.
    [[nodiscard]] json stats() const { return get("stats"); }
    /// GET /__test__/state.
    [[nodiscard]] json state() const { return get("state"); }
    /// Error answers of one code so far.
    [[nodiscard]] int errors(const std::string& code) const {
        return stats()["errors"].value(code, 0);
    }

private:
    FakeBitrix24()
        : process_("fake_bitrix24.py", {"--time-scale", std::to_string(kTimeScale)}),
          transport_(core::make_default_transport()) {}

    [[nodiscard]] json get(const std::string& name) const {
        return json::parse(
            transport_->send(core::Request{"GET", url() + "/__test__/" + name, {}, {}, {}}).body);
    }

    ServerProcess process_;
    std::shared_ptr<core::Transport> transport_;
};

}  // namespace odoobridge::test
