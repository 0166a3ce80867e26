"""The web client's JSON routes: /web/session/*, /web/dataset/call_kw, version, db list.

``/web/session/authenticate`` sets the ``session_id`` cookie; ``call_kw`` and
``get_session_info`` need it and answer Odoo's SessionExpired error (code 100, id null)
without a valid one.
"""

import copy
from datetime import datetime, timedelta, timezone

from . import ADMIN_UID, auth, dispatch, records
from .errors import AccessDenied, SessionExpired
from .protocol_jsonrpc import envelope, invalid_json_response, read_call

SESSION_MAX_AGE = 7 * 24 * 3600


def _session_cookie(sid):
    expires = datetime.now(timezone.utc) + timedelta(seconds=SESSION_MAX_AGE)
    stamp = expires.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return f"session_id={sid}; Expires={stamp}; Max-Age={SESSION_MAX_AGE}; HttpOnly; Path=/"


def _base_url(db):
    params = db.tables["ir.config_parameter"].rows.values()
    return next((row.get("value") for row in params if row.get("key") == "web.base.url"), "")


def session_info(app, db_name, uid):
    """The session dict of the capture, filled in for this user and server."""
    db = app.database(db_name)
    user = db.tables["res.users"].rows[uid]
    env = app.env(db, uid)
    info = copy.deepcopy(app.session_template)
    info.update({
        "uid": uid, "is_system": uid == ADMIN_UID, "is_admin": uid == ADMIN_UID,
        "db": db_name, "server_version": app.dialect.serie,
        "server_version_info": app.dialect.version_info, "name": user.get("name"),
        "username": user.get("login"), "partner_id": user.get("partner_id"),
        "partner_display_name": records.display_name(env, "res.partner",
                                                     user.get("partner_id")),
        "company_id": user.get("company_id"), "user_id": [uid], "web.base.url": _base_url(db),
    })
    info["user_context"]["uid"] = uid
    return info


def _current_session(app, request):
    session = app.sessions.get(request.cookies.get("session_id", ""))
    if session is None or not app.has_database(session[0]):
        raise SessionExpired()
    return session


def _authenticate(app, request, params, reply_headers):
    db_name = params.get("db")
    db = app.database(db_name)
    uid = auth.login(db, params.get("login"), params.get("password"))
    if uid is None:
        raise AccessDenied()
    reply_headers["Set-Cookie"] = _session_cookie(app.sessions.create(db_name, uid))
    return session_info(app, db_name, uid)


def _call_kw(app, request, params, reply_headers):
    db_name, uid = _current_session(app, request)
    env = app.env(app.database(db_name), uid)
    return dispatch.call_kw(env, params.get("model"), params.get("method"),
                            params.get("args", []), params.get("kwargs", {}), app.stats)


def _destroy(app, request, params, reply_headers):
    app.sessions.destroy(request.cookies.get("session_id", ""))
    return None


def _get_session_info(app, request, params, reply_headers):
    db_name, uid = _current_session(app, request)
    return session_info(app, db_name, uid)


ROUTES = {
    "/web/session/authenticate": _authenticate,
    "/web/session/get_session_info": _get_session_info,
    "/web/session/destroy": _destroy,
    "/web/dataset/call_kw": _call_kw,
    "/web/webclient/version_info": lambda app, *_: app.dialect.common_version(),
    "/web/database/list": lambda app, *_: app.database_names(),
}


def route_for(path):
    """The route key serving ``path`` (call_kw accepts /web/dataset/call_kw/<model>/<m>)."""
    if path.startswith("/web/dataset/call_kw/"):
        return "/web/dataset/call_kw"
    return path if path in ROUTES else None


def handle(app, request, route):
    call = read_call(request)
    if call is None:
        return invalid_json_response()
    request_id, params = call
    reply_headers = {}
    response = envelope(app, request_id,
                        lambda: ROUTES[route](app, request, params, reply_headers))
    response.headers.update(reply_headers)
    return response
