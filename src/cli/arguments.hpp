#pragma once
/// \file
/// Parsing of `odoobridge`'s command line into a `CommandLine`: the subcommand, its
/// positional arguments, and the options exactly as given (environment variables are
/// resolved later, in config.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::cli {

/// The subcommands.
enum class Command { help, version, login, databases, call, search_read, fields };

/// The name a user types for `command` ("search-read" ...).
[[nodiscard]] std::string_view command_name(Command command) noexcept;

/// Everything the user typed, checked for form but not yet combined with the environment.
struct CommandLine {
    Command command = Command::help;
    /// The arguments after the subcommand, in order (their count is already checked).
    std::vector<std::string> positionals;

    // Connection options; unset when not given (the environment may supply them).
    std::optional<std::string> url;
    std::optional<std::string> database;
    std::optional<std::string> username;
    std::optional<std::string> password;  ///< secret: never print
    std::optional<std::string> api_key;   ///< secret: never print
    std::optional<std::string> protocol;
    std::optional<std::string> context;  ///< JSON text of the default context
    std::optional<std::string> ca_file;
    std::optional<double> timeout_seconds;  ///< > 0
    bool insecure = false;
    bool verbose = false;
    bool pretty = false;

    // Options of single subcommands.
    bool idempotent = false;                             ///< call
    std::optional<std::vector<std::string>> fields;      ///< search-read
    std::optional<std::int64_t> limit;                   ///< search-read, >= 0
    std::optional<std::int64_t> offset;                  ///< search-read, >= 0
    std::optional<std::string> order;                    ///< search-read
    std::optional<std::vector<std::string>> attributes;  ///< fields
};

/// Parses `args` (the program's arguments without argv[0]). Options may come before or
/// after the subcommand, as `--name value` or `--name=value`; `--` ends the options.
/// `-h`/`--help` anywhere, or no argument at all, selects `Command::help`.
/// \throws UsageError naming the offending argument (never quoting a secret's value).
[[nodiscard]] CommandLine parse_command_line(const std::vector<std::string>& args);

}  // namespace odoobridge::cli
