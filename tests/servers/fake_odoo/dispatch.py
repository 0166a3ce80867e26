"""Calling a model method the way each protocol does.

``call_kw`` is Odoo's ``execute_kw`` / ``/web/dataset/call_kw`` path: positional ``args``
whose first item is the ids unless the method is a model method, keyword ``kwargs`` with an
optional ``context``. ``call_json2`` is Odoo 19's JSON-2 path: named arguments only, ``ids``
and ``context`` among them, arguments checked against the signature (422) before the call.
Both run the call in a transaction of the database and count it in ``stats``.
"""

import inspect

from . import orm
from .dialect import ODOO19
from .errors import AccessError, HttpError, UserError

_ODOO16_KWARG_ALIASES = {"search": {"args": "domain"}, "name_search": {"args": "domain"}}


def _ids(value):
    if value is None or value is False:
        return []
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, (list, tuple)) and all(
            isinstance(item, int) and not isinstance(item, bool) for item in value):
        return list(value)
    raise TypeError(f"record ids must be an integer or a list of integers, got {value!r}")


def _run(env, model, method, stats, call):
    with env.db.transaction():
        if stats is not None:
            stats.count_call(model, method)
        return call()


def call_kw(env, model, method, args, kwargs, stats=None):
    """execute_kw(model, method, args, kwargs) as Odoo 16's RPC services do it."""
    if method.startswith("_"):
        raise AccessError(env.dialect.private_method_message(model, method))
    if model not in env.db.schemas:
        raise UserError(f"Object {model} doesn't exist")
    func = orm.public_method(env, model, method)
    if func is None:
        raise AttributeError(env.dialect.unknown_method_message(model, method))
    if not isinstance(args, (list, tuple)):
        raise TypeError(f"execute_kw arguments must be a list, got {type(args).__name__}")
    kwargs = dict(kwargs or {})
    env = env.with_context(kwargs.pop("context", None) or {})
    if env.dialect.major < 17:
        for old, new in _ODOO16_KWARG_ALIASES.get(method, {}).items():
            if old in kwargs and new not in kwargs:
                kwargs[new] = kwargs.pop(old)
    cls = orm.model_class(model)
    args = list(args)

    def call():
        if orm.is_model_method(func):
            result = func(cls(env, model), *args, **kwargs)
            single = args[0] if args else kwargs.get("vals_list")
            if "model_create" in func.rpc_api and isinstance(single, dict):
                return result[0]
            return result
        if not args:
            raise IndexError("list index out of range")
        return func(cls(env, model, _ids(args[0])), *args[1:], **kwargs)

    return _run(env, model, method, stats, call)


def call_json2(env, model, method, kwargs, stats=None):
    """POST /json/2/<model>/<method> with the named arguments ``kwargs``."""
    if model not in env.db.schemas:
        raise HttpError(404, f"the model '{model}' does not exist")
    kwargs = dict(kwargs)
    env = env.with_context(kwargs.pop("context", None) or {})
    if method.startswith("_"):
        raise AccessError(ODOO19.private_method_message(model, method))
    func = orm.public_method(env, model, method)
    if func is None:
        raise HttpError(404, ODOO19.unknown_method_message(model, method))
    ids = kwargs.pop("ids", None) or []
    if ids and orm.is_model_method(func):
        raise HttpError(422, f"cannot call {model}.{method} with ids")
    records = orm.model_class(model)(env, model, _ids(ids))
    try:
        inspect.signature(func).bind(records, **kwargs)
    except TypeError as exc:
        raise HttpError(422, exc.args[0]) from exc
    return _run(env, model, method, stats, lambda: func(records, **kwargs))
