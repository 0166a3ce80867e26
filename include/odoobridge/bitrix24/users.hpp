#pragma once
/// \file
/// Typed `user.get`: employees as `User` records (UPPER_CASE, as the portal sends them),
/// listed lazily, and found by e-mail.

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <odoobridge/bitrix24/pager.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odoobridge::bitrix24 {

/// A portal user (an employee, or an extranet user). Unknown fields are ignored.
struct User {
    std::int64_t ID = 0;
    bool ACTIVE = true;  ///< false for dismissed employees
    std::string XML_ID;
    std::string NAME;
    std::string LAST_NAME;
    std::string SECOND_NAME;
    std::string EMAIL;
    std::string PERSONAL_MOBILE;
    std::string PERSONAL_PHONE;
    std::string WORK_PHONE;
    std::string WORK_POSITION;
    std::vector<std::int64_t> UF_DEPARTMENT;  ///< department ids
    std::optional<std::string> DATE_REGISTER;
};
BOOST_DESCRIBE_STRUCT(User, (),
                      (ID, ACTIVE, XML_ID, NAME, LAST_NAME, SECOND_NAME, EMAIL, PERSONAL_MOBILE,
                       PERSONAL_PHONE, WORK_PHONE, WORK_POSITION, UF_DEPARTMENT, DATE_REGISTER))

/// Which users to list.
struct UserQuery {
    /// user.get's FILTER, e.g. {{"ACTIVE", true}, {"UF_DEPARTMENT", 3}, {"%LAST_NAME", "Kim"}}.
    json filter = json::object();
    /// Also list extranet and system users (`ADMIN_MODE`; needs an administrator).
    bool admin_mode = false;
};

/// The `ListSpec` of `user.get` for `query` (fast mode: `sort=ID`, `FILTER[>ID]`).
[[nodiscard]] ListSpec user_list_spec(const UserQuery& query = {});

/// The users matching `query`, fetched lazily.
/// \throws ConfigurationError when `query.filter` is not an object; iteration throws what
///         `Client::call` throws, and DecodeError for a user that does not fit `User`.
[[nodiscard]] PagedRange<User> list_users(const Client& client, const UserQuery& query = {},
                                          PageMode mode = PageMode::batched);

/// The user whose e-mail is `email` (compared case-insensitively; an active user wins over
/// a dismissed one), or nullopt.
/// \throws ConfigurationError for an empty e-mail; what `Client::call` throws.
[[nodiscard]] std::optional<User> find_user_by_email(const Client& client, std::string_view email);

}  // namespace odoobridge::bitrix24
