#pragma once
/// \file
/// `$result[key][FIELD]...` references between batch commands. Inside one chunk the portal
/// substitutes them; across chunks (lists longer than 50) the client does, from the
/// results it already has.

#include <functional>
#include <odoobridge/bitrix24/batch.hpp>
#include <string_view>

namespace odoobridge::bitrix24::detail {

/// The entry of an earlier chunk's command, or null when `key` is not one.
using EntryLookup = std::function<const BatchEntry*(std::string_view key)>;

/// `params` with every reference to an earlier chunk's command replaced by the value it
/// names: a string that is only a reference becomes that value (any JSON), a reference
/// inside a longer string is replaced by the value's text. References to commands of the
/// same chunk are left for the portal.
/// \throws SkippedCommandError when a referenced earlier command failed.
[[nodiscard]] json resolve_references(const json& params, const EntryLookup& lookup);

}  // namespace odoobridge::bitrix24::detail
