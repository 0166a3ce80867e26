"""Test hooks under /__test__/ (never part of the real API):

* ``POST /__test__/reset`` [{config changes}]: launch configuration and fresh seed data;
* ``GET /__test__/stats``: requests, per-method counts, error codes answered, refreshes,
  batches, batch commands, per-command error codes, highest bucket level;
* ``POST /__test__/configure`` {burst, drain, time_scale, operating_limit, operating_costs,
  scopes, refresh_delay_ms, token_ttl}: change limits without losing data;
* ``POST /__test__/fail_next`` {count, status, error?, description?, delay_ms?}: the next
  ``count`` REST requests answer ``status`` with that error envelope (or, without ``error``,
  an HTML page as a proxy would), before any limit is applied;
* ``POST /__test__/expire_tokens``: every access token expires now;
* ``POST /__test__/seed_users`` {count}: replace the users with ``count`` seed users;
* ``GET /__test__/state``: tasks, events, notifications and CRM items as stored.
"""

import time

_CONFIG_KEYS = {"burst", "drain", "time_scale", "operating_limit", "operating_window",
                "operating_costs", "scopes", "refresh_delay_ms", "token_ttl"}


def _bad(message):
    return 400, {"error": "BAD_HOOK", "error_description": message}


def _configure(app, body):
    unknown = set(body) - _CONFIG_KEYS
    if unknown:
        return _bad(f"unknown settings {sorted(unknown)}; known: {sorted(_CONFIG_KEYS)}")
    app.config.update(body)
    app.apply_limits()
    return 200, {key: app.config[key] for key in sorted(_CONFIG_KEYS)}


def _fail_next(app, body):
    count, status = body.get("count", 1), body.get("status", 500)
    if not isinstance(count, int) or count < 0 or not isinstance(status, int) \
            or not 100 <= status <= 599:
        return _bad("fail_next expects integers count (>= 0) and status (100-599)")
    plan = {"status": status, "error": body.get("error"),
            "description": body.get("description", ""), "delay_ms": body.get("delay_ms", 0)}
    app.failures = [plan] * count
    return 200, {"armed": count}


def _expire(app, body):
    for entry in app.tokens.values():
        entry["expires"] = time.monotonic() - 1
    return 200, {"expired": len(app.tokens)}


def _seed(app, body):
    count = body.get("count")
    if not isinstance(count, int) or count < 0:
        return _bad("seed_users expects an integer count >= 0")
    app.store.seed_users(count)
    return 200, {"users": count}


def _state(app, body):
    store = app.store
    return 200, {"tasks": store.tasks, "events": store.events,
                 "notifications": store.notifications,
                 "crm": {str(entity): items for entity, items in store.crm.items()},
                 "users": len(store.users)}


def _reset(app, body):
    app.reset(**{key: value for key, value in body.items() if key in _CONFIG_KEYS | {"users"}})
    return 200, {"reset": True}


HOOKS = {
    ("POST", "reset"): _reset,
    ("GET", "stats"): lambda app, body: (200, app.stats),
    ("POST", "configure"): _configure,
    ("POST", "fail_next"): _fail_next,
    ("POST", "expire_tokens"): _expire,
    ("POST", "seed_users"): _seed,
    ("GET", "state"): _state,
}
