"""tasks.task.add and tasks.task.list: UPPER_CASE in, camelCase out."""

from . import filters
from .errors import invalid
from .store import iso_now

_UPPER_TO_CAMEL = {"ID": "id", "TITLE": "title", "DESCRIPTION": "description",
                   "RESPONSIBLE_ID": "responsibleId", "CREATED_BY": "createdBy",
                   "DEADLINE": "deadline", "STATUS": "status", "GROUP_ID": "groupId",
                   "CREATED_DATE": "createdDate", "PRIORITY": "priority"}


def _camel(name):
    return _UPPER_TO_CAMEL.get(name.upper(), name)


def task_add(app, params, caller):
    fields = params.get("fields")
    if not isinstance(fields, dict):
        raise invalid("Parameter 'fields' is required and must be an object", "ERROR_CORE")
    title = str(fields.get("TITLE") or "").strip()
    if not title:
        raise invalid("Task title is not specified (fields[TITLE])")
    responsible = fields.get("RESPONSIBLE_ID")
    if responsible in (None, ""):
        raise invalid("Responsible person is not specified (fields[RESPONSIBLE_ID])")
    if app.store.user(responsible) is None:
        raise invalid(f"Responsible person {responsible} not found")
    store = app.store
    store.next_task_id += 1
    task = {"id": str(store.next_task_id), "title": title,
            "description": str(fields.get("DESCRIPTION") or ""),
            "responsibleId": str(responsible),
            "createdBy": str(fields.get("CREATED_BY") or caller),
            "deadline": fields.get("DEADLINE") or None, "status": "2",
            "groupId": str(fields.get("GROUP_ID") or "0"),
            "priority": str(fields.get("PRIORITY") or "1"), "createdDate": iso_now()}
    store.tasks.append(task)
    return {"task": dict(task)}, {}


def task_list(app, params, caller):
    rows = [task for task in app.store.tasks if filters.matcher(params.get("filter"), _camel)(task)]
    rows = filters.ordered(rows, params.get("order") or {"ID": "ASC"}, _camel)
    select = params.get("select")
    if isinstance(select, dict):
        select = list(select.values())
    rows, extras = filters.page(rows, filters.start_of(params))
    if select and "*" not in select:
        wanted = {"id"} | {_camel(str(name)) for name in select}
        rows = [{key: value for key, value in row.items() if key in wanted} for row in rows]
    return {"tasks": [dict(row) for row in rows]}, extras
