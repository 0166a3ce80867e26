#pragma once
/// \file
/// Typed records of the RosDomofon REST API (`/abonents-service/api/v1`), described with
/// Boost.Describe so the shared codec (core/codec.hpp) reads and writes them. Member names
/// are the wire names (camelCase; `virtual_` is "virtual"). Fields an answer leaves out keep
/// their defaults; fields the records do not list are ignored. Plain value types.

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/core/json.hpp>
#include <odoobridge/rosdomofon/phone.hpp>
#include <optional>
#include <string>
#include <vector>

namespace odoobridge::rosdomofon {

/// An abonent as answers reference one: `{id, phone}` (an account's owner, a message's
/// abonent, a flat's owner).
struct Abonent {
    std::int64_t id = 0;
    Phone phone;
};
BOOST_DESCRIBE_STRUCT(Abonent, (), (id, phone))

/// The company an account belongs to; `shortName` also names its Kafka topics.
struct Company {
    std::int64_t id = 0;
    std::string shortName;
    std::optional<std::string> licenseeShort;
};
BOOST_DESCRIBE_STRUCT(Company, (), (id, shortName, licenseeShort))

/// One abonent account (`GET /accounts`).
struct Account {
    std::int64_t id = 0;
    std::optional<std::string> number;  ///< billing account number ("ACC1"), may be null
    Abonent owner;
    Company company;
    bool blocked = false;
    std::optional<std::string> blockReason;
    std::optional<bool> billingAvailable;
};
BOOST_DESCRIBE_STRUCT(Account, (),
                      (id, number, owner, company, blocked, blockReason, billingAvailable))

/// The answer of `POST /accounts`.
struct CreatedAccount {
    std::int64_t id = 0;
    Abonent owner;
};
BOOST_DESCRIBE_STRUCT(CreatedAccount, (), (id, owner))

/// What `POST /flats` creates. Ids travel as the server takes them: `entranceId` and
/// `flatNumber` as strings; an unset `abonentId` is left out of the request.
struct NewFlat {
    std::optional<std::int64_t> abonentId;  ///< the owner (an account's `owner.id`)
    std::string entranceId;                 ///< entrance the flat is in
    std::string flatNumber;                 ///< "12"
    bool virtual_ = false;                  ///< true when no handset is installed
};
BOOST_DESCRIBE_STRUCT(NewFlat, (), (abonentId, entranceId, flatNumber, virtual_))

/// A flat (the answer of `POST /flats`, a connection's flat).
struct Flat {
    std::int64_t id = 0;
    std::optional<std::int64_t> accountId;
    std::optional<Abonent> owner;
    bool virtual_ = false;
    json address;  ///< the address object as sent (city, street, house, entrance, flat)
};
BOOST_DESCRIBE_STRUCT(Flat, (), (id, accountId, owner, virtual_, address))

/// A service offered at an entrance (`GET /entrances/{id}/services`), e.g.
/// `{id: 12, name: "Домофон", type: "Intercom"}`.
struct Service {
    std::int64_t id = 0;
    std::string name;
    std::string type;
    std::optional<std::string> customName;
    std::optional<std::int64_t> companyId;
};
BOOST_DESCRIBE_STRUCT(Service, (), (id, name, type, customName, companyId))

/// A service connected to a flat (`GET /accounts/{id}/connections`,
/// `GET /services/{id}/connections`). `connect_service` answers only the `id`.
struct Connection {
    std::int64_t id = 0;
    bool blocked = false;
    std::optional<Account> account;
    std::optional<Flat> flat;
    std::optional<Service> service;
    std::optional<double> tariff;
    std::optional<std::string> currency;
};
BOOST_DESCRIBE_STRUCT(Connection, (), (id, blocked, account, flat, service, tariff, currency))

/// One message of an abonent's conversation (`GET /abonents/{id}/messages`).
struct Message {
    std::int64_t id = 0;
    Abonent abonent;
    std::string channel;    ///< "support", "notification" ...
    bool incoming = false;  ///< true when the abonent wrote it
    std::string message;
    std::string messageDate;  ///< as the server sends it (ISO-8601)
};
BOOST_DESCRIBE_STRUCT(Message, (), (id, abonent, channel, incoming, message, messageDate))

/// One page of messages (Spring's `Page`): `number` is 0-based.
struct MessagePage {
    std::vector<Message> content;
    std::int64_t totalElements = 0;
    std::int64_t totalPages = 0;
    bool first = false;
    bool last = true;
    std::int64_t number = 0;
    std::int64_t size = 0;
    std::int64_t numberOfElements = 0;
};
BOOST_DESCRIBE_STRUCT(MessagePage, (),
                      (content, totalElements, totalPages, first, last, number, size,
                       numberOfElements))

/// Who receives a message sent with `Client::send_message`: an abonent id, a phone, or
/// both. Build with `Recipient::abonent(id)` or `Recipient::phone_number(phone)`.
struct Recipient {
    std::optional<std::int64_t> id;
    Phone phone;

    [[nodiscard]] static Recipient abonent(std::int64_t abonent_id) { return {abonent_id, {}}; }
    [[nodiscard]] static Recipient phone_number(Phone number) { return {std::nullopt, number}; }
};
BOOST_DESCRIBE_STRUCT(Recipient, (), (id, phone))

}  // namespace odoobridge::rosdomofon
