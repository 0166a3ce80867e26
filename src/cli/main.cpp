// odoobridge: the command-line face of the SDK. Parsing, configuration, the commands and
// the exit codes each live in their own file; this one wires them together.

#include "arguments.hpp"
#include "commands.hpp"
#include "config.hpp"
#include "exit_codes.hpp"
#include "help.hpp"

#include <odoobridge/core/logging.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_sinks.h>

namespace {

using namespace odoobridge;

/// With --verbose, a debug logger writing to stderr; otherwise the silent one. Built
/// directly, never through spdlog's registry.
core::LoggerPtr make_logger(bool verbose) {
    if (!verbose) return core::silent_logger();
    auto logger = std::make_shared<spdlog::logger>(
        "odoobridge", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("odoobridge: [%H:%M:%S.%e] [%l] %v");
    logger->set_level(spdlog::level::debug);
    return logger;
}

int run(const std::vector<std::string>& args) {
    const cli::CommandLine line = cli::parse_command_line(args);
    if (line.command == cli::Command::help) {
        std::cout << cli::help_text();
        return 0;
    }
    const cli::Config config = cli::resolve_config(line, cli::process_environment());
    if (!config.transport.verify_tls)
        std::cerr << "odoobridge: warning: TLS certificate verification is off (--insecure); "
                     "anyone on the network path can read and change this session\n";
    const json result = cli::run_command(line, config, make_logger(line.verbose));
    std::cout << result.dump(line.pretty ? 2 : -1, ' ', false, json::error_handler_t::replace)
              << '\n'
              << std::flush;
    if (!std::cout) throw std::runtime_error("cannot write the result to standard output");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& error) {
        std::cerr << odoobridge::cli::error_line(error) << '\n';
        return static_cast<int>(odoobridge::cli::classify(error).code);
    }
}
