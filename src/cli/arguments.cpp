#include "arguments.hpp"

#include "usage_error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace odoobridge::cli {

namespace {

struct CommandSpec {
    Command command;
    std::string_view name;
    std::size_t min_positionals;
    std::size_t max_positionals;
    std::string_view synopsis;  ///< the positional part, for error messages
};

constexpr std::array<CommandSpec, 7> commands{{
    {Command::help, "help", 0, 0, ""},
    {Command::version, "version", 0, 0, ""},
    {Command::login, "login", 0, 0, ""},
    {Command::databases, "databases", 0, 0, ""},
    {Command::call, "call", 2, 4, "MODEL METHOD [ARGS_JSON] [KWARGS_JSON]"},
    {Command::search_read, "search-read", 1, 2, "MODEL [DOMAIN_JSON]"},
    {Command::fields, "fields", 1, 1, "MODEL"},
}};

const CommandSpec& spec_of(Command command) {
    return *std::ranges::find(commands, command, &CommandSpec::command);
}

std::int64_t parse_count(std::string_view flag, std::string_view text) {
    std::int64_t value = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0)
        throw UsageError("option " + std::string(flag) + " expects a non-negative integer, got '" +
                         std::string(text) + "'");
    return value;
}

double parse_seconds(std::string_view flag, std::string_view text) {
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value) || value <= 0)
        throw UsageError("option " + std::string(flag) +
                         " expects a positive number of seconds (e.g. 30 or 2.5), got '" + copy +
                         "'");
    return value;
}

/// "a, b,c" → {"a","b","c"}; empty items are an error.
std::vector<std::string> parse_name_list(std::string_view flag, std::string_view text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.empty())
            throw UsageError("option " + std::string(flag) + " '" + std::string(text) +
                             "' has an empty name at item " + std::to_string(names.size() + 1) +
                             ": give comma-separated names, e.g. name,email");
        names.emplace_back(item);
        if (comma == text.size()) return names;
        start = comma + 1;
    }
}

using Setter = void (*)(CommandLine&, std::string_view flag, std::string_view value);

struct OptionSpec {
    std::string_view name;
    bool takes_value;
    std::optional<Command> only_for;  ///< the one subcommand that accepts it, if any
    Setter apply;
};

// Captureless lambdas, one per option; the table is the single list of options.
const std::array<OptionSpec, 20> options{{
    {"--url", true, {}, [](CommandLine& c, auto, auto v) { c.url = v; }},
    {"--db", true, {}, [](CommandLine& c, auto, auto v) { c.database = v; }},
    {"--username", true, {}, [](CommandLine& c, auto, auto v) { c.username = v; }},
    {"--password", true, {}, [](CommandLine& c, auto, auto v) { c.password = v; }},
    {"--api-key", true, {}, [](CommandLine& c, auto, auto v) { c.api_key = v; }},
    {"--protocol", true, {}, [](CommandLine& c, auto, auto v) { c.protocol = v; }},
    {"--context", true, {}, [](CommandLine& c, auto, auto v) { c.context = v; }},
    {"--ca-file", true, {}, [](CommandLine& c, auto, auto v) { c.ca_file = v; }},
    {"--timeout",
     true,
     {},
     [](CommandLine& c, auto f, auto v) { c.timeout_seconds = parse_seconds(f, v); }},
    {"--insecure", false, {}, [](CommandLine& c, auto, auto) { c.insecure = true; }},
    {"--verbose", false, {}, [](CommandLine& c, auto, auto) { c.verbose = true; }},
    {"--pretty", false, {}, [](CommandLine& c, auto, auto) { c.pretty = true; }},
    {"--help", false, {}, [](CommandLine& c, auto, auto) { c.command = Command::help; }},
    {"-h", false, {}, [](CommandLine& c, auto, auto) { c.command = Command::help; }},
    {"--idempotent", false, Command::call, [](CommandLine& c, auto, auto) { c.idempotent = true; }},
    {"--fields", true, Command::search_read,
     [](CommandLine& c, auto f, auto v) { c.fields = parse_name_list(f, v); }},
    {"--limit", true, Command::search_read,
     [](CommandLine& c, auto f, auto v) { c.limit = parse_count(f, v); }},
    {"--offset", true, Command::search_read,
     [](CommandLine& c, auto f, auto v) { c.offset = parse_count(f, v); }},
    {"--order", true, Command::search_read, [](CommandLine& c, auto, auto v) { c.order = v; }},
    {"--attributes", true, Command::fields,
     [](CommandLine& c, auto f, auto v) { c.attributes = parse_name_list(f, v); }},
}};

bool looks_like_option(std::string_view arg) {
    return arg.size() >= 2 && arg[0] == '-' &&
           (arg[1] == '-' || (arg[1] >= 'a' && arg[1] <= 'z') || (arg[1] >= 'A' && arg[1] <= 'Z'));
}

Command parse_command_name(std::string_view name) {
    for (const auto& spec : commands)
        if (spec.name == name) return spec.command;
    throw UsageError("unknown command '" + std::string(name) +
                     "': use one of version, login, databases, call, search-read, fields, help");
}

struct PendingOption {
    const OptionSpec* spec;
    std::string value;
};

}  // namespace

std::string_view command_name(Command command) noexcept { return spec_of(command).name; }

CommandLine parse_command_line(const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("no command given: run 'odoobridge help' for the commands and options");

    std::vector<std::string> words;  // the command name and its positional arguments
    std::vector<PendingOption> given;
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended || !looks_like_option(arg)) {
            words.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        // Only the part before '=' is ever quoted: the value may be a secret.
        const auto equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        const auto found = std::ranges::find(options, std::string_view(name), &OptionSpec::name);
        if (found == options.end())
            throw UsageError("unknown option '" + name +
                             "': run 'odoobridge help' for the accepted options");
        if (!found->takes_value) {
            if (equals != std::string::npos) throw UsageError("option " + name + " takes no value");
            given.push_back({&*found, {}});
        } else if (equals != std::string::npos) {
            given.push_back({&*found, arg.substr(equals + 1)});
        } else {
            if (i + 1 == args.size() || args[i + 1].starts_with("--"))
                throw UsageError("option " + name + " needs a value, e.g. " + name + " VALUE");
            given.push_back({&*found, args[++i]});
        }
    }

    CommandLine line;
    const bool help_requested = std::ranges::any_of(given, [](const PendingOption& option) {
        return option.spec->name == "--help" || option.spec->name == "-h";
    });
    if (help_requested) return line;  // Command::help, whatever else was typed
    if (words.empty())
        throw UsageError("no command given: run 'odoobridge help' for the commands and options");

    line.command = parse_command_name(words.front());
    const CommandSpec& spec = spec_of(line.command);
    line.positionals.assign(words.begin() + 1, words.end());
    const std::size_t count = line.positionals.size();
    if (count < spec.min_positionals || count > spec.max_positionals) {
        std::string message = std::string(spec.name) + " takes ";
        message += spec.synopsis.empty() ? std::string("no arguments")
                                         : "the arguments " + std::string(spec.synopsis);
        message += ", got " + std::to_string(count) + (count == 1 ? " argument" : " arguments");
        throw UsageError(message);
    }

    for (const auto& option : given) {
        if (option.spec->only_for && *option.spec->only_for != line.command)
            throw UsageError("option " + std::string(option.spec->name) + " only applies to '" +
                             std::string(command_name(*option.spec->only_for)) + "', not to '" +
                             std::string(spec.name) + "'");
        option.spec->apply(line, option.spec->name, option.value);
    }
    return line;
}

}  // namespace odoobridge::cli
