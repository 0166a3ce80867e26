#pragma once
/// \file
/// Parsing of the JSON arguments of the command line (ARGS_JSON, DOMAIN_JSON, --context).

#include <odoobridge/core/json.hpp>

#include <string_view>

namespace odoobridge::cli {

/// What a JSON argument must be.
enum class JsonShape { array, object };

/// Parses `text`, the argument described by `what` (e.g. "ARGS_JSON (3rd argument of
/// call)"), and checks it is a JSON array or object.
/// \throws UsageError naming `what` and the line and column where parsing failed, or
///         the type that was found instead.
[[nodiscard]] json parse_json_argument(std::string_view text, std::string_view what,
                                       JsonShape shape);

}  // namespace odoobridge::cli
