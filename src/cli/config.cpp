#include "config.hpp"

#include "json_argument.hpp"
#include "usage_error.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/logging.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

namespace odoobridge::cli {

namespace {

Setting resolve(const std::optional<std::string>& flag_value, std::string_view flag,
                std::string_view env_var, const Environment& environment) {
    Setting setting{.value = {}, .env_var = env_var, .flag = flag, .from_flag = false};
    if (flag_value && !flag_value->empty()) {
        setting.value = *flag_value;
        setting.from_flag = true;
    } else if (auto from_env = environment(env_var)) {
        setting.value = std::move(*from_env);
    }
    return setting;
}

std::string source_of(const Setting& setting) {
    return setting.from_flag ? "option " + std::string(setting.flag)
                             : "environment variable " + std::string(setting.env_var);
}

[[noreturn]] void throw_missing(const Setting& setting, std::string_view what,
                                std::string_view example) {
    throw UsageError("no " + std::string(what) + " given: set " + std::string(setting.env_var) +
                     " or pass " + std::string(setting.flag) + " " + std::string(example));
}

void check_url(const Setting& url) {
    if (!url.present()) return;
    if (!url.value.starts_with("http://") && !url.value.starts_with("https://"))
        throw UsageError("the Odoo URL '" + core::redact_url(url.value) + "' from " +
                         source_of(url) +
                         " must start with http:// or https://, e.g. https://erp.example.com");
}

/// The password and the API key may both be set at different levels (a flag overrides
/// the other one's variable); at the same level they are ambiguous.
void settle_secrets(Setting& password, Setting& api_key) {
    if (!password.present() || !api_key.present()) return;
    if (password.from_flag == api_key.from_flag)
        throw UsageError(password.from_flag
                             ? "both --password and --api-key were given: pass only one"
                             : "both ODOO_PASSWORD and ODOO_API_KEY are set: unset one, or "
                               "choose with --password or --api-key");
    (password.from_flag ? api_key : password).value.clear();
}

core::TransportOptions transport_options(const CommandLine& line) {
    core::TransportOptions options;
    if (line.timeout_seconds) {
        const auto total = std::chrono::milliseconds(
            std::max<long long>(1, static_cast<long long>(*line.timeout_seconds * 1000.0)));
        options.total_timeout = total;
        options.connect_timeout = std::min(options.connect_timeout, total);
    }
    options.verify_tls = !line.insecure;
    if (line.ca_file) {
        if (!std::ifstream(*line.ca_file))
            throw UsageError("option --ca-file: cannot read '" + *line.ca_file +
                             "': give the path of a PEM file of trusted CA certificates");
        options.ca_file = *line.ca_file;
    }
    options.validate();
    return options;
}

}  // namespace

Environment process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr || *value == '\0') return std::nullopt;
        return std::string(value);
    };
}

const std::string& Config::require_url() const {
    if (!url.present()) throw_missing(url, "Odoo URL", "https://erp.example.com");
    return url.value;
}

const std::string& Config::require_database() const {
    if (!database.present()) throw_missing(database, "Odoo database", "NAME");
    return database.value;
}

odoo::Credentials Config::require_credentials() const {
    if (!username.present()) throw_missing(username, "Odoo login", "LOGIN");
    if (api_key.present()) return odoo::ApiKey{username.value, api_key.value};
    if (protocol == odoo::ProtocolKind::json2)
        throw UsageError(
            "the json2 protocol needs an API key: set ODOO_API_KEY or pass "
            "--api-key KEY (a password is not accepted by JSON-2)");
    if (!password.present())
        throw UsageError(
            "no Odoo password or API key given: set ODOO_PASSWORD or ODOO_API_KEY "
            "(safer than --password/--api-key, which other users can see in the "
            "process list)");
    return odoo::Password{username.value, password.value};
}

odoo::Credentials Config::optional_credentials() const {
    if (api_key.present()) return odoo::ApiKey{username.value, api_key.value};
    if (protocol == odoo::ProtocolKind::json2)
        throw UsageError(
            "the json2 protocol needs an API key, even for calls that need no "
            "login: set ODOO_API_KEY or pass --api-key KEY, or choose another "
            "protocol with --protocol");
    return odoo::Password{username.value, password.value};
}

Config resolve_config(const CommandLine& line, const Environment& environment) {
    Config config;
    config.url = resolve(line.url, "--url", "ODOO_URL", environment);
    config.database = resolve(line.database, "--db", "ODOO_DB", environment);
    config.username = resolve(line.username, "--username", "ODOO_USERNAME", environment);
    config.password = resolve(line.password, "--password", "ODOO_PASSWORD", environment);
    config.api_key = resolve(line.api_key, "--api-key", "ODOO_API_KEY", environment);
    check_url(config.url);
    settle_secrets(config.password, config.api_key);

    const Setting protocol =
        resolve(line.protocol, "--protocol", "ODOOBRIDGE_PROTOCOL", environment);
    if (protocol.present()) {
        try {
            config.protocol = odoo::parse_protocol_kind(protocol.value);
        } catch (const ConfigurationError& e) {
            throw UsageError(source_of(protocol) + ": " + e.what());
        }
    }
    if (line.context)
        config.context = parse_json_argument(*line.context, "option --context", JsonShape::object);
    config.transport = transport_options(line);
    return config;
}

}  // namespace odoobridge::cli
