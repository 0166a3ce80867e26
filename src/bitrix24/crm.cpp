#include <odoobridge/bitrix24/crm.hpp>
#include <odoobridge/core/errors.hpp>

namespace odoobridge::bitrix24 {

namespace {

const json& item_of(const Client& client, const char* method, const json& result) {
    if (!result.is_object() || !result.contains("item") || !result.at("item").is_object())
        throw UnexpectedResponseError(std::string(method) + " at " + client.endpoint() +
                                          " answered without result.item; check that the "
                                          "portal has the crm.item methods",
                                      client.endpoint(), 200);
    return result.at("item");
}

}  // namespace

json crm_item_add(const Client& client, int entity_type_id, const json& fields) {
    if (!fields.is_object()) throw ConfigurationError("crm.item.add fields must be a JSON object");
    const json result =
        client.call("crm.item.add", {{"entityTypeId", entity_type_id}, {"fields", fields}});
    return item_of(client, "crm.item.add", result);
}

json crm_item_update(const Client& client, int entity_type_id, std::int64_t id,
                     const json& fields) {
    if (!fields.is_object() || fields.empty())
        throw ConfigurationError("crm.item.update of item " + std::to_string(id) +
                                 " needs a non-empty JSON object of fields");
    const json result = client.call(
        "crm.item.update", {{"entityTypeId", entity_type_id}, {"id", id}, {"fields", fields}},
        CallOptions{.idempotent = true});
    return item_of(client, "crm.item.update", result);
}

ListSpec crm_item_list_spec(int entity_type_id, const CrmQuery& query) {
    if (!query.filter.is_object() || !query.select.is_array())
        throw ConfigurationError(
            "CrmQuery.filter must be a JSON object and CrmQuery.select a "
            "JSON list");
    ListSpec spec;
    spec.method = "crm.item.list";
    spec.params = {{"entityTypeId", entity_type_id}, {"filter", query.filter}};
    if (!query.select.empty()) spec.params["select"] = query.select;
    spec.items_key = "items";
    spec.filter_param = "filter";
    spec.id_filter = ">id";
    spec.row_id = "id";
    spec.id_order = {{"order", {{"id", "ASC"}}}};
    return spec;
}

}  // namespace odoobridge::bitrix24
