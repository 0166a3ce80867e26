#pragma once
// A running tests/servers/fake_odoo.py plus helpers to connect a client over any protocol
// and to drive the server's /__test__ hooks.

#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/odoo/client.hpp>

#include "server_process.hpp"

#include <string>

namespace odoobridge::test {

inline constexpr const char* kAdminApiKey = "a11ce0000000000000000000000000000000ad02";
inline constexpr const char* kDemoApiKey = "de3000000000000000000000000000000000de06";

inline const odoo::ProtocolKind kAllProtocols[] = {odoo::ProtocolKind::xmlrpc,
                                                   odoo::ProtocolKind::jsonrpc,
                                                   odoo::ProtocolKind::session,
                                                   odoo::ProtocolKind::json2};

/// One fake Odoo per test binary (started on first use).
class FakeOdoo {
public:
    static FakeOdoo& instance() {
        static FakeOdoo server;
        return server;
    }

    [[nodiscard]] std::string url() const { return process_.url(); }

    /// Options for `login` over `kind`; JSON-2 gets the user's API key, others the password.
    [[nodiscard]] odoo::ClientOptions options(odoo::ProtocolKind kind,
                                              const std::string& login = "admin") const {
        odoo::ClientOptions options;
        options.url = url();
        options.database = "testdb";
        if (kind == odoo::ProtocolKind::json2)
            options.credentials = odoo::ApiKey{login, login == "admin" ? kAdminApiKey : kDemoApiKey};
        else
            options.credentials = odoo::Password{login, login};
        options.protocol = kind;
        options.transport = transport_;
        options.retry.initial_delay = std::chrono::milliseconds{1};
        return options;
    }

    [[nodiscard]] odoo::Client connect(odoo::ProtocolKind kind, const std::string& login = "admin") const {
        return odoo::Client::connect(options(kind, login));
    }

    /// POSTs `body` to a /__test__ hook and returns the parsed answer.
    json hook(const std::string& name, const json& body = json::object()) const {
        const auto response = transport_->send(core::Request{
            "POST", url() + "/__test__/" + name, {{"Content-Type", "application/json"}}, body.dump(), {}});
        return response.body.empty() ? json() : json::parse(response.body);
    }
    /// GET /__test__/stats.
    [[nodiscard]] json stats() const {
        return json::parse(transport_->send(core::Request{"GET", url() + "/__test__/stats", {}, {}, {}}).body);
    }

private:
    FakeOdoo() : process_("fake_odoo.py"), transport_(core::make_default_transport()) {}
    ServerProcess process_;
    std::shared_ptr<core::Transport> transport_;
};

}  // namespace odoobridge::test
