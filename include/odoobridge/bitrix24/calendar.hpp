#pragma once
/// \file
/// Typed `calendar.event.add` / `calendar.event.get`.

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <optional>
#include <string>
#include <vector>

namespace odoobridge::bitrix24 {

/// Whose calendar.
enum class CalendarType { user, group, company_calendar };
BOOST_DESCRIBE_ENUM(CalendarType, user, group, company_calendar)

/// The parameters of `calendar.event.add` (the method's own names). Empty optionals are
/// not sent; flags go as "Y"/"N".
struct NewCalendarEvent {
    CalendarType type = CalendarType::user;
    std::int64_t ownerId = 0;  ///< user or group id (0 for the company calendar)
    std::string from;          ///< start, e.g. "2025-03-01T10:00:00+05:00"
    std::string to;            ///< end
    std::int64_t section = 0;  ///< calendar (section) id
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> location;
    std::optional<std::vector<std::int64_t>> attendees;  ///< user ids (with is_meeting)
    std::optional<bool> is_meeting;
    std::optional<std::string> timezone_from;  ///< e.g. "Asia/Almaty"
    std::optional<std::string> timezone_to;
    std::optional<bool> skip_time;             ///< all-day event
    std::optional<std::string> accessibility;  ///< busy, absent, quest, free
    std::optional<std::string> importance;     ///< high, normal, low
    std::optional<std::string> color;
    std::optional<json> remind;  ///< [{"type": "min", "count": 15}]
    std::optional<json> rrule;   ///< recurrence, as the method documents it
};
BOOST_DESCRIBE_STRUCT(NewCalendarEvent, (),
                      (type, ownerId, from, to, section, name, description, location, attendees,
                       is_meeting, timezone_from, timezone_to, skip_time, accessibility, importance,
                       color, remind, rrule))

/// An event as `calendar.event.get` answers (UPPER_CASE).
struct CalendarEvent {
    std::int64_t ID = 0;
    std::string NAME;
    std::string DATE_FROM;
    std::string DATE_TO;
    std::string CAL_TYPE;
    std::int64_t OWNER_ID = 0;
    std::optional<std::int64_t> SECTION_ID;
    std::string DESCRIPTION;
    std::string LOCATION;
    bool IS_MEETING = false;
    std::optional<std::int64_t> CREATED_BY;
};
BOOST_DESCRIBE_STRUCT(CalendarEvent, (),
                      (ID, NAME, DATE_FROM, DATE_TO, CAL_TYPE, OWNER_ID, SECTION_ID, DESCRIPTION,
                       LOCATION, IS_MEETING, CREATED_BY))

/// Which events to get.
struct CalendarQuery {
    CalendarType type = CalendarType::user;
    std::int64_t ownerId = 0;
    std::string from;                    ///< "" = no lower bound
    std::string to;                      ///< "" = no upper bound
    std::vector<std::int64_t> sections;  ///< empty = all of the owner's calendars
};

/// Creates an event and returns its id. Not retried after a 5xx answer or network error.
/// \throws ConfigurationError for a missing name, time or section; InvalidRequestError when
///         the portal refuses the event; what `Client::call` throws.
[[nodiscard]] std::int64_t add_calendar_event(const Client& client, const NewCalendarEvent& event);

/// The events of one owner in a period.
/// \throws what `Client::call` throws; DecodeError for an event that does not fit.
[[nodiscard]] std::vector<CalendarEvent> get_calendar_events(const Client& client,
                                                             const CalendarQuery& query);

}  // namespace odoobridge::bitrix24
