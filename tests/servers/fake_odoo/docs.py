"""/doc-bearer/<model>.json and /doc-bearer/index.json (Odoo 19's api_doc module).

Methods are described from their Python signatures, in the capture's shape: ``signature``
(parameters without ``self``, ``**kwargs`` shown by name, ``-> return annotation``),
``parameters`` (``default``, ``annotation``, ``kind: VAR_KEYWORD``), ``return``, ``api``
(``["model"]`` marks methods called without ids, ``"readonly"`` read-only ones; absent for
methods on records), ``model`` and ``module`` (``"core"`` for BaseModel methods). Only the
methods this server implements are listed. Fields carry their fields_get attributes plus
``name``.
"""

import inspect

from . import orm

_EMPTY = inspect.Parameter.empty
_MODULES = ["base", "web", "rpc", "api_doc", "contacts", "crm", "account", "estate"]


def _parameter(param, annotation):
    entry = {}
    if param.kind is inspect.Parameter.VAR_KEYWORD:
        entry["kind"] = "VAR_KEYWORD"
    elif param.default is not _EMPTY:
        entry["default"] = param.default
    if annotation:
        entry["annotation"] = annotation
    return entry


def _signature_text(params, return_annotation):
    parts = []
    for param in params:
        if param.kind is inspect.Parameter.VAR_KEYWORD or param.default is _EMPTY:
            parts.append(param.name)
        else:
            parts.append(f"{param.name}={param.default!r}")
    text = f"({', '.join(parts)})"
    return f"{text} -> {return_annotation}" if return_annotation else text


def method_doc(func):
    """The doc-bearer entry of one RPC method."""
    params = list(inspect.signature(func).parameters.values())[1:]
    types = func.rpc_types
    doc = {"signature": _signature_text(params, types.get("return")),
           "parameters": {param.name: _parameter(param, types.get(param.name))
                          for param in params}}
    if "return" in types:
        doc["return"] = {"annotation": types["return"]}
    api = ["model" if api == "model_create" else api for api in func.rpc_api]
    if api:
        doc["api"] = api
    doc["model"], doc["module"] = func.rpc_origin
    return doc


def model_doc(env, model):
    """The body of /doc-bearer/<model>.json."""
    schema = env.schema(model)
    methods = {}
    for name in sorted(dir(orm.model_class(model))):
        func = None if name.startswith("_") else orm.public_method(env, model, name)
        if func is not None:
            methods[name] = method_doc(func)
    fields = {name: dict(field.attrs, name=name) for name, field in schema.fields.items()}
    return {"model": model, "name": schema.description, "doc": None, "fields": fields,
            "methods": methods}


def index_doc(env):
    """The body of /doc-bearer/index.json."""
    models = [{"model": name, "name": schema.description,
               "fields": {fname: {"string": field.string}
                          for fname, field in schema.fields.items()}}
              for name, schema in sorted(env.db.schemas.items())]
    return {"modules": list(_MODULES), "models": models}
