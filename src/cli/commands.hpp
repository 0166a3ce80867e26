#pragma once
/// \file
/// The subcommands of `odoobridge`. Each returns the JSON document to print.

#include "arguments.hpp"
#include "config.hpp"

#include <odoobridge/core/json.hpp>
#include <odoobridge/core/logging.hpp>

namespace odoobridge::cli {

/// Runs `line.command` (anything but `help`) with `config`, logging to `logger`.
/// \throws UsageError for missing settings or malformed JSON arguments, and the
///         odoobridge exceptions of the calls made.
[[nodiscard]] json run_command(const CommandLine& line, const Config& config,
                               const core::LoggerPtr& logger);

}  // namespace odoobridge::cli
