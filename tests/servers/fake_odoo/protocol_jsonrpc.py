"""POST /jsonrpc: JSON-RPC 2.0 calls of the common/object/db services."""

from .errors import describe, jsonrpc_error
from .services import dispatch_rpc
from .web import json_response, parse_json_object, text_response

INVALID_JSON = "Invalid JSON data"


def invalid_json_response():
    """What Odoo answers to a body that is not a JSON object: 400, plain text."""
    return text_response(INVALID_JSON, 400)


def read_call(request):
    """The ``(id, params)`` of a JSON-RPC request body, or None when Odoo would answer it
    with ``invalid_json_response()`` (not a JSON object, or ``params`` not an object)."""
    payload = parse_json_object(request.body)
    if payload is None:
        return None
    params = payload.get("params") or {}
    if not isinstance(params, dict):
        return None
    return payload.get("id"), params


def envelope(app, request_id, call):
    """Run ``call`` and wrap its result or error in the JSON-RPC envelope."""
    try:
        result = call()
    except Exception as exc:  # every failure becomes a JSON-RPC error, like Odoo's handler
        return json_response(jsonrpc_error(describe(exc), request_id, app.dialect))
    return json_response({"jsonrpc": "2.0", "id": request_id, "result": result})


def handle(app, request):
    call = read_call(request)
    if call is None:
        return invalid_json_response()
    request_id, params = call
    return envelope(app, request_id, lambda: dispatch_rpc(
        app, params.get("service"), params.get("method"), params.get("args", [])))
