// Outbound events of odoobridge.bitrix24: parse_event (verified, typed), parse_event_envelope
// (unverified) and secrets_equal, over bitrix24/events.hpp.

#include <cstdint>
#include <odoobridge/bitrix24/events.hpp>
#include <string>
#include <utility>
#include <variant>

#include "bitrix24.hpp"
#include "convert.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// The Python `Event` and its subclasses; the C++ events hold no common base, these do.
struct PyEvent {
    b24::EventEnvelope envelope;
};
struct PyUserAdded : PyEvent {
    std::int64_t user_id = 0;
};
struct PyTaskAdded : PyEvent {
    std::int64_t task_id = 0;
};
struct PyCalendarEntryAdded : PyEvent {
    std::int64_t entry_id = 0;
};
struct PyGenericEvent : PyEvent {};

std::string quoted(const std::string& text) { return py::repr(py::str(text)).cast<std::string>(); }

std::string masked(const std::string& secret) { return secret.empty() ? "''" : "'<redacted>'"; }

/// "event='ONTASKADD', handler_id=3, ts=1700000000, domain='p.bitrix24.kz'": no secret.
std::string envelope_text(const b24::EventEnvelope& envelope) {
    return "event=" + quoted(envelope.event) +
           ", handler_id=" + std::to_string(envelope.handler_id) +
           ", ts=" + std::to_string(envelope.ts) + ", domain=" + quoted(envelope.auth.domain);
}

py::object event_object(b24::Event event) {
    return std::visit(
        [](auto&& typed) -> py::object {
            using T = std::decay_t<decltype(typed)>;
            if constexpr (std::is_same_v<T, b24::UserAdded>)
                return py::cast(PyUserAdded{{std::move(typed.envelope)}, typed.user_id});
            else if constexpr (std::is_same_v<T, b24::TaskAdded>)
                return py::cast(PyTaskAdded{{std::move(typed.envelope)}, typed.task_id});
            else if constexpr (std::is_same_v<T, b24::CalendarEntryAdded>)
                return py::cast(PyCalendarEntryAdded{{std::move(typed.envelope)}, typed.entry_id});
            else
                return py::cast(PyGenericEvent{{std::move(typed.envelope)}});
        },
        std::move(event));
}

/// The text of a str, bytes or bytearray secret. \throws TypeError naming `what`.
std::string secret_text(py::handle value, const char* what) {
    if (PyByteArray_Check(value.ptr()))
        return {PyByteArray_AS_STRING(value.ptr()),
                static_cast<std::size_t>(PyByteArray_GET_SIZE(value.ptr()))};
    if (!PyUnicode_Check(value.ptr()) && !PyBytes_Check(value.ptr()))
        throw py::type_error(std::string(what) + " must be str or bytes, not " + type_name(value));
    return std::string(text_view(value, what));
}

/// The form body of an event. \throws TypeError.
std::string body_text(py::handle body) {
    if (PyByteArray_Check(body.ptr()) || PyMemoryView_Check(body.ptr())) {
        const py::object copy = py::reinterpret_steal<py::object>(PyBytes_FromObject(body.ptr()));
        if (!copy) throw py::error_already_set();
        return std::string(text_view(copy, "body"));
    }
    if (!PyUnicode_Check(body.ptr()) && !PyBytes_Check(body.ptr()))
        throw py::type_error("body must be the POST body as bytes or str, not " + type_name(body));
    return std::string(text_view(body, "body"));
}

void bind_auth(py::module_& module) {
    py::class_<b24::EventAuth>(module, "EventAuth",
                               R"(The auth[...] part of an event. application_token and
access_token are secrets (repr() masks them); access_token lets an application call back.)")
        .def_readonly("domain", &b24::EventAuth::domain)
        .def_readonly("member_id", &b24::EventAuth::member_id)
        .def_readonly("application_token", &b24::EventAuth::application_token)
        .def_readonly("access_token", &b24::EventAuth::access_token)
        .def_readonly("client_endpoint", &b24::EventAuth::client_endpoint)
        .def_readonly("server_endpoint", &b24::EventAuth::server_endpoint)
        .def_readonly("scope", &b24::EventAuth::scope)
        .def("__repr__",
             [](const b24::EventAuth& auth) {
                 return "EventAuth(domain=" + quoted(auth.domain) +
                        ", member_id=" + quoted(auth.member_id) +
                        ", application_token=" + masked(auth.application_token) +
                        ", access_token=" + masked(auth.access_token) + ")";
             })
        .attr("__module__") = kPublicModule;
}

template <class T>
void bind_event(py::module_& module, const char* name, const char* id_name,
                std::int64_t T::*id_member, const char* doc) {
    py::class_<T, PyEvent> cls(module, name, doc);
    cls.def_readonly(id_name, id_member);
    cls.def("__repr__", [name, id_name, id_member](const T& event) {
        return std::string(name) + "(" + envelope_text(event.envelope) + ", " + id_name + "=" +
               std::to_string(event.*id_member) + ")";
    });
    cls.attr("__module__") = kPublicModule;
}

}  // namespace

void register_events(py::module_& module) {
    bind_auth(module);
    py::class_<PyEvent>(module, "Event", R"(What every Bitrix24 event carries.

event is the upper-case name ("ONTASKADD"), handler_id the event_handler_id, ts the Unix time
of the event, auth the EventAuth, data the data[...] fields as nested dicts of str.)")
        .def_property_readonly("event", [](const PyEvent& e) { return e.envelope.event; })
        .def_property_readonly("handler_id", [](const PyEvent& e) { return e.envelope.handler_id; })
        .def_property_readonly("ts", [](const PyEvent& e) { return e.envelope.ts; })
        .def_property_readonly("auth", [](const PyEvent& e) { return e.envelope.auth; })
        .def_property_readonly("data", [](const PyEvent& e) { return from_json(e.envelope.data); })
        .def("__repr__",
             [](const PyEvent& e) { return "Event(" + envelope_text(e.envelope) + ")"; })
        .attr("__module__") = kPublicModule;
    bind_event<PyUserAdded>(module, "UserAdded", "user_id", &PyUserAdded::user_id,
                            "ONUSERADD: a user was added (data[ID]).");
    bind_event<PyTaskAdded>(module, "TaskAdded", "task_id", &PyTaskAdded::task_id,
                            "ONTASKADD: a task was created (data[FIELDS_AFTER][ID]).");
    bind_event<PyCalendarEntryAdded>(
        module, "CalendarEntryAdded", "entry_id", &PyCalendarEntryAdded::entry_id,
        "ONCALENDARENTRYADD: a calendar event was created (data[id]).");
    py::class_<PyGenericEvent, PyEvent>(module, "GenericEvent", "Any other event: read `data`.")
        .def("__repr__",
             [](const PyGenericEvent& e) {
                 return "GenericEvent(" + envelope_text(e.envelope) + ")";
             })
        .attr("__module__") = kPublicModule;

    module.def(
        "parse_event",
        [](py::handle body, py::handle application_token) {
            const std::string form = body_text(body);
            const std::string token = secret_text(application_token, "application_token");
            return event_object(b24::parse_event(form, token));
        },
        py::arg("body"), py::arg("application_token"));
    module.def(
        "parse_event_envelope",
        [](py::handle body) {
            return py::cast(PyEvent{b24::parse_event_envelope(body_text(body))});
        },
        py::arg("body"));
    module.def(
        "secrets_equal",
        [](py::handle a, py::handle b) {
            return b24::secrets_equal(secret_text(a, "a"), secret_text(b, "b"));
        },
        py::arg("a"), py::arg("b"));
}

}  // namespace odoobridge::python::bitrix24
