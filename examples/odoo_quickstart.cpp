// odoo_quickstart: connect to Odoo, look around, and handle its errors.
//
// Settings come from the environment, like the odoobridge command-line tool:
//   ODOO_URL             https://erp.example.com
//   ODOO_DB              database name
//   ODOO_USERNAME        login
//   ODOO_PASSWORD        password, or
//   ODOO_API_KEY         API key (required by the json2 protocol of Odoo 19)
//   ODOOBRIDGE_PROTOCOL  auto (default), xmlrpc, jsonrpc, session or json2
// It only reads: it is safe to run against a production database.

#include "odoo_env.hpp"

#include <odoobridge/odoo.hpp>

#include <iostream>
#include <string>

namespace ob = odoobridge;
using ob::json;

namespace {

/// `value` when it is a string, else `fallback` (Odoo sends `false` for empty fields).
std::string text_or(const json& value, const std::string& fallback) {
    return value.is_string() ? value.get<std::string>() : fallback;
}

}  // namespace

int main() try {
    const ob::odoo::Client client = ob::odoo::Client::connect(examples::options_from_environment());
    std::cout << "server version: " << client.version().version << '\n'
              << "uid:            " << client.uid() << '\n'
              << "protocol:       " << ob::odoo::to_string(client.protocol()) << '\n';

    // Positional arguments are a JSON array: search_count(domain) with the empty domain.
    const json companies =
        client.execute_kw("res.company", "search_count", json::array({json::array()}));
    std::cout << "companies:      " << companies.get<long long>() << '\n';

    // Keyword arguments are a JSON object.
    const json partners =
        client.execute_kw("res.partner", "search_read", json::array({json::array()}),
                          {{"fields", {"name", "email"}}, {"limit", 5}, {"order", "id"}});
    std::cout << "first partners:\n";
    for (const json& partner : partners)
        std::cout << "  #" << partner.at("id").get<int>() << ' '
                  << text_or(partner.at("name"), "(no name)") << " <"
                  << text_or(partner.at("email"), "no email") << ">\n";

    // Every protocol reports a refusal with the same class. Counting the system parameters
    // is harmless and allowed to administrators only: other users get an AccessError.
    try {
        const json parameters =
            client.execute_kw("ir.config_parameter", "search_count", json::array({json::array()}));
        std::cout << "system parameters: " << parameters.get<long long>()
                  << " (this user is an administrator)\n";
    } catch (const ob::odoo::AccessError& e) {
        std::cout << "system parameters: access denied, as for every non-administrator: "
                  << e.server_message() << '\n';
    }
    return 0;
} catch (const ob::odoo::AuthenticationError& e) {
    std::cerr << "odoo_quickstart: login refused; check ODOO_USERNAME and ODOO_PASSWORD or "
                 "ODOO_API_KEY: "
              << e.what() << '\n';
    return 3;
} catch (const ob::odoo::AccessError& e) {
    std::cerr << "odoo_quickstart: access denied (" << e.model() << '.' << e.method()
              << "): " << e.server_message() << '\n';
    return 4;
} catch (const ob::ConfigurationError& e) {
    std::cerr << "odoo_quickstart: " << e.what()
              << "\n(set ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD or ODOO_API_KEY)\n";
    return 2;
} catch (const ob::Error& e) {
    std::cerr << "odoo_quickstart: " << e.what() << '\n';
    return 1;
}
