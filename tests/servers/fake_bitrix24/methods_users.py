"""user.get, user.add, user.update."""

import bisect
import itertools

from . import PAGE_SIZE, filters
from .errors import invalid

_CONTROL = {"sort", "order", "FILTER", "filter", "ADMIN_MODE", "start", "auth"}
_EDITABLE = ("NAME", "LAST_NAME", "SECOND_NAME", "EMAIL", "PERSONAL_MOBILE", "WORK_PHONE",
             "WORK_POSITION", "UF_DEPARTMENT", "ACTIVE", "XML_ID")


def _flag(value):
    return value if isinstance(value, bool) else str(value).lower() in ("y", "1", "true")


def _after_id(users, filter_):
    """The users past a ``>ID`` / ``>=ID`` bound, found by bisection (users are kept in ID
    order), so that fast-mode pages cost the same at the end of a large list as at its start."""
    for key, strict in ((">ID", True), (">=ID", False)):
        bound = filter_.get(key) if isinstance(filter_, dict) else None
        if bound not in (None, "") and str(bound).lstrip("-").isdigit():
            find = bisect.bisect_right if strict else bisect.bisect_left
            return users[find(users, int(bound), key=lambda user: int(user["ID"])):]
    return users


def user_get(app, params, caller):
    filter_ = params.get("FILTER", params.get("filter"))
    if filter_ is None:  # legacy form: the filter's fields at the top level
        filter_ = {key: value for key, value in params.items() if key not in _CONTROL}
    sort = params.get("sort") or "ID"
    if not isinstance(sort, str):
        raise invalid("sort must be a field name such as \"ID\"", "INVALID_REQUEST")
    by_id = sort.upper() == "ID" and str(params.get("order") or "ASC").upper() == "ASC"
    matches = filters.matcher(filter_)
    start = filters.start_of(params)
    candidates = _after_id(app.store.users, filter_) if by_id else app.store.users
    if by_id and start == -1:  # fast mode: no count, stop at one page
        return list(itertools.islice(filter(matches, candidates), PAGE_SIZE)), {}
    rows = [user for user in candidates if matches(user)] if filter_ else list(candidates)
    if not by_id:
        rows = filters.ordered(rows, {sort: params.get("order") or "ASC"})
    return filters.page(rows, start)


def _check_email(app, email, exclude_id=None):
    if not email or "@" not in str(email):
        raise invalid("Invalid e-mail address", "ERROR_CORE")
    for user in app.store.users:
        if user["EMAIL"].lower() == str(email).lower() and user["ID"] != exclude_id:
            raise invalid(f"User with e-mail {email} already exists", "ERROR_CORE")


def user_add(app, params, caller):
    _check_email(app, params.get("EMAIL"))
    store = app.store
    user = {"ID": str(store.next_user_id), "XML_ID": "", "ACTIVE": True, "NAME": "",
            "LAST_NAME": "", "SECOND_NAME": "", "EMAIL": "", "PERSONAL_MOBILE": "",
            "WORK_PHONE": "", "WORK_POSITION": "", "UF_DEPARTMENT": [1],
            "DATE_REGISTER": "2024-01-01T09:00:00+05:00", "IS_ONLINE": "N",
            "TIME_ZONE": "Asia/Almaty"}
    store.next_user_id += 1
    for key in _EDITABLE:
        if key in params:
            user[key] = _flag(params[key]) if key == "ACTIVE" else params[key]
    store.users.append(user)
    return int(user["ID"]), {}


def user_update(app, params, caller):
    user = app.store.user(params.get("ID") or params.get("id"))
    if user is None:
        raise invalid("User not found", "ERROR_CORE")
    if "EMAIL" in params:
        _check_email(app, params["EMAIL"], user["ID"])
    for key in _EDITABLE:
        if key in params:
            user[key] = _flag(params[key]) if key == "ACTIVE" else params[key]
    return True, {}
