"""POST /xmlrpc/2/<service>: XML-RPC calls and faults (always HTTP 200, text/xml)."""

import base64
import xmlrpc.client

from .errors import describe, xmlrpc_fault
from .services import SERVICES, dispatch_rpc
from .web import XML, Response

_STDLIB_PROLOG = "<?xml version='1.0'?>\n"


def _plain(value):
    """XML-RPC dates and binaries as the strings Odoo's ORM expects."""
    if isinstance(value, xmlrpc.client.DateTime):
        text = value.value
        return f"{text[0:4]}-{text[4:6]}-{text[6:8]} {text[9:17]}"
    if isinstance(value, xmlrpc.client.Binary):
        return base64.b64encode(value.data).decode()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _render(app, body):
    """Odoo 19 writes the prolog with double quotes and a blank line before the end tag."""
    if app.dialect.major >= 19:
        body = body.replace(_STDLIB_PROLOG, app.dialect.xml_prolog, 1)
        body = body.replace("\n</methodResponse>", "\n\n</methodResponse>")
    return Response(200, body.encode("utf-8"), XML)


def handle(app, request, service):
    try:
        if service not in SERVICES:
            raise KeyError(service)
        params, method = xmlrpc.client.loads(request.body)
        result = dispatch_rpc(app, service, method, _plain(params))
        body = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False)
    except Exception as exc:  # every failure becomes a fault, like Odoo's handler
        code, text = xmlrpc_fault(describe(exc))
        body = xmlrpc.client.dumps(xmlrpc.client.Fault(code, text), methodresponse=True)
    return _render(app, body)
