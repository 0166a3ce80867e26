#pragma once
/// \file
/// The text of `odoobridge help`.

#include <string_view>

namespace odoobridge::cli {

/// Usage, commands, options, environment variables and the exit code table.
[[nodiscard]] std::string_view help_text() noexcept;

}  // namespace odoobridge::cli
