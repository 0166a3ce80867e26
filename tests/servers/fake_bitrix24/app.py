"""The portal: configuration, state, limits, authentication and method dispatch."""

import copy
import threading
import time

from . import ACCESS_TOKEN, REFRESH_TOKEN, WEBHOOK_CODE, WEBHOOK_USER, batch, errors
from .errors import ApiError
from .limits import Bucket, OperatingLedger
from .methods import METHODS
from .store import Store
from .timing import time_member

DEFAULTS = {
    "burst": 50,             # leaky bucket size (Enterprise: 250)
    "drain": 2.0,            # units drained per second (Enterprise: 5)
    "time_scale": 1.0,       # > 1 runs the limits' clock faster (tests)
    "operating_limit": 480.0,  # operating seconds per method per window
    "operating_window": 600.0,  # seconds, before scaling
    "operating_costs": {},   # method -> seconds charged per call (else the measured time)
    "scopes": None,          # None = every scope; else the granted list
    "refresh_delay_ms": 0,   # delay of /oauth/token/ answers (widens refresh races)
    "token_ttl": 3600.0,     # access token lifetime in seconds
    "users": 25,             # seeded users
}


def _fresh_stats():
    return {"requests": 0, "by_method": {}, "errors": {}, "refreshes": 0, "batches": 0,
            "batch_commands": 0, "command_errors": {}, "max_bucket_level": 0.0}


class App:
    def __init__(self, **overrides):
        self.launch = dict(DEFAULTS, **{k: v for k, v in overrides.items() if v is not None})
        self.lock = threading.Lock()
        self.reset()

    def reset(self, **changes):
        """Back to the launch configuration (plus ``changes``) and fresh seed data."""
        self.config = copy.deepcopy(self.launch)
        self.config.update(changes)
        self.store = Store(self.config["users"])
        self.stats = _fresh_stats()
        self.failures = []
        self.tokens = {ACCESS_TOKEN: {"expires": time.monotonic() + self.config["token_ttl"],
                                      "user": WEBHOOK_USER}}
        self.refresh_tokens = {REFRESH_TOKEN: WEBHOOK_USER}
        self.token_serial = 0
        self.apply_limits()

    def apply_limits(self):
        scale = float(self.config["time_scale"])
        self.bucket = Bucket(int(self.config["burst"]), float(self.config["drain"]) * scale)
        self.ledger = OperatingLedger(float(self.config["operating_limit"]),
                                      float(self.config["operating_window"]) / scale,
                                      self.config["operating_costs"])

    # --- errors -----------------------------------------------------------------------
    def count_error(self, code):
        self.stats["errors"][code] = self.stats["errors"].get(code, 0) + 1

    # --- authentication ---------------------------------------------------------------
    def caller_for(self, webhook, params):
        """The user id the request runs as. ``webhook`` is (user, code) or None."""
        if webhook is not None:
            user, code = webhook
            if user != WEBHOOK_USER or code != WEBHOOK_CODE:
                raise errors.no_auth()
            return user
        token = params.get("auth") or params.get("access_token")
        entry = self.tokens.get(str(token)) if token else None
        if entry is None:
            raise errors.no_auth()
        if entry["expires"] <= time.monotonic():
            raise errors.expired_token()
        return entry["user"]

    # --- methods ----------------------------------------------------------------------
    def run_method(self, method, params, caller, started):
        """(result, extras, time member) of one method call, limits applied."""
        if method not in METHODS:
            raise errors.method_not_found()
        scope, handler = METHODS[method]
        if self.config["scopes"] is not None and scope not in self.config["scopes"]:
            raise errors.insufficient_scope()
        if self.ledger.blocked(method):
            raise errors.operation_time_limit()
        began = time.perf_counter()
        result, extras = handler(self, params, caller)
        cost = self.ledger.charge(method, time.perf_counter() - began)
        operating, reset_at = self.ledger.report(method)
        return result, extras, time_member(started, cost, operating, reset_at)

    def handle_rest(self, method, params, webhook):
        """(HTTP status, body) for one request to /rest/."""
        started = time.time()
        self.stats["requests"] += 1
        self.stats["by_method"][method] = self.stats["by_method"].get(method, 0) + 1
        try:
            if not self.bucket.admit():
                raise errors.query_limit()
            self.stats["max_bucket_level"] = max(self.stats["max_bucket_level"], self.bucket.level)
            caller = self.caller_for(webhook, params)
            params = {key: value for key, value in params.items() if key != "auth"}
            if method == "batch":
                self.stats["batches"] += 1
                began = time.perf_counter()
                result, extras = batch.run(self, params, caller)
                cost = self.ledger.charge("batch", time.perf_counter() - began)
                operating, reset_at = self.ledger.report("batch")
                timing = time_member(started, cost, operating, reset_at)
            else:
                result, extras, timing = self.run_method(method, params, caller, started)
        except ApiError as error:
            self.count_error(error.code)
            return error.status, error.body()
        return 200, {"result": result, **extras, "time": timing}
