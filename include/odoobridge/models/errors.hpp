#pragma once
/// \file
/// Errors of the business-model helpers (odoobridge/models/*.hpp).

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/fields.hpp>
#include <string>
#include <utility>
#include <vector>

namespace odoobridge::models {

/// A lookup that may find at most one record found several (two partners with the same
/// email, say), so the helper refuses to pick one: the data needs a person's decision.
/// Derives from `odoobridge::Error` directly: neither the program's options, the transport
/// nor the server are at fault. Immutable; safe to share between threads.
class AmbiguousMatchError : public Error {
public:
    /// `criterion` says what matched, e.g. "email =ilike 'aigerim@example.kz'".
    AmbiguousMatchError(std::string model, std::string criterion, std::vector<odoo::Id> ids)
        : Error(describe(model, criterion, ids)),
          model_(std::move(model)),
          criterion_(std::move(criterion)),
          ids_(std::move(ids)) {}

    [[nodiscard]] const std::string& model() const noexcept { return model_; }
    [[nodiscard]] const std::string& criterion() const noexcept { return criterion_; }
    /// The ids of every matching record, ascending.
    [[nodiscard]] const std::vector<odoo::Id>& ids() const noexcept { return ids_; }

private:
    static std::string describe(const std::string& model, const std::string& criterion,
                                const std::vector<odoo::Id>& ids) {
        std::string list;
        for (const odoo::Id id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
        return model + ": " + std::to_string(ids.size()) + " records match " + criterion +
               " (ids " + list +
               "), so none was picked; merge the duplicates in Odoo, or work on the record you "
               "mean by its id";
    }

    std::string model_;
    std::string criterion_;
    std::vector<odoo::Id> ids_;
};

}  // namespace odoobridge::models
