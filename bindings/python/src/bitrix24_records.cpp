// The records of odoobridge.bitrix24: the typed methods' structs (User, Task, Deal ...), the
// OAuth tokens handed to on_tokens, and the whole answer of Client.call_answer.

#include <odoobridge/bitrix24/calendar.hpp>
#include <odoobridge/bitrix24/crm.hpp>
#include <odoobridge/bitrix24/notify.hpp>
#include <odoobridge/bitrix24/tasks.hpp>
#include <odoobridge/bitrix24/users.hpp>
#include <string>

#include "bitrix24_record.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// "'abcd…' (40 characters)" would still leak a prefix: secrets show only whether they are
/// set.
std::string masked(const std::string& secret) { return secret.empty() ? "''" : "'<redacted>'"; }

void bind_tokens(py::module_& module) {
    py::class_<b24::OAuthTokens>(module, "OAuthTokens",
                                 R"(The tokens of an OAuth application after a refresh.

access_token and refresh_token are secrets: store them, never log them (repr() masks them).
The old refresh token stops working once a refresh succeeded.)")
        .def_readonly("access_token", &b24::OAuthTokens::access_token)
        .def_readonly("refresh_token", &b24::OAuthTokens::refresh_token)
        .def_readonly("expires_in", &b24::OAuthTokens::expires_in,
                      "Seconds the access token lives (0 = unknown).")
        .def_readonly("client_endpoint", &b24::OAuthTokens::client_endpoint,
                      "The portal's REST base, \"https://{portal}/rest/\".")
        .def_readonly("server_endpoint", &b24::OAuthTokens::server_endpoint)
        .def_readonly("member_id", &b24::OAuthTokens::member_id, "The portal's id.")
        .def_readonly("scope", &b24::OAuthTokens::scope, "Granted scopes, comma-separated.")
        .def_readonly("domain", &b24::OAuthTokens::domain, "The portal's host name.")
        .def("__repr__",
             [](const b24::OAuthTokens& tokens) {
                 return "OAuthTokens(access_token=" + masked(tokens.access_token) +
                        ", refresh_token=" + masked(tokens.refresh_token) +
                        ", expires_in=" + std::to_string(tokens.expires_in) + ", client_endpoint=" +
                        py::repr(py::str(tokens.client_endpoint)).cast<std::string>() +
                        ", domain=" + py::repr(py::str(tokens.domain)).cast<std::string>() +
                        ", scope=" + py::repr(py::str(tokens.scope)).cast<std::string>() + ")";
             })
        .attr("__module__") = kPublicModule;
}

void bind_answer(py::module_& module) {
    py::class_<b24::Answer>(module, "Answer", "A method's whole answer (Client.call_answer).")
        .def_property_readonly(
            "result", [](const b24::Answer& answer) { return from_json(answer.result); },
            "The `result` member.")
        .def_readonly("total", &b24::Answer::total, "`total` of list methods, or None.")
        .def_readonly("next", &b24::Answer::next, "`next`: the start of the next page, or None.")
        .def_property_readonly(
            "time", [](const b24::Answer& answer) { return from_json(answer.time); },
            "The `time` member as sent (start, finish, operating ...).")
        .def("__repr__",
             [](const b24::Answer& answer) {
                 const auto optional = [](const std::optional<std::int64_t>& value) {
                     return value ? std::to_string(*value) : std::string("None");
                 };
                 return "Answer(total=" + optional(answer.total) +
                        ", next=" + optional(answer.next) + ", result=<" +
                        std::string(answer.result.type_name()) + ">)";
             })
        .attr("__module__") = kPublicModule;
}

}  // namespace

void register_records(py::module_& module) {
    bind_tokens(module);
    bind_answer(module);
    bind_record<b24::User>(module, "User",
                           "A portal user (user.get), UPPER_CASE as the portal sends it. ACTIVE "
                           "is False for dismissed employees.");
    bind_record<b24::NewTask>(module, "NewTask",
                              "The fields of tasks.task.add (UPPER_CASE); TITLE and "
                              "RESPONSIBLE_ID are required, None fields are not sent.");
    bind_record<b24::Task>(module, "Task",
                           "A task as tasks.task.* answer it (camelCase). status: '2' pending, "
                           "'3' in progress, '5' completed ...");
    bind_record<b24::NewCalendarEvent>(
        module, "NewCalendarEvent",
        "The parameters of calendar.event.add (the method's own names); None fields are not "
        "sent, flags go as \"Y\"/\"N\".");
    bind_record<b24::CalendarEvent>(module, "CalendarEvent",
                                    "An event as calendar.event.get answers it (UPPER_CASE).");
    bind_record<b24::Notification>(
        module, "Notification",
        "A notification to one user (im.notify.system.add / im.notify.personal.add).");
    bind_record<b24::Deal>(module, "Deal", "A CRM deal (crm.item, entityTypeId 2), camelCase.")
        .attr("entity_type_id") = b24::Deal::entity_type_id;
    bind_record<b24::Lead>(module, "Lead", "A CRM lead (crm.item, entityTypeId 1), camelCase.")
        .attr("entity_type_id") = b24::Lead::entity_type_id;
}

}  // namespace odoobridge::python::bitrix24
