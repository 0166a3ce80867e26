#include <odoobridge/bitrix24/notify.hpp>
#include <odoobridge/core/errors.hpp>

#include "envelope.hpp"

namespace odoobridge::bitrix24 {

namespace {

std::int64_t send(const Client& client, const char* method, const Notification& notification) {
    if (notification.USER_ID <= 0 || notification.MESSAGE.empty())
        throw ConfigurationError(std::string(method) +
                                 " needs Notification.USER_ID and a "
                                 "non-empty Notification.MESSAGE");
    // A tagged notification replaces its namesake, so sending it twice is harmless.
    const CallOptions options{.idempotent = notification.TAG.has_value()};
    const json result = client.call(method, without_nulls(to_json(notification)), options);
    const auto id = detail::integer_of(result);
    if (!id)
        throw UnexpectedResponseError(std::string(method) + " at " + client.endpoint() +
                                          " answered with no notification id (result '" +
                                          core::body_excerpt(result.dump()) + "')",
                                      client.endpoint(), 200);
    return *id;
}

}  // namespace

std::int64_t notify_system(const Client& client, const Notification& notification) {
    return send(client, "im.notify.system.add", notification);
}

std::int64_t notify_personal(const Client& client, const Notification& notification) {
    return send(client, "im.notify.personal.add", notification);
}

}  // namespace odoobridge::bitrix24
