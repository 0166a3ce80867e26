#pragma once
/// \file
/// The JSON messages on RosDomofon's Kafka topics, as described records (core/codec.hpp).
/// Incoming (`MESSAGES_IN_<company>`): text in `message`, or in `localizedPush.message` when
/// `message` is null. Outgoing (`MESSAGES_OUT_<company>`): `deliveryMethod` "PUSH".

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/core/json.hpp>
#include <odoobridge/rosdomofon/phone.hpp>
#include <optional>
#include <string>
#include <vector>

namespace odoobridge::rosdomofon {

/// An abonent on a Kafka message (`fromAbonent`, an element of `toAbonents`).
struct KafkaAbonent {
    std::int64_t id = 0;
    Phone phone;
    std::optional<std::int64_t> companyId;
    std::optional<std::vector<json>> restrictionPushTokenIds;
};
BOOST_DESCRIBE_STRUCT(KafkaAbonent, (), (id, phone, companyId, restrictionPushTokenIds))

/// The localized push of an incoming message.
struct LocalizedPush {
    std::optional<std::string> message;
    std::optional<std::string> messageKey;
    std::optional<std::vector<json>> messageArgs;
};
BOOST_DESCRIBE_STRUCT(LocalizedPush, (), (message, messageKey, messageArgs))

/// A message an abonent sent (topic `MESSAGES_IN_<company>`).
struct IncomingMessage {
    KafkaAbonent fromAbonent;
    std::string channel;  ///< "support" ...
    std::optional<std::string> message;
    std::optional<std::string> deliveryMethod;
    std::optional<std::vector<KafkaAbonent>> toAbonents;
    std::optional<bool> broadcast;
    std::optional<bool> waitResponse;
    std::optional<LocalizedPush> localizedPush;

    /// The text: `message` when it is set and not empty, else `localizedPush.message`,
    /// else "".
    [[nodiscard]] const std::string& text() const noexcept {
        static const std::string none;
        if (message && !message->empty()) return *message;
        if (localizedPush && localizedPush->message) return *localizedPush->message;
        return none;
    }
};
BOOST_DESCRIBE_STRUCT(IncomingMessage, (),
                      (fromAbonent, channel, message, deliveryMethod, toAbonents, broadcast,
                       waitResponse, localizedPush))

/// A message to abonents (topic `MESSAGES_OUT_<company>`). Null members are left out of
/// the JSON sent.
struct OutgoingMessage {
    std::string channel = "support";
    std::string deliveryMethod = "PUSH";
    std::optional<KafkaAbonent> fromAbonent;
    std::string message;
    std::vector<KafkaAbonent> toAbonents;

    /// A reply on the same channel to the abonent who sent `incoming` (id, phone and
    /// company id copied).
    [[nodiscard]] static OutgoingMessage reply_to(const IncomingMessage& incoming,
                                                  std::string text) {
        OutgoingMessage reply;
        reply.channel = incoming.channel.empty() ? "support" : incoming.channel;
        reply.message = std::move(text);
        reply.toAbonents.push_back({incoming.fromAbonent.id, incoming.fromAbonent.phone,
                                    incoming.fromAbonent.companyId, std::nullopt});
        return reply;
    }
};
BOOST_DESCRIBE_STRUCT(OutgoingMessage, (),
                      (channel, deliveryMethod, fromAbonent, message, toAbonents))

}  // namespace odoobridge::rosdomofon
