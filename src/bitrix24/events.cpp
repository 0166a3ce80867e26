#include <algorithm>
#include <cctype>
#include <odoobridge/bitrix24/events.hpp>
#include <odoobridge/bitrix24/query.hpp>

#include "envelope.hpp"

namespace odoobridge::bitrix24 {

namespace {

std::string text_at(const json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The integer at `path` in `data`, or InvalidEventError naming the form field.
std::int64_t id_at(const EventEnvelope& envelope, std::initializer_list<const char*> path) {
    const json* node = &envelope.data;
    std::string field = "data";
    for (const char* key : path) {
        field += std::string("[") + key + "]";
        if (!node->is_object() || !node->contains(key)) {
            node = nullptr;
            break;
        }
        node = &node->at(key);
    }
    const auto id = node != nullptr ? detail::integer_of(*node) : std::nullopt;
    if (!id)
        throw InvalidEventError(envelope.event + " event without an integer " + field +
                                "; check that the handler is bound to the event it parses");
    return *id;
}

}  // namespace

bool secrets_equal(std::string_view a, std::string_view b) noexcept {
    const std::size_t length = std::max(a.size(), b.size());
    volatile unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < length; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        difference = difference | static_cast<unsigned char>(x ^ y);
    }
    return difference == 0;
}

EventEnvelope parse_event_envelope(std::string_view form_body) {
    json form;
    try {
        form = decode_php_form(form_body);
    } catch (const ConfigurationError& error) {
        throw InvalidEventError(std::string("unreadable Bitrix24 event body: ") + error.what());
    }
    EventEnvelope envelope;
    envelope.event = text_at(form, "event");
    if (envelope.event.empty())
        throw InvalidEventError(
            "POST without an 'event' field: not a Bitrix24 event delivery "
            "(expected a form-encoded body with event, data[...], auth[...])");
    std::ranges::transform(envelope.event, envelope.event.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (const auto& [name, target] :
         {std::pair{"event_handler_id", &envelope.handler_id}, std::pair{"ts", &envelope.ts}}) {
        if (!form.contains(name)) continue;
        const auto value = detail::integer_of(form.at(name));
        if (!value)
            throw InvalidEventError(std::string("Bitrix24 event field '") + name +
                                    "' is not an integer");
        *target = *value;
    }
    if (const auto it = form.find("data"); it != form.end() && it->is_object()) envelope.data = *it;
    const json auth = form.contains("auth") ? form.at("auth") : json::object();
    envelope.auth = {text_at(auth, "domain"),
                     text_at(auth, "member_id"),
                     text_at(auth, "application_token"),
                     text_at(auth, "access_token"),
                     text_at(auth, "client_endpoint"),
                     text_at(auth, "server_endpoint"),
                     text_at(auth, "scope")};
    return envelope;
}

Event parse_event(std::string_view form_body, std::string_view application_token) {
    if (application_token.empty())
        throw ConfigurationError(
            "the stored application token is empty: save "
            "auth[application_token] from the installation event and pass it");
    EventEnvelope envelope = parse_event_envelope(form_body);
    if (!secrets_equal(envelope.auth.application_token, application_token))
        throw UnverifiedEventError(envelope.event + " event from " +
                                   (envelope.auth.domain.empty() ? std::string("an unknown portal")
                                                                 : envelope.auth.domain) +
                                   (envelope.auth.application_token.empty()
                                        ? " has no auth[application_token]"
                                        : " carries a wrong auth[application_token]") +
                                   "; reject it: it does not come from the application's portal");
    if (envelope.event == "ONUSERADD") {
        const bool nested = envelope.data.contains("FIELDS") && !envelope.data.contains("ID");
        const auto id = nested ? id_at(envelope, {"FIELDS", "ID"}) : id_at(envelope, {"ID"});
        return UserAdded{std::move(envelope), id};
    }
    if (envelope.event == "ONTASKADD") {
        const auto id = id_at(envelope, {"FIELDS_AFTER", "ID"});
        return TaskAdded{std::move(envelope), id};
    }
    if (envelope.event == "ONCALENDARENTRYADD") {
        const auto id = id_at(envelope, {"id"});
        return CalendarEntryAdded{std::move(envelope), id};
    }
    return GenericEvent{std::move(envelope)};
}

const EventEnvelope& envelope_of(const Event& event) noexcept {
    return std::visit([](const auto& typed) -> const EventEnvelope& { return typed.envelope; },
                      event);
}

}  // namespace odoobridge::bitrix24
