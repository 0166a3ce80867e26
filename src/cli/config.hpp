#pragma once
/// \file
/// Combines the command line with the environment (ODOO_URL, ODOO_DB, ODOO_USERNAME,
/// ODOO_PASSWORD, ODOO_API_KEY, ODOOBRIDGE_PROTOCOL): a flag always beats its variable.

#include "arguments.hpp"

#include <odoobridge/core/json.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/odoo/protocol.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::cli {

/// Looks up an environment variable; empty values count as unset.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (`getenv`).
[[nodiscard]] Environment process_environment();

/// One setting and where it came from, so messages can name the variable and the flag.
struct Setting {
    std::string value;         ///< "" when neither the flag nor the variable was given
    std::string_view env_var;  ///< e.g. "ODOO_URL"
    std::string_view flag;     ///< e.g. "--url"
    bool from_flag = false;

    [[nodiscard]] bool present() const noexcept { return !value.empty(); }
};

/// The resolved connection settings of one run.
struct Config {
    Setting url;
    Setting database;
    Setting username;
    Setting password;  ///< secret: never print
    Setting api_key;   ///< secret: never print
    odoo::ProtocolKind protocol = odoo::ProtocolKind::automatic;
    json context = json::object();
    core::TransportOptions transport;  ///< timeouts, TLS verification, CA file

    /// The URL, or a UsageError naming ODOO_URL and --url.
    [[nodiscard]] const std::string& require_url() const;
    /// The database, or a UsageError naming ODOO_DB and --db.
    [[nodiscard]] const std::string& require_database() const;
    /// Login plus password or API key, or a UsageError naming what is missing.
    [[nodiscard]] odoo::Credentials require_credentials() const;
    /// Whatever credentials were given, possibly empty: for calls that need no login
    /// (version, database list). An API key when one was given; a UsageError when JSON-2
    /// was chosen without one (JSON-2 cannot be spoken without a key).
    [[nodiscard]] odoo::Credentials optional_credentials() const;
};

/// Resolves and checks every setting that was given (URL scheme, protocol name, context
/// JSON, CA file); does not require any of them (commands do, with `require_*`).
/// \throws UsageError or ConfigurationError naming the flag or variable at fault.
[[nodiscard]] Config resolve_config(const CommandLine& line, const Environment& environment);

}  // namespace odoobridge::cli
