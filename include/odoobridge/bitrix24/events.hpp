#pragma once
/// \file
/// Outbound events (Bitrix24 → your handler): the portal POSTs a form-encoded body with
/// `event`, `event_handler_id`, `data[...]`, `ts` and `auth[...]`. `parse_event` decodes it
/// into a typed event after checking `auth[application_token]` against the token you
/// stored at installation, in constant time. The portal does not retry deliveries, so
/// answer quickly (200) and do the work afterwards.

#include <cstdint>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace odoobridge::bitrix24 {

/// The `auth[...]` part of an event. `access_token` and `application_token` are secrets.
struct EventAuth {
    std::string domain;
    std::string member_id;
    std::string application_token;
    std::string access_token;  ///< present for applications: lets the handler call back
    std::string client_endpoint;
    std::string server_endpoint;
    std::string scope;
};

/// What every event carries.
struct EventEnvelope {
    std::string event;            ///< upper-case name, e.g. "ONTASKADD"
    std::int64_t handler_id = 0;  ///< `event_handler_id`
    std::int64_t ts = 0;          ///< Unix time of the event
    EventAuth auth;
    json data = json::object();  ///< `data[...]` as nested objects of strings
};

/// ONUSERADD: a user was added (`data[ID]`).
struct UserAdded {
    EventEnvelope envelope;
    std::int64_t user_id = 0;
};
/// ONTASKADD: a task was created (`data[FIELDS_AFTER][ID]`).
struct TaskAdded {
    EventEnvelope envelope;
    std::int64_t task_id = 0;
};
/// ONCALENDARENTRYADD: a calendar event was created (`data[id]`).
struct CalendarEntryAdded {
    EventEnvelope envelope;
    std::int64_t entry_id = 0;
};
/// Any other event; read `envelope.data`.
struct GenericEvent {
    EventEnvelope envelope;
};

/// A decoded event.
using Event = std::variant<UserAdded, TaskAdded, CalendarEntryAdded, GenericEvent>;

/// A POST that is not a well-formed Bitrix24 event (no `event`, an id that is no integer...).
class InvalidEventError : public ProtocolError {
public:
    using ProtocolError::ProtocolError;
};
/// An event whose `auth[application_token]` is missing or not the stored one: reject it
/// (HTTP 401/403) and do not act on it.
class UnverifiedEventError : public Error {
public:
    using Error::Error;
};

/// Decodes the form-encoded body of an event, without verifying it.
/// \throws InvalidEventError naming what is missing or malformed.
[[nodiscard]] EventEnvelope parse_event_envelope(std::string_view form_body);

/// Decodes and verifies an event: `auth[application_token]` must equal
/// `application_token` (compared in constant time).
/// \throws ConfigurationError when `application_token` is empty; UnverifiedEventError;
///         InvalidEventError.
[[nodiscard]] Event parse_event(std::string_view form_body, std::string_view application_token);

/// The envelope of any event.
[[nodiscard]] const EventEnvelope& envelope_of(const Event& event) noexcept;

/// Compares two secrets in time that depends only on their lengths.
[[nodiscard]] bool secrets_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace odoobridge::bitrix24
