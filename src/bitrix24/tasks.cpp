#include <odoobridge/bitrix24/tasks.hpp>
#include <odoobridge/core/errors.hpp>

namespace odoobridge::bitrix24 {

Task add_task(const Client& client, const NewTask& task) {
    if (task.TITLE.empty())
        throw ConfigurationError("NewTask.TITLE is empty: tasks.task.add needs a title");
    if (task.RESPONSIBLE_ID <= 0)
        throw ConfigurationError(
            "NewTask.RESPONSIBLE_ID is not set: tasks.task.add needs the id "
            "of the responsible user");
    const json result = client.call("tasks.task.add", {{"fields", without_nulls(to_json(task))}});
    if (!result.is_object() || !result.contains("task"))
        throw UnexpectedResponseError("tasks.task.add at " + client.endpoint() +
                                          " answered without result.task; the portal's tasks "
                                          "module may be too old for tasks.task.*",
                                      client.endpoint(), 200);
    return from_json<Task>(result.at("task"), "tasks.task.add");
}

ListSpec task_list_spec(const TaskQuery& query) {
    if (!query.filter.is_object() || !query.select.is_array())
        throw ConfigurationError(
            "TaskQuery.filter must be a JSON object and TaskQuery.select a "
            "JSON list");
    ListSpec spec;
    spec.method = "tasks.task.list";
    spec.params = {{"filter", query.filter}};
    if (!query.select.empty()) spec.params["select"] = query.select;
    spec.items_key = "tasks";
    spec.filter_param = "filter";
    spec.id_filter = ">ID";
    spec.row_id = "id";
    spec.id_order = {{"order", {{"ID", "asc"}}}};
    return spec;
}

PagedRange<Task> list_tasks(const Client& client, const TaskQuery& query, PageMode mode) {
    return list_as<Task>(client, task_list_spec(query), mode);
}

}  // namespace odoobridge::bitrix24
