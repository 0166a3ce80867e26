#pragma once
// The clients under test, behind one small interface: each opens against a base URL with
// given transport options, retry policy and logger, and offers one read and one create,
// plus the http_faults.py rule fragments that match those two requests.

#include <atomic>
#include <functional>
#include <memory>
#include <odoobridge/bitrix24.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/rosdomofon/client.hpp>
#include <string>
#include <vector>

#include "fault_servers.hpp"

namespace odoobridge::test {

/// How a client is set up for one case.
struct Setup {
    std::string base_url;  ///< the proxy's URL
    core::TransportOptions transport;
    core::RetryPolicy retry;
    core::LoggerPtr logger;
};

/// An opened client.
class Session {
public:
    virtual ~Session() = default;
    /// A call that only reads (retried after transient failures).
    virtual void read() = 0;
    /// A call that creates a record (never sent twice).
    virtual void create() = 0;
};

/// One client kind of the matrix.
struct ClientKind {
    std::string name;  ///< "odoo/xmlrpc", "bitrix24", ...
    Upstream upstream;
    json read_match;    ///< http_faults rule fragment matching `read()`'s request
    json create_match;  ///< ... and `create()`'s
    /// Opens a client; for Odoo this logs in, for the others it sends nothing.
    std::function<std::unique_ptr<Session>(const Setup&)> open;
};

namespace detail {

inline int next_serial() {
    static std::atomic<int> serial{1};
    return serial++;
}

class OdooSession final : public Session {
public:
    OdooSession(const Setup& setup, odoo::ProtocolKind kind)
        : client_(odoo::Client::connect(options(setup, kind))) {}
    void read() override {
        (void)client_.execute_kw("res.partner", "search_read", json::array({json::array()}),
                                 {{"fields", {"name"}}, {"limit", 1}});
    }
    void create() override {
        (void)client_.execute_kw(
            "res.partner", "create",
            json::array({{{"name", "Fault matrix " + std::to_string(next_serial())}}}));
    }

private:
    static odoo::ClientOptions options(const Setup& setup, odoo::ProtocolKind kind) {
        odoo::ClientOptions options;
        options.url = setup.base_url;
        options.database = "testdb";
        if (kind == odoo::ProtocolKind::json2)
            options.credentials = odoo::ApiKey{"admin", kOdooApiKey};
        else
            options.credentials = odoo::Password{"admin", kTestPassword};
        options.protocol = kind;
        options.transport_options = setup.transport;
        options.retry = setup.retry;
        options.logger = setup.logger;
        return options;
    }
    odoo::Client client_;
};

class Bitrix24Session final : public Session {
public:
    explicit Bitrix24Session(const Setup& setup) : client_(options(setup)) {}
    void read() override { (void)client_.call("user.get", {{"ID", 1}}); }
    void create() override {
        (void)client_.call(
            "crm.item.add",
            {{"entityTypeId", 2},
             {"fields", {{"title", "Fault matrix " + std::to_string(next_serial())}}}});
    }

private:
    static bitrix24::ClientOptions options(const Setup& setup) {
        bitrix24::ClientOptions options;
        options.credentials =
            bitrix24::Webhook{setup.base_url + "/rest/1/" + std::string(kWebhookCode) + "/"};
        options.retry = setup.retry;
        options.transport_options = setup.transport;
        options.logger = setup.logger;
        return options;
    }
    bitrix24::Client client_;
};

class RosDomofonSession final : public Session {
public:
    explicit RosDomofonSession(const Setup& setup) : client_(options(setup)) {}
    void read() override { (void)client_.accounts(); }
    void create() override {
        const int serial = next_serial();
        (void)client_.create_account("FAULT-" + std::to_string(serial),
                                     rosdomofon::Phone("7999" + std::to_string(1000000 + serial)));
    }

private:
    static rosdomofon::ClientOptions options(const Setup& setup) {
        rosdomofon::ClientOptions options;
        options.url = setup.base_url;
        options.username = kRosDomofonUser;
        options.password = kTestPassword;
        options.transport_options = setup.transport;
        options.retry = setup.retry;
        options.logger = setup.logger;
        return options;
    }
    rosdomofon::Client client_;
};

inline ClientKind odoo_kind(std::string name, odoo::ProtocolKind kind, json read, json create) {
    return {std::move(name), Upstream::odoo, std::move(read), std::move(create),
            [kind](const Setup& setup) { return std::make_unique<OdooSession>(setup, kind); }};
}

}  // namespace detail

/// Every client of the matrix: Odoo over its four protocols, Bitrix24, RosDomofon.
inline const std::vector<ClientKind>& all_clients() {
    using odoo::ProtocolKind;
    static const std::vector<ClientKind> kinds{
        detail::odoo_kind("odoo/xmlrpc", ProtocolKind::xmlrpc,
                          {{"path", "/xmlrpc/2/object"}, {"body", "<string>search_read</string>"}},
                          {{"path", "/xmlrpc/2/object"}, {"body", "<string>create</string>"}}),
        detail::odoo_kind("odoo/jsonrpc", ProtocolKind::jsonrpc,
                          {{"path", "/jsonrpc"}, {"body", "\"search_read\""}},
                          {{"path", "/jsonrpc"}, {"body", "\"create\""}}),
        detail::odoo_kind("odoo/session", ProtocolKind::session,
                          {{"path", "/web/dataset/call_kw/res.partner/search_read"}},
                          {{"path", "/web/dataset/call_kw/res.partner/create"}}),
        detail::odoo_kind("odoo/json2", ProtocolKind::json2,
                          {{"path", "/json/2/res.partner/search_read"}},
                          {{"path", "/json/2/res.partner/create"}}),
        {"bitrix24",
         Upstream::bitrix24,
         {{"path", "/rest/1/" + std::string(kWebhookCode) + "/user.get"}},
         {{"path", "/rest/1/" + std::string(kWebhookCode) + "/crm.item.add"}},
         [](const Setup& setup) { return std::make_unique<detail::Bitrix24Session>(setup); }},
        {"rosdomofon",
         Upstream::rosdomofon,
         {{"path", "/abonents-service/api/v1/accounts"}, {"method", "GET"}},
         {{"path", "/abonents-service/api/v1/accounts"}, {"method", "POST"}},
         [](const Setup& setup) { return std::make_unique<detail::RosDomofonSession>(setup); }},
    };
    return kinds;
}

}  // namespace odoobridge::test
