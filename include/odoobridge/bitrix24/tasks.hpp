#pragma once
/// \file
/// Typed `tasks.task.add` / `tasks.task.list`: new tasks go in UPPER_CASE (`NewTask`),
/// tasks come back camelCase (`Task`), as the portal speaks.

#include <boost/describe/class.hpp>
#include <cstdint>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/dialect.hpp>
#include <odoobridge/bitrix24/pager.hpp>
#include <optional>
#include <string>

namespace odoobridge::bitrix24 {

/// The `fields` of `tasks.task.add`. Empty optionals are not sent.
struct NewTask {
    std::string TITLE;                ///< required
    std::int64_t RESPONSIBLE_ID = 0;  ///< required: the user the task is for
    std::optional<std::string> DESCRIPTION;
    std::optional<std::string> DEADLINE;  ///< ISO 8601, e.g. "2025-03-01T18:00:00+05:00"
    std::optional<std::int64_t> CREATED_BY;
    std::optional<std::int64_t> GROUP_ID;
    std::optional<int> PRIORITY;  ///< 0 low, 1 normal, 2 high
};
BOOST_DESCRIBE_STRUCT(NewTask, (),
                      (TITLE, RESPONSIBLE_ID, DESCRIPTION, DEADLINE, CREATED_BY, GROUP_ID,
                       PRIORITY))

/// A task as `tasks.task.*` answers (camelCase; ids arrive as strings).
struct Task {
    std::int64_t id = 0;
    std::string title;
    std::string description;
    std::int64_t responsibleId = 0;
    std::int64_t createdBy = 0;
    std::optional<std::string> deadline;
    std::string status;  ///< "2" pending, "3" in progress, "5" completed ...
    std::optional<std::int64_t> groupId;
    std::optional<std::string> createdDate;
};
BOOST_DESCRIBE_STRUCT(Task, (),
                      (id, title, description, responsibleId, createdBy, deadline, status, groupId,
                       createdDate))

/// Which tasks to list (the method's own spelling: UPPER_CASE filter keys).
struct TaskQuery {
    json filter = json::object();  ///< e.g. {{"RESPONSIBLE_ID", 5}, {"!STATUS", 5}}
    json select = json::array();   ///< UPPER_CASE fields; empty = the portal's default set
};

/// Creates a task and returns it as the portal stored it. Not retried after a 5xx answer
/// or a network error (it might have been created); limit refusals are retried.
/// \throws InvalidRequestError for missing or invalid fields; what `Client::call` throws;
///         DecodeError for an answer that does not fit `Task`.
[[nodiscard]] Task add_task(const Client& client, const NewTask& task);

/// The `ListSpec` of `tasks.task.list` for `query` (rows under `result.tasks`).
/// \throws ConfigurationError when `query.filter` is not an object or `select` not a list.
[[nodiscard]] ListSpec task_list_spec(const TaskQuery& query = {});

/// The tasks matching `query`, fetched lazily.
[[nodiscard]] PagedRange<Task> list_tasks(const Client& client, const TaskQuery& query = {},
                                          PageMode mode = PageMode::batched);

}  // namespace odoobridge::bitrix24
