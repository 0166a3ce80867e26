#pragma once
/// \file
/// Typed `crm.item.add` / `crm.item.list` / `crm.item.update` for deals and leads (camelCase
/// in and out, as the crm.item methods speak). Your own CRM item types work the same way:
/// a described struct with `static constexpr int entity_type_id` and an `id` member.

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <odoobridge/bitrix24/pager.hpp>
#include <optional>
#include <string>

namespace odoobridge::bitrix24 {

/// A deal (entityTypeId 2).
struct Deal {
    static constexpr int entity_type_id = 2;
    std::int64_t id = 0;
    std::string title;
    std::optional<std::string> stageId;  ///< "NEW", "PREPARATION", "WON" ...
    std::optional<std::int64_t> categoryId;
    std::optional<double> opportunity;
    std::optional<std::string> currencyId;
    std::optional<std::int64_t> assignedById;
    std::optional<std::int64_t> contactId;
    std::optional<std::int64_t> companyId;
    std::optional<std::string> comments;
    std::optional<std::string> createdTime;  ///< read-only
    std::optional<std::string> updatedTime;  ///< read-only
};
BOOST_DESCRIBE_STRUCT(Deal, (),
                      (id, title, stageId, categoryId, opportunity, currencyId, assignedById,
                       contactId, companyId, comments, createdTime, updatedTime))

/// A lead (entityTypeId 1).
struct Lead {
    static constexpr int entity_type_id = 1;
    std::int64_t id = 0;
    std::string title;
    std::optional<std::string> name;
    std::optional<std::string> lastName;
    std::optional<std::string> statusId;  ///< "NEW", "IN_PROCESS", "CONVERTED" ...
    std::optional<std::string> sourceId;
    std::optional<double> opportunity;
    std::optional<std::string> currencyId;
    std::optional<std::int64_t> assignedById;
    std::optional<std::string> comments;
    std::optional<std::string> createdTime;  ///< read-only
    std::optional<std::string> updatedTime;  ///< read-only
};
BOOST_DESCRIBE_STRUCT(Lead, (),
                      (id, title, name, lastName, statusId, sourceId, opportunity, currencyId,
                       assignedById, comments, createdTime, updatedTime))

/// A described CRM item type.
template <class T>
concept CrmItem = core::DescribedStruct<T> && requires(const T& item) {
    { T::entity_type_id } -> std::convertible_to<int>;
    item.id;
};

/// Which items to list (camelCase filter keys, e.g. {{">opportunity", 1e6}}).
struct CrmQuery {
    json filter = json::object();
    json select = json::array();  ///< empty = all fields
};

/// `crm.item.add` of `fields`; returns the stored item as json.
/// \throws InvalidRequestError and the rest of what `Client::call` throws.
[[nodiscard]] json crm_item_add(const Client& client, int entity_type_id, const json& fields);
/// `crm.item.update` of `fields` on item `id` (setting values: retried like a read).
[[nodiscard]] json crm_item_update(const Client& client, int entity_type_id, std::int64_t id,
                                   const json& fields);
/// The `ListSpec` of `crm.item.list` (rows under `result.items`).
/// \throws ConfigurationError when `query.filter` is not an object or `select` not a list.
[[nodiscard]] ListSpec crm_item_list_spec(int entity_type_id, const CrmQuery& query = {});

/// Creates `item` (its `id` and empty optionals are not sent); returns it as stored.
template <CrmItem T>
[[nodiscard]] T crm_add(const Client& client, const T& item) {
    return from_json<T>(
        crm_item_add(client, T::entity_type_id, without_nulls(core::to_values<Dialect>(item))),
        "crm.item.add");
}

/// Writes the fields set in `changes` to item `id`; returns the item as stored.
template <CrmItem T>
[[nodiscard]] T crm_update(const Client& client, std::int64_t id,
                           const core::Partial<T, Dialect>& changes) {
    return from_json<T>(crm_item_update(client, T::entity_type_id, id, changes.values()),
                        "crm.item.update");
}

/// The items matching `query`, fetched lazily.
template <CrmItem T>
[[nodiscard]] PagedRange<T> crm_list(const Client& client, const CrmQuery& query = {},
                                     PageMode mode = PageMode::batched) {
    return list_as<T>(client, crm_item_list_spec(T::entity_type_id, query), mode);
}

}  // namespace odoobridge::bitrix24
