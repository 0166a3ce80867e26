// The typed methods of odoobridge.bitrix24.Client: users, tasks, calendar, notifications and
// CRM items, over the C++ functions of bitrix24/{users,tasks,calendar,notify,crm}.hpp.
// Records go in as record objects or dicts of fields and come back as record objects.

#include <odoobridge/bitrix24/calendar.hpp>
#include <odoobridge/bitrix24/crm.hpp>
#include <odoobridge/bitrix24/notify.hpp>
#include <odoobridge/bitrix24/tasks.hpp>
#include <odoobridge/bitrix24/users.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "bitrix24.hpp"
#include "bitrix24_record.hpp"
#include "convert.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// A row converter decoding rows to `T` (DecodeError names the method and the field).
template <class T>
RowConverter decoder(std::string method) {
    return [method = std::move(method)](const json& row) {
        return py::cast(b24::from_json<T>(row, method));
    };
}

/// A JSON list from None (empty), a list or a tuple. \throws TypeError.
json list_or_empty(py::handle value, const char* what) {
    if (value.is_none()) return json::array();
    if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr()))
        throw py::type_error(std::string(what) + " must be a list of field names, not " +
                             type_name(value));
    return to_json(value, what);
}

py::object list_users(const PyClient& self, py::handle filter, bool admin_mode,
                      const std::string& mode) {
    b24::UserQuery query{params_of(filter, "filter"), admin_mode};
    return make_list(self, b24::user_list_spec(query), page_mode(mode),
                     decoder<b24::User>("user.get"));
}

std::optional<b24::User> find_user_by_email(const PyClient& self, const std::string& email) {
    const b24::Client client = self.connection->client();
    return without_gil([&] { return b24::find_user_by_email(client, email); });
}

b24::Task add_task(const PyClient& self, py::handle task) {
    const b24::NewTask fields = record_of<b24::NewTask>(task, "NewTask");
    const b24::Client client = self.connection->client();
    return without_gil([&] { return b24::add_task(client, fields); });
}

py::object list_tasks(const PyClient& self, py::handle filter, py::handle select,
                      const std::string& mode) {
    b24::TaskQuery query{params_of(filter, "filter"), list_or_empty(select, "select")};
    return make_list(self, b24::task_list_spec(query), page_mode(mode),
                     decoder<b24::Task>("tasks.task.list"));
}

std::int64_t add_calendar_event(const PyClient& self, py::handle event) {
    const b24::NewCalendarEvent fields =
        record_of<b24::NewCalendarEvent>(event, "NewCalendarEvent");
    const b24::Client client = self.connection->client();
    return without_gil([&] { return b24::add_calendar_event(client, fields); });
}

std::vector<b24::CalendarEvent> get_calendar_events(const PyClient& self, std::int64_t owner_id,
                                                    py::handle type, const std::string& date_from,
                                                    const std::string& date_to,
                                                    std::vector<std::int64_t> sections) {
    b24::CalendarQuery query;
    from_python(type, query.type, "get_calendar_events(type=...)");
    query.ownerId = owner_id;
    query.from = date_from;
    query.to = date_to;
    query.sections = std::move(sections);
    const b24::Client client = self.connection->client();
    return without_gil([&] { return b24::get_calendar_events(client, query); });
}

template <std::int64_t (*Send)(const b24::Client&, const b24::Notification&)>
std::int64_t notify(const PyClient& self, py::handle notification) {
    const b24::Notification message = record_of<b24::Notification>(notification, "Notification");
    const b24::Client client = self.connection->client();
    return without_gil([&] { return Send(client, message); });
}

template <class T>
constexpr const char* crm_name() {
    return std::is_same_v<T, b24::Deal> ? "Deal" : "Lead";
}

/// Calls `f(type_tag)` with the CRM record type of `item_class` (Deal or Lead).
template <class F>
py::object with_crm_class(py::handle item_class, F&& f) {
    const py::object deal = py::type::of<b24::Deal>();
    const py::object lead = py::type::of<b24::Lead>();
    if (item_class.is(deal)) return f(b24::Deal{});
    if (item_class.is(lead)) return f(b24::Lead{});
    throw py::type_error("expected the class Deal or Lead of odoobridge.bitrix24, not " +
                         py::repr(item_class).cast<std::string>() +
                         "; use crm_item_add / crm_item_update with an entityTypeId for other "
                         "CRM types");
}

py::object crm_add(const PyClient& self, py::handle item) {
    return with_crm_class(py::type::handle_of(item), [&](auto tag) {
        using T = decltype(tag);
        const T record = item.cast<T>();
        const b24::Client client = self.connection->client();
        return py::cast(without_gil([&] { return b24::crm_add(client, record); }));
    });
}

py::object crm_update(const PyClient& self, py::handle item_class, std::int64_t id,
                      py::handle changes) {
    return with_crm_class(item_class, [&](auto tag) {
        using T = decltype(tag);
        const auto partial = partial_of<T>(changes, crm_name<T>());
        const b24::Client client = self.connection->client();
        return py::cast(without_gil([&] { return b24::crm_update<T>(client, id, partial); }));
    });
}

py::object crm_list(const PyClient& self, py::handle item_class, py::handle filter,
                    py::handle select, const std::string& mode) {
    return with_crm_class(item_class, [&](auto tag) {
        using T = decltype(tag);
        b24::CrmQuery query{params_of(filter, "filter"), list_or_empty(select, "select")};
        return make_list(self, b24::crm_item_list_spec(T::entity_type_id, query), page_mode(mode),
                         decoder<T>("crm.item.list"));
    });
}

py::object crm_item_add(const PyClient& self, int entity_type_id, py::handle fields) {
    const json values = params_of(fields, "fields");
    const b24::Client client = self.connection->client();
    return from_json(
        without_gil([&] { return b24::crm_item_add(client, entity_type_id, values); }));
}

py::object crm_item_update(const PyClient& self, int entity_type_id, std::int64_t id,
                           py::handle fields) {
    const json values = params_of(fields, "fields");
    const b24::Client client = self.connection->client();
    return from_json(
        without_gil([&] { return b24::crm_item_update(client, entity_type_id, id, values); }));
}

}  // namespace

void register_typed_methods(py::class_<PyClient>& client) {
    client
        .def("list_users", &list_users, py::arg("filter") = py::none(), py::kw_only(),
             py::arg("admin_mode") = false, py::arg("mode") = "batched",
             "The users matching user.get's FILTER (e.g. {\"ACTIVE\": True}) as User records, "
             "fetched lazily (a ListIterator). admin_mode=True adds extranet and system users.")
        .def("find_user_by_email", &find_user_by_email, py::arg("email"),
             "The User whose e-mail is `email` (case-insensitive; an active user wins over a "
             "dismissed one), or None.")
        .def("add_task", &add_task, py::arg("task"),
             "Creates a task (a NewTask or a dict of its UPPER_CASE fields) and returns it as "
             "the portal stored it (Task). Not retried after a 5xx answer or a network error.")
        .def("list_tasks", &list_tasks, py::arg("filter") = py::none(),
             py::arg("select") = py::none(), py::kw_only(), py::arg("mode") = "batched",
             "The tasks matching `filter` (UPPER_CASE keys) as Task records, fetched lazily.")
        .def("add_calendar_event", &add_calendar_event, py::arg("event"),
             "Creates a calendar event (a NewCalendarEvent or a dict) and returns its id.")
        .def("get_calendar_events", &get_calendar_events, py::kw_only(), py::arg("owner_id"),
             py::arg("type") = "user", py::arg("date_from") = "", py::arg("date_to") = "",
             py::arg("sections") = std::vector<std::int64_t>{},
             "The events of one owner (type \"user\", \"group\" or \"company_calendar\") "
             "between date_from and date_to (\"\" = unbounded), as CalendarEvent records.")
        .def("notify_system", &notify<&b24::notify_system>, py::arg("notification"),
             "Sends a system notification (a Notification or a dict); returns its id.")
        .def("notify_personal", &notify<&b24::notify_personal>, py::arg("notification"),
             "Sends a personal notification from the webhook's or application's user; returns "
             "its id.")
        .def("crm_add", &crm_add, py::arg("item"),
             "Creates a Deal or Lead (its id and None fields are not sent); returns it as "
             "stored.")
        .def("crm_update", &crm_update, py::arg("item_class"), py::arg("id"), py::arg("changes"),
             "Writes `changes` (a dict of camelCase fields) to item `id` of Deal or Lead; "
             "returns the item as stored.")
        .def("crm_list", &crm_list, py::arg("item_class"), py::arg("filter") = py::none(),
             py::arg("select") = py::none(), py::kw_only(), py::arg("mode") = "batched",
             "The Deal or Lead items matching `filter` (camelCase keys), fetched lazily.")
        .def("crm_item_add", &crm_item_add, py::arg("entity_type_id"), py::arg("fields"),
             "crm.item.add of any CRM type; returns the stored item as a dict.")
        .def("crm_item_update", &crm_item_update, py::arg("entity_type_id"), py::arg("id"),
             py::arg("fields"),
             "crm.item.update of any CRM type; returns the stored item as a dict.");
}

}  // namespace odoobridge::python::bitrix24
