"""Odoo 19's JSON-2 API (/json/2/<model>/<method>) and /doc-bearer, bearer-authenticated.

Checks run in Odoo's order: database header (404 HTML page), route (404 JSON for GET or a
path without a method), Content-Type (415 HTML page), API key (401), body (400), then the
call itself (404 unknown model/method, 403 private method or AccessError, 422 arguments or
UserError, 500 anything else).
"""

import json

from . import dispatch, docs
from .auth import uid_for_api_key
from .errors import HttpError, describe, json2_error
from .web import json_response, text_response

WRONG_DB_PAGE = "odoo19/30c_json2_wrong_db_header.json"
WRONG_TYPE_PAGE = "odoo19/30d_json2_wrong_content_type.json"
_JSON_TYPES = ("application/json", "application/json-rpc")
_NO_KEY = "User not authenticated, use an API Key with a Bearer Authorization header."


def _error_response(exc):
    status, body = json2_error(describe(exc))
    headers = {"WWW-Authenticate": "Bearer "} if status == 401 else {}
    return json_response(body, status, headers)


def _database(app, request):
    """The database the request targets, or None when the header names an unknown one."""
    name = request.header("X-Odoo-Database")
    if name is None:
        return app.database(app.database_names()[0])
    return app.database(name) if app.has_database(name) else None


def _authenticate(db, request):
    """The uid of the bearer API key; 401 when it is missing or unknown."""
    scheme, _, key = (request.header("Authorization") or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise HttpError(401, _NO_KEY)
    uid = uid_for_api_key(db, key.strip())
    if uid is None:
        raise HttpError(401, "Invalid apikey")
    return uid


def _json_body(request):
    try:
        value = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, f"could not parse the body as json: {exc.args[0]}") from exc
    if not isinstance(value, dict):
        raise HttpError(400, "could not parse the body as json: the body must be a JSON "
                             "object of named arguments")
    return value


def handle_json2(app, request, subpath):
    db = _database(app, request)
    if db is None:
        return text_response(app.capture_body(WRONG_DB_PAGE), 404)
    model, _, method = subpath.partition("/")
    try:
        if request.method != "POST" or not model or not method or "/" in method:
            raise HttpError(404, "Did you mean POST /json/2/<model>/<method>?")
        content_type = (request.header("Content-Type") or "").split(";")[0].strip().lower()
        if content_type not in _JSON_TYPES:
            return text_response(app.capture_body(WRONG_TYPE_PAGE), 415)
        env = app.env(db, _authenticate(db, request))
        result = dispatch.call_json2(env, model, method, _json_body(request), app.stats)
    except Exception as exc:  # every failure becomes a JSON-2 error answer
        return _error_response(exc)
    return json_response(result)


def handle_doc(app, request, name):
    """GET or POST /doc-bearer/<name>.json."""
    db = _database(app, request)
    if db is None:
        return text_response(app.capture_body(WRONG_DB_PAGE), 404)
    try:
        env = app.env(db, _authenticate(db, request))
        if name == "index":
            return json_response(docs.index_doc(env))
        if name not in db.schemas:
            raise HttpError(404, f"the model '{name}' does not exist")
        return json_response(docs.model_doc(env, name))
    except Exception as exc:  # every failure becomes a JSON-2 error answer
        return _error_response(exc)
