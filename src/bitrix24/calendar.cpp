#include <odoobridge/bitrix24/calendar.hpp>
#include <odoobridge/core/errors.hpp>

#include "envelope.hpp"

namespace odoobridge::bitrix24 {

std::int64_t add_calendar_event(const Client& client, const NewCalendarEvent& event) {
    if (event.name.empty() || event.from.empty() || event.to.empty())
        throw ConfigurationError(
            "NewCalendarEvent needs name, from and to (calendar.event.add "
            "requires them)");
    if (event.section <= 0)
        throw ConfigurationError(
            "NewCalendarEvent.section is not set: give the id of the "
            "calendar (section) the event goes to");
    const json result = client.call("calendar.event.add", without_nulls(to_json(event)));
    const auto id = detail::integer_of(result);
    if (!id)
        throw UnexpectedResponseError("calendar.event.add at " + client.endpoint() +
                                          " answered with no event id (result '" +
                                          core::body_excerpt(result.dump()) + "')",
                                      client.endpoint(), 200);
    return *id;
}

std::vector<CalendarEvent> get_calendar_events(const Client& client, const CalendarQuery& query) {
    json params = {{"type", core::encode_value<Dialect>(query.type)}, {"ownerId", query.ownerId}};
    if (!query.from.empty()) params["from"] = query.from;
    if (!query.to.empty()) params["to"] = query.to;
    if (!query.sections.empty()) params["section"] = query.sections;
    return list_from_json<CalendarEvent>(client.call("calendar.event.get", std::move(params)),
                                         "calendar.event.get");
}

}  // namespace odoobridge::bitrix24
