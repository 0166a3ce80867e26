#include "commands.hpp"

#include "json_argument.hpp"
#include "usage_error.hpp"

#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/client.hpp>
#include <odoobridge/version.hpp>

#include <memory>
#include <string>

namespace odoobridge::cli {

namespace {

/// Logs in with every setting required; what `login`, `call`, `search-read` and `fields` use.
odoo::Client connect(const Config& config, const core::LoggerPtr& logger) {
    odoo::ClientOptions options;
    options.url = config.require_url();
    options.database = config.require_database();
    options.credentials = config.require_credentials();
    options.protocol = config.protocol;
    options.context = config.context;
    options.transport_options = config.transport;
    options.logger = logger;
    logger->debug(
        "connecting to {} database '{}' as '{}' with {} over {}", core::redact_url(options.url),
        options.database, odoo::login_of(options.credentials),
        config.api_key.present() ? "an API key" : "a password", odoo::to_string(options.protocol));
    odoo::Client client = odoo::Client::connect(std::move(options));
    logger->debug("logged in as uid {} over {}", client.uid(), odoo::to_string(client.protocol()));
    return client;
}

/// A protocol object that has not logged in, for the calls that need no login (server
/// version, database list). `automatic` becomes JSON-RPC, which every version speaks.
std::unique_ptr<odoo::Protocol> unauthenticated_protocol(const Config& config,
                                                         const core::LoggerPtr& logger) {
    const odoo::ProtocolKind kind = config.protocol == odoo::ProtocolKind::automatic
                                        ? odoo::ProtocolKind::jsonrpc
                                        : config.protocol;
    odoo::Connection connection{.url = config.require_url(),
                                .database = config.database.value,
                                .credentials = config.optional_credentials(),
                                .transport = core::make_default_transport(config.transport, logger),
                                .logger = logger};
    logger->debug("asking {} over {} (no login needed)", core::redact_url(connection.url),
                  odoo::to_string(kind));
    return odoo::make_protocol(kind, std::move(connection));
}

json describe_version(const odoo::ServerVersion& version) {
    return {{"version", version.version},
            {"major", version.major},
            {"minor", version.minor},
            {"raw", version.raw}};
}

json version_command(const Config& config, const core::LoggerPtr& logger) {
    json result = {{"odoobridge", odoobridge::version}};
    if (config.url.present())
        result["server"] = describe_version(unauthenticated_protocol(config, logger)->version());
    return result;
}

json login_command(const Config& config, const core::LoggerPtr& logger) {
    const odoo::Client client = connect(config, logger);
    return {{"url", core::redact_url(config.url.value)},
            {"database", config.database.value},
            {"username", config.username.value},
            {"uid", client.uid()},
            {"protocol", odoo::to_string(client.protocol())},
            {"server_version", client.version().version}};
}

json databases_command(const Config& config, const core::LoggerPtr& logger) {
    return unauthenticated_protocol(config, logger)->list_databases();
}

json call_command(const CommandLine& line, const Config& config, const core::LoggerPtr& logger) {
    const auto& arguments = line.positionals;
    const json args = arguments.size() > 2
                          ? parse_json_argument(arguments[2], "ARGS_JSON (3rd argument of call)",
                                                JsonShape::array)
                          : json::array();
    const json kwargs =
        arguments.size() > 3
            ? parse_json_argument(arguments[3], "KWARGS_JSON (4th argument of call)",
                                  JsonShape::object)
            : json::object();
    const odoo::Client client = connect(config, logger);
    return client.execute_kw(arguments[0], arguments[1], args, kwargs,
                             {.idempotent = line.idempotent});
}

json search_read_command(const CommandLine& line, const Config& config,
                         const core::LoggerPtr& logger) {
    // Everything goes as keyword arguments: the one form all four protocols accept alike.
    json kwargs = {{"domain", line.positionals.size() > 1
                                  ? parse_json_argument(line.positionals[1],
                                                        "DOMAIN_JSON (2nd argument of search-read)",
                                                        JsonShape::array)
                                  : json::array()}};
    if (line.fields) kwargs["fields"] = *line.fields;
    if (line.limit) kwargs["limit"] = *line.limit;
    if (line.offset) kwargs["offset"] = *line.offset;
    if (line.order) kwargs["order"] = *line.order;
    const odoo::Client client = connect(config, logger);
    return client.execute_kw(line.positionals[0], "search_read", json::array(), kwargs);
}

json fields_command(const CommandLine& line, const Config& config, const core::LoggerPtr& logger) {
    json kwargs = json::object();
    if (line.attributes) kwargs["attributes"] = *line.attributes;
    const odoo::Client client = connect(config, logger);
    return client.execute_kw(line.positionals[0], "fields_get", json::array(), kwargs);
}

}  // namespace

json run_command(const CommandLine& line, const Config& config, const core::LoggerPtr& logger) {
    switch (line.command) {
        case Command::version:
            return version_command(config, logger);
        case Command::login:
            return login_command(config, logger);
        case Command::databases:
            return databases_command(config, logger);
        case Command::call:
            return call_command(line, config, logger);
        case Command::search_read:
            return search_read_command(line, config, logger);
        case Command::fields:
            return fields_command(line, config, logger);
        case Command::help:
            break;
    }
    throw UsageError("'" + std::string(command_name(line.command)) +
                     "' is not a command that talks to Odoo");
}

}  // namespace odoobridge::cli
