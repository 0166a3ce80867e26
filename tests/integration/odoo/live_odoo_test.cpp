// Read-only checks against a real Odoo, for people who have one:
//   ODOOBRIDGE_TEST_ODOO_URL, ODOOBRIDGE_TEST_ODOO_DB, ODOOBRIDGE_TEST_ODOO_USERNAME and
//   ODOOBRIDGE_TEST_ODOO_PASSWORD or ODOOBRIDGE_TEST_ODOO_API_KEY.
// Without ODOOBRIDGE_TEST_ODOO_URL the test passes with a note (nothing to check).
#include <odoobridge/odoo/client.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace odoobridge;
using namespace odoobridge::odoo;

namespace {
std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}
}  // namespace

TEST_CASE("a live Odoo gives the same answers on every protocol it speaks", "[live]") {
    const std::string url = env("ODOOBRIDGE_TEST_ODOO_URL");
    if (url.empty()) {
        WARN("ODOOBRIDGE_TEST_ODOO_URL is not set: live Odoo checks skipped");
        return;
    }
    ClientOptions options;
    options.url = url;
    options.database = env("ODOOBRIDGE_TEST_ODOO_DB");
    const std::string api_key = env("ODOOBRIDGE_TEST_ODOO_API_KEY");
    const std::string login = env("ODOOBRIDGE_TEST_ODOO_USERNAME");
    options.credentials = api_key.empty()
                              ? Credentials{Password{login, env("ODOOBRIDGE_TEST_ODOO_PASSWORD")}}
                              : Credentials{ApiKey{login, api_key}};
    const auto reference = Client::connect(options);
    const int major = reference.version().major;
    const json count = reference.execute_kw("res.partner", "search_count", {json::array()});
    for (const auto kind : {ProtocolKind::xmlrpc, ProtocolKind::jsonrpc, ProtocolKind::session,
                            ProtocolKind::json2}) {
        if (kind == ProtocolKind::json2 && (major < 19 || api_key.empty())) continue;
        INFO(to_string(kind));
        options.protocol = kind;
        const auto client = Client::connect(options);
        CHECK(client.uid() == reference.uid());
        CHECK(client.execute_kw("res.partner", "search_count", {json::array()}) == count);
    }
}
