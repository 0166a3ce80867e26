#pragma once
/// \file
/// `SearchOptions`: paging, ordering and context of one search.

#include <odoobridge/core/json.hpp>
#include <optional>
#include <string>

namespace odoobridge::odoo {

/// Paging, order and context of `search`, `search_read` and `read_group`; designated-
/// initializer friendly: `{.limit = 20, .order = "price desc"}`.
struct SearchOptions {
    /// At most this many records (unset: all). Must be positive when set.
    std::optional<int> limit = std::nullopt;
    /// Skip this many records first. Must not be negative.
    int offset = 0;
    /// Odoo's order clause, e.g. "price desc, id" (empty: the model's default order;
    /// read_group sends it as `orderby`).
    std::string order = {};
    /// Context keys for this call, merged over the client's default context.
    json context = json::object();
};

}  // namespace odoobridge::odoo
