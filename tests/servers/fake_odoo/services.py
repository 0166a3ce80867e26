"""The RPC services behind /xmlrpc/2/<service> and /jsonrpc: common, object, db.

The ``exp_*`` functions take the positional parameters of the call, so a wrong number of
parameters gives the same Python TypeError Odoo reports.
"""

from . import auth, dispatch
from .errors import AccessDenied

SERVICES = ("common", "object", "db")
_MASTER_PASSWORD_METHODS = ("create", "get_progress", "drop", "dump", "restore", "rename",
                            "change_admin_password", "migrate_databases", "create_database",
                            "duplicate_database")


def _common(app, method, params):
    def exp_version():
        return app.dialect.common_version()

    def exp_login(db, login, password):
        return exp_authenticate(db, login, password, None)

    def exp_authenticate(db, login, password, user_agent_env):
        return auth.login(app.database(db), login, password) or False

    functions = {"version": exp_version, "login": exp_login, "authenticate": exp_authenticate}
    if method not in functions:
        raise Exception(f"Method not found: {method}")
    return functions[method](*params)


def _object(app, method, params):
    db_name, uid, password = params[0], int(params[1]), params[2]
    if method not in ("execute", "execute_kw"):
        raise NameError(f"Method not available {method}")
    db = app.database(db_name)
    auth.check(db, uid, password)
    env = app.env(db, uid)

    def execute_kw(obj, method_name, args, kw=None):
        return dispatch.call_kw(env, obj, method_name, args, kw or {}, app.stats)

    def execute(obj, method_name, *args):
        return dispatch.call_kw(env, obj, method_name, list(args), {}, app.stats)

    return (execute_kw if method == "execute_kw" else execute)(*params[3:])


def _db(app, method, params):
    if method in _MASTER_PASSWORD_METHODS:
        raise AccessDenied()
    functions = {"list": lambda document=False: app.database_names(),
                 "server_version": lambda: app.dialect.serie,
                 "db_exist": app.has_database,
                 "list_lang": lambda: [["en_US", "English (US)"]]}
    if method not in functions:
        raise KeyError(f"Method not found: {method}")
    return functions[method](*params)


def dispatch_rpc(app, service, method, params):
    """Call ``method`` of ``service`` with positional ``params``; KeyError for a bad service."""
    handlers = {"common": _common, "object": _object, "db": _db}
    if service not in handlers:
        raise KeyError(service)
    if not isinstance(params, (list, tuple)):
        raise TypeError(f"RPC parameters must be a list, got {type(params).__name__}")
    return handlers[service](app, method, list(params))
