"""calendar.event.add and calendar.event.get."""

from .errors import invalid

_TYPES = ("user", "group", "company_calendar")
_REQUIRED = ("type", "ownerId", "from", "to", "section", "name")


def _flag(value):
    return value if isinstance(value, bool) else str(value).upper() in ("Y", "1", "TRUE")


def _day(text):
    """The date part of "2024-05-01T10:00:00+05:00" / "2024-05-01 10:00" for range checks."""
    return str(text or "")[:10]


def event_add(app, params, caller):
    for name in _REQUIRED:
        if params.get(name) in (None, ""):
            raise invalid(f"The required parameter '{name}' is missing", "ERROR_CORE")
    if params["type"] not in _TYPES:
        raise invalid(f"Unknown calendar type '{params['type']}' (user, group, company_calendar)")
    if _day(params["to"]) < _day(params["from"]):
        raise invalid("The event ends before it starts ('to' < 'from')")
    store = app.store
    store.next_event_id += 1
    attendees = params.get("attendees") or []
    if isinstance(attendees, dict):
        attendees = list(attendees.values())
    store.events.append({
        "ID": str(store.next_event_id), "NAME": str(params["name"]),
        "DATE_FROM": str(params["from"]), "DATE_TO": str(params["to"]),
        "OWNER_ID": str(params["ownerId"]), "CAL_TYPE": params["type"],
        "SECTION_ID": str(params["section"]), "DESCRIPTION": str(params.get("description") or ""),
        "LOCATION": str(params.get("location") or ""),
        "IS_MEETING": _flag(params.get("is_meeting", False)),
        "ATTENDEE_LIST": [{"id": int(user), "entryId": store.next_event_id, "status": "Q"}
                          for user in attendees],
        "CREATED_BY": str(caller), "TZ_FROM": params.get("timezone_from") or "Asia/Almaty",
        "TZ_TO": params.get("timezone_to") or "Asia/Almaty",
        "SKIP_TIME": "Y" if _flag(params.get("skip_time", False)) else "N",
        "ACCESSIBILITY": params.get("accessibility") or "busy",
        "IMPORTANCE": params.get("importance") or "normal", "COLOR": params.get("color") or "",
    })
    return store.next_event_id, {}


def event_get(app, params, caller):
    for name in ("type", "ownerId"):
        if params.get(name) in (None, ""):
            raise invalid(f"The required parameter '{name}' is missing", "ERROR_CORE")
    sections = params.get("section") or []
    if isinstance(sections, dict):
        sections = list(sections.values())
    if not isinstance(sections, list):
        sections = [sections]
    sections = {str(section) for section in sections}
    low, high = _day(params.get("from")), _day(params.get("to"))
    events = [event for event in app.store.events
              if event["CAL_TYPE"] == params["type"] and event["OWNER_ID"] == str(params["ownerId"])
              and (not sections or event["SECTION_ID"] in sections)
              and (not low or _day(event["DATE_TO"]) >= low)
              and (not high or _day(event["DATE_FROM"]) <= high)]
    return [dict(event) for event in events], {}
