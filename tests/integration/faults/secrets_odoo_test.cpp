// Secret hygiene of odoo::Client: over each protocol, with a password and with an API key,
// through successful calls and failing ones (wrong secret, server errors, an expired web
// session, transport faults, an error page quoting the request), nothing secret may appear
// in a trace-level log line or in an error message.
#include <catch2/catch.hpp>
#include <string>

#include "fault_cases.hpp"
#include "secret_watch.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

constexpr const char* kWrongSecret = "S3cr3t-WRONG-pass-777";

odoo::ClientOptions odoo_options(const std::string& url, odoo::ProtocolKind kind,
                                 odoo::Credentials credentials, const SecretWatch& watch) {
    odoo::ClientOptions options;
    options.url = url;
    options.database = "testdb";
    options.credentials = std::move(credentials);
    options.protocol = kind;
    options.logger = watch.logger();
    options.transport_options.total_timeout = std::chrono::milliseconds{1000};
    options.retry = {2, std::chrono::milliseconds{1}, std::chrono::milliseconds{5}};
    return options;
}

/// The rule fragment matching `kind`'s search_read requests.
json read_match(odoo::ProtocolKind kind) {
    for (const auto& client : all_clients())
        if (client.name == "odoo/" + std::string(to_string(kind))) return client.read_match;
    throw std::logic_error("no matrix client for protocol " + std::string(to_string(kind)));
}

void exercise(SecretWatch& watch, odoo::ProtocolKind kind, const odoo::Credentials& credentials) {
    auto& servers = FaultServers::instance();
    const FaultProxy& proxy = servers.proxy(Upstream::odoo);
    const std::string url = proxy.url();
    proxy.reset();
    const json search = json::array({json::array()});
    const json name_only = {{"fields", {"name"}}, {"limit", 2}};
    {  // the successful calls must succeed: an exception here fails the test
        const auto client = odoo::Client::connect(odoo_options(url, kind, credentials, watch));
        (void)client.execute_kw("res.partner", "search_read", search, name_only);
        const json id =
            client.execute_kw("res.partner", "create", json::array({{{"name", "Secret hygiene"}}}));
        (void)client.execute_kw("res.partner", "write",
                                json::array({json::array({id}), {{"name", "Renamed"}}}));
        watch.expect_failure("unknown model", [&] {
            (void)client.execute_kw("no.such.model", "search_read", search, name_only);
        });
        watch.expect_failure("validation error", [&] {
            (void)client.execute_kw("estate.property", "create",
                                    json::array({{{"name", "x"}, {"price", -1}}}));
        });
        const ServerProcess& odoo_server = servers.upstream(Upstream::odoo);
        (void)core::make_default_transport()->send(
            core::Request{"POST", odoo_server.url() + "/__test__/expire_sessions", {}, "{}", {}});
        (void)client.execute_kw("res.partner", "search_read", search, name_only);
        const json seen = proxy.stats();  // session ids handed out so far (reset below)
        for (const auto& secret : seen.at("handed_out")) watch.secret(secret.get<std::string>());
        for (const json fault : {json{{"fault", "status"}, {"status", 503}, {"times", 1}},
                                 json{{"fault", "echo"}, {"status", 500}, {"quote", "headers"}},
                                 json{{"fault", "echo"}, {"status", 502}, {"quote", "request"}},
                                 json{{"fault", "echo"}, {"status", 200}, {"quote", "body"}},
                                 json{{"fault", "reset_mid_body"}}, json{{"fault", "bad_utf8"}},
                                 json{{"fault", "stall"}, {"seconds", 3}}}) {
            proxy.reset();
            json rule = read_match(kind);
            rule.update(fault);
            proxy.arm(rule);
            watch.run(
                [&] { (void)client.execute_kw("res.partner", "search_read", search, name_only); });
        }
        proxy.reset();
        if (kind != odoo::ProtocolKind::json2) {
            watch.run([&] { (void)client.web_get("/report/pdf/account.report_invoice/1"); });
        }
    }
    const json stats = proxy.stats();  // kept: the loop below refers into it
    for (const auto& secret : stats.at("handed_out")) watch.secret(secret.get<std::string>());
}

}  // namespace

TEST_CASE("odoo::Client never logs or reports its secrets") {
    using odoo::ProtocolKind;
    const auto kind = GENERATE(ProtocolKind::xmlrpc, ProtocolKind::jsonrpc, ProtocolKind::session,
                               ProtocolKind::json2);
    const bool api_key = kind == ProtocolKind::json2 ? true : GENERATE(false, true);
    INFO(to_string(kind) << (api_key ? " with an API key" : " with a password"));
    SecretWatch watch;
    watch.secret(kTestPassword);
    watch.secret(kOdooApiKey);
    watch.secret(kWrongSecret);
    const odoo::Credentials credentials =
        api_key ? odoo::Credentials(odoo::ApiKey{"admin", kOdooApiKey})
                : odoo::Credentials(odoo::Password{"admin", kTestPassword});
    exercise(watch, kind, credentials);

    const std::string url = FaultServers::instance().proxy(Upstream::odoo).url();
    const odoo::Credentials wrong = api_key
                                        ? odoo::Credentials(odoo::ApiKey{"admin", kWrongSecret})
                                        : odoo::Credentials(odoo::Password{"admin", kWrongSecret});
    watch.expect_failure("wrong secret", [&] {
        (void)odoo::Client::connect(odoo_options(url, kind, wrong, watch));
    });
    watch.expect_failure("connection refused", [&] {
        (void)odoo::Client::connect(
            odoo_options("http://127.0.0.1:" + std::to_string(closed_loopback_port()), kind,
                         credentials, watch));
    });
    watch.expect_failure("untrusted certificate", [&] {
        (void)odoo::Client::connect(odoo_options(
            FaultServers::instance().tls_proxy(Upstream::odoo).url(), kind, credentials, watch));
    });
    watch.check();
}
