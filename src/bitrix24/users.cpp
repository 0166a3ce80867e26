#include <algorithm>
#include <cctype>
#include <odoobridge/bitrix24/users.hpp>
#include <odoobridge/core/errors.hpp>

namespace odoobridge::bitrix24 {

namespace {

bool same_email(std::string_view a, std::string_view b) {
    return std::ranges::equal(
        a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

ListSpec user_list_spec(const UserQuery& query) {
    if (!query.filter.is_object())
        throw ConfigurationError(
            "UserQuery.filter must be a JSON object of user.get FILTER "
            "conditions, got " +
            std::string(query.filter.type_name()));
    ListSpec spec;
    spec.method = "user.get";
    spec.params = {{"FILTER", query.filter}};
    if (query.admin_mode) spec.params["ADMIN_MODE"] = true;
    spec.filter_param = "FILTER";
    spec.id_filter = ">ID";
    spec.row_id = "ID";
    spec.id_order = {{"sort", "ID"}, {"order", "ASC"}};
    return spec;
}

PagedRange<User> list_users(const Client& client, const UserQuery& query, PageMode mode) {
    return list_as<User>(client, user_list_spec(query), mode);
}

std::optional<User> find_user_by_email(const Client& client, std::string_view email) {
    if (email.empty())
        throw ConfigurationError("find_user_by_email needs a non-empty e-mail address");
    const json rows = client.call("user.get", {{"FILTER", {{"EMAIL", std::string(email)}}}});
    std::optional<User> found;
    for (const User& user : list_from_json<User>(rows, "user.get")) {
        if (!same_email(user.EMAIL, email)) continue;
        if (!found || (user.ACTIVE && !found->ACTIVE)) found = user;
    }
    return found;
}

}  // namespace odoobridge::bitrix24
