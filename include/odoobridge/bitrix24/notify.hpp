#pragma once
/// \file
/// Typed `im.notify.system.add` / `im.notify.personal.add`.

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <optional>
#include <string>

namespace odoobridge::bitrix24 {

/// A notification to one user (the methods' own UPPER_CASE names).
struct Notification {
    std::int64_t USER_ID = 0;
    std::string MESSAGE;                     ///< BB-code allowed
    std::optional<std::string> MESSAGE_OUT;  ///< text for e-mail and push
    std::optional<std::string> TAG;          ///< a later notification with the same tag replaces it
    std::optional<std::string> SUB_TAG;
    std::optional<json> ATTACH;
};
BOOST_DESCRIBE_STRUCT(Notification, (), (USER_ID, MESSAGE, MESSAGE_OUT, TAG, SUB_TAG, ATTACH))

/// Sends a system notification (no sender) and returns its id.
/// \throws ConfigurationError for a missing user or message; InvalidRequestError when the
///         portal refuses it; what `Client::call` throws.
[[nodiscard]] std::int64_t notify_system(const Client& client, const Notification& notification);

/// Sends a personal notification (from the webhook's or application's user); returns its id.
/// \throws as `notify_system`.
[[nodiscard]] std::int64_t notify_personal(const Client& client, const Notification& notification);

}  // namespace odoobridge::bitrix24
