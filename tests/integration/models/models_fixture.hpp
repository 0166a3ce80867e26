#pragma once
// The fake Odoo servers of the business-model tests: the Odoo 16 one of
// tests/integration/odoo/fake_odoo_fixture.hpp (shared with those tests, reset per test
// case) and an Odoo 19 one started on first use, plus small helpers.

#include <odoobridge/models.hpp>
#include <odoobridge/odoo.hpp>
#include <string>

#include "../odoo/fake_odoo_fixture.hpp"

namespace models_test {

namespace ob = odoobridge;
namespace odoo = odoobridge::odoo;
namespace models = odoobridge::models;
using odoobridge::json;
using odoobridge::test::FakeOdoo;
using odoobridge::test::kAllProtocols;

/// The Odoo 16 fake server, reset to its seed data.
inline FakeOdoo& fresh_server() {
    auto& server = FakeOdoo::instance();
    server.hook("reset");
    return server;
}

/// A fake server answering as Odoo 19 (`fake_odoo.py --version 19`), started on first use.
inline const odoobridge::test::ServerProcess& odoo19_server() {
    static const odoobridge::test::ServerProcess server("fake_odoo.py", {"--version", "19"});
    return server;
}

/// A client of the Odoo 19 server over `kind` (JSON-2 with the API key, else the password).
inline odoo::Client connect_odoo19(odoo::ProtocolKind kind) {
    odoo::ClientOptions options = FakeOdoo::instance().options(kind);
    options.url = odoo19_server().url();
    return odoo::Client::connect(std::move(options));
}

/// The one record `id` of `T`, which must exist.
template <class T>
T read_back(const odoo::Client& client, odoo::Id id) {
    auto record = client.model<T>().read_one(id);
    if (!record)
        throw std::runtime_error(std::string(T::odoo_model) + " " + std::to_string(id) +
                                 " was not found after it was written");
    return *record;
}

}  // namespace models_test
