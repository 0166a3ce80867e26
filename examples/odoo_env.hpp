#pragma once
// Shared by the examples: the Odoo connection settings from the environment, the same
// variables the odoobridge command-line tool reads:
//   ODOO_URL             https://erp.example.com
//   ODOO_DB              database name
//   ODOO_USERNAME        login
//   ODOO_PASSWORD        password, or
//   ODOO_API_KEY         API key (required by the json2 protocol of Odoo 19)
//   ODOOBRIDGE_PROTOCOL  auto (default), xmlrpc, jsonrpc, session or json2

#include <cstdlib>
#include <odoobridge/odoo.hpp>
#include <string>

namespace examples {

/// The value of environment variable `name`, or "" when unset.
inline std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

/// The client options the environment describes. `Client::connect` validates them and
/// says what is missing.
/// \throws odoobridge::ConfigurationError for an unknown ODOOBRIDGE_PROTOCOL.
inline odoobridge::odoo::ClientOptions options_from_environment() {
    namespace odoo = odoobridge::odoo;
    odoo::ClientOptions options;
    options.url = env("ODOO_URL");
    options.database = env("ODOO_DB");
    const std::string login = env("ODOO_USERNAME");
    if (const std::string key = env("ODOO_API_KEY"); !key.empty())
        options.credentials = odoo::ApiKey{login, key};
    else
        options.credentials = odoo::Password{login, env("ODOO_PASSWORD")};
    if (const std::string protocol = env("ODOOBRIDGE_PROTOCOL"); !protocol.empty())
        options.protocol = odoo::parse_protocol_kind(protocol);
    return options;
}

}  // namespace examples
