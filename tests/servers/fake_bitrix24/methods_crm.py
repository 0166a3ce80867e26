"""crm.item.add, crm.item.list, crm.item.update for leads (entityTypeId 1) and deals (2):
camelCase in and out, integer ids."""

from . import filters
from .errors import ApiError, invalid
from .store import iso_now

_DEFAULTS = {
    1: {"title": "", "name": None, "lastName": None, "statusId": "NEW", "sourceId": None,
        "opportunity": 0.0, "currencyId": "KZT", "assignedById": 1, "comments": None},
    2: {"title": "", "stageId": "NEW", "categoryId": 0, "opportunity": 0.0, "currencyId": "KZT",
        "assignedById": 1, "contactId": None, "companyId": None, "comments": None},
}


def _entity(app, params):
    try:
        entity = int(params.get("entityTypeId"))
    except (TypeError, ValueError):
        raise invalid("entityTypeId is required (1 lead, 2 deal, ...)", "INVALID_REQUEST") from None
    if entity not in app.store.crm:
        raise ApiError(400, "NOT_FOUND", "Smart process not found")
    return entity


def _fields(params):
    fields = params.get("fields")
    if not isinstance(fields, dict):
        raise invalid("Parameter 'fields' is required and must be an object", "INVALID_REQUEST")
    return fields


def _normalised(entity, fields):
    values = {}
    for key, value in fields.items():
        if key in ("opportunity",) and value not in (None, ""):
            value = float(value)
        elif key in ("assignedById", "contactId", "companyId", "categoryId") and value not in (None, ""):
            value = int(value)
        values[key] = value
    return values


def item_add(app, params, caller):
    entity, fields = _entity(app, params), _fields(params)
    store = app.store
    store.next_crm_id[entity] += 1
    now = iso_now()
    item = {"id": store.next_crm_id[entity], "entityTypeId": entity, **_DEFAULTS[entity],
            "createdBy": int(caller), "createdTime": now, "updatedTime": now}
    item.update(_normalised(entity, fields))
    item["id"] = store.next_crm_id[entity]
    store.crm[entity].append(item)
    return {"item": dict(item)}, {}


def item_update(app, params, caller):
    entity, fields = _entity(app, params), _fields(params)
    try:
        item_id = int(params.get("id"))
    except (TypeError, ValueError):
        raise invalid("id is required", "INVALID_REQUEST") from None
    item = next((item for item in app.store.crm[entity] if item["id"] == item_id), None)
    if item is None:
        raise ApiError(400, "NOT_FOUND", "Element not found")
    item.update(_normalised(entity, {key: value for key, value in fields.items() if key != "id"}))
    item["updatedTime"] = iso_now()
    return {"item": dict(item)}, {}


def item_list(app, params, caller):
    entity = _entity(app, params)
    rows = [item for item in app.store.crm[entity] if filters.matcher(params.get("filter"))(item)]
    rows = filters.ordered(rows, params.get("order") or {"id": "ASC"})
    rows, extras = filters.page(rows, filters.start_of(params))
    select = params.get("select")
    if isinstance(select, dict):
        select = list(select.values())
    if select and "*" not in select:
        wanted = {"id"} | {str(name) for name in select}
        rows = [{key: value for key, value in row.items() if key in wanted} for row in rows]
    return {"items": [dict(row) for row in rows]}, extras
