"""URL routing, request counting, injected failures and the /__test__/ hooks."""

import time

from . import protocol_json2, protocol_jsonrpc, protocol_session, protocol_xmlrpc, report
from .web import (METHOD_NOT_ALLOWED_PAGE, NOT_FOUND_PAGE, json_response, parse_json_object,
                  text_response)

_TEST_PREFIX = "/__test__/"


def _fail_next(app, request):
    plan = parse_json_object(request.body) or {}
    count, status, delay_ms = plan.get("count", 1), plan.get("status", 0), plan.get("delay_ms", 0)
    valid = all(isinstance(value, int) and not isinstance(value, bool) and value >= 0
                for value in (count, status, delay_ms))
    if not valid or (status and not 100 <= status <= 599):
        return json_response({"error": "fail_next expects a JSON object with integers count "
                                       "(>= 0), status (0 = no failure, else 100-599) and "
                                       "delay_ms (>= 0)"}, 400)
    app.failures.arm(count, status, delay_ms)
    return json_response({"count": count, "status": status, "delay_ms": delay_ms})


def _reset(app, request):
    app.reset()
    return json_response({"reset": True})


_HOOKS = {
    ("GET", "stats"): lambda app, request: json_response(app.stats.snapshot()),
    ("POST", "reset"): _reset,
    ("POST", "expire_sessions"): lambda app, request: json_response(
        {"expired": app.sessions.expire_all()}),
    ("POST", "fail_next"): _fail_next,
}


def _hook(app, request):
    name = request.path[len(_TEST_PREFIX):]
    handler = _HOOKS.get((request.method, name))
    if handler is None:
        known = any(hook == name for _, hook in _HOOKS)
        return text_response(METHOD_NOT_ALLOWED_PAGE if known else NOT_FOUND_PAGE,
                             405 if known else 404)
    return handler(app, request)


def _injected_failure(app):
    plan = app.failures.take()
    if plan is None:
        return None
    time.sleep(plan["delay_ms"] / 1000.0)
    if not plan["status"]:
        return None
    return text_response(f"failure injected by /__test__/fail_next (HTTP {plan['status']})",
                         plan["status"], "text/plain; charset=utf-8")


def _doc_name(path):
    name = path[len("/doc-bearer/"):]
    return name[:-len(".json")] if name.endswith(".json") and "/" not in name else None


def _dispatch(app, request):
    path, method = request.path, request.method
    if path == "/json/2" or path.startswith("/json/2/"):
        return protocol_json2.handle_json2(app, request, path[len("/json/2/"):])
    if path.startswith("/doc-bearer/") and _doc_name(path):
        if method not in ("GET", "POST"):
            return text_response(METHOD_NOT_ALLOWED_PAGE, 405)
        return protocol_json2.handle_doc(app, request, _doc_name(path))
    if path == "/web/version":
        if method != "GET":
            return text_response(METHOD_NOT_ALLOWED_PAGE, 405)
        return json_response(app.dialect.web_version())
    if path.startswith(report.PREFIX):
        if method not in ("GET", "POST"):
            return text_response(METHOD_NOT_ALLOWED_PAGE, 405)
        return report.handle(app, request)
    if path == "/web/login":
        if method != "GET":
            return text_response(METHOD_NOT_ALLOWED_PAGE, 405)
        return text_response(report.LOGIN_PAGE, 200)
    session_route = protocol_session.route_for(path)
    is_rpc = path.startswith("/xmlrpc/2/") or path == "/jsonrpc" or session_route
    if not is_rpc:
        return text_response(NOT_FOUND_PAGE, 404)
    if method != "POST":
        return text_response(METHOD_NOT_ALLOWED_PAGE, 405)
    if path == "/jsonrpc":
        return protocol_jsonrpc.handle(app, request)
    if session_route:
        return protocol_session.handle(app, request, session_route)
    return protocol_xmlrpc.handle(app, request, path[len("/xmlrpc/2/"):])


def route(app, request):
    """The Response to one request."""
    if request.path.startswith(_TEST_PREFIX):
        return _hook(app, request)
    app.stats.count_path(request.path)
    return _injected_failure(app) or _dispatch(app, request)

