"""The server's shared state: databases, sessions, counters, injected failures."""

import json
import os
import threading
from collections import Counter

from . import DATABASE, DATABASE_ALIASES
from .auth import Sessions
from .dialect import dialect_for
from .errors import OperationalError
from .schema import load_schemas
from .seed import build_database, session_info_template
from .store import Env


class Stats:
    """Requests per path and ORM calls per ``model.method`` since the last reset."""

    def __init__(self):
        self._lock = threading.Lock()
        self._paths = Counter()
        self._calls = Counter()

    def count_path(self, path):
        with self._lock:
            self._paths[path] += 1

    def count_call(self, model, method):
        with self._lock:
            self._calls[f"{model}.{method}"] += 1

    def snapshot(self):
        with self._lock:
            return {"requests": dict(self._paths), "calls": dict(self._calls),
                    "total": sum(self._paths.values())}

    def reset(self):
        with self._lock:
            self._paths.clear()
            self._calls.clear()


class Failures:
    """Failures a test asked for: the next ``count`` requests get ``status`` after a delay."""

    def __init__(self):
        self._lock = threading.Lock()
        self._plan = None

    def arm(self, count, status, delay_ms):
        with self._lock:
            self._plan = {"count": count, "status": status, "delay_ms": delay_ms} \
                if count > 0 else None

    def take(self):
        """The failure to apply to the current request, or None."""
        with self._lock:
            if self._plan is None:
                return None
            plan = dict(self._plan)
            self._plan["count"] -= 1
            if self._plan["count"] <= 0:
                self._plan = None
            return plan


class App:
    """Everything the protocol handlers share."""

    def __init__(self, wire_dir, version=16):
        if not os.path.isdir(os.path.join(wire_dir, "odoo16")):
            raise FileNotFoundError(f"wire captures not found in {wire_dir}: expected the "
                                    f"odoo16/ and odoo19/ capture folders there")
        self.wire_dir = wire_dir
        self.dialect = dialect_for(version)
        self.schemas = load_schemas(wire_dir)
        self.session_template = session_info_template(wire_dir)
        self.sessions = Sessions()
        self.stats = Stats()
        self.failures = Failures()
        self.db = None
        self.reset()

    def reset(self):
        """Reload the seed data; forget sessions, counters and injected failures."""
        self.db = build_database(DATABASE, self.schemas, self.wire_dir, self.dialect)
        self.sessions.expire_all()
        self.stats.reset()
        self.failures.arm(0, 0, 0)

    @staticmethod
    def has_database(name):
        return name == DATABASE or name in DATABASE_ALIASES

    @staticmethod
    def database_names():
        """What db.list answers."""
        return [DATABASE]

    def database(self, name):
        """The Database called ``name``; OperationalError like PostgreSQL when unknown."""
        if not isinstance(name, str) or not self.has_database(name):
            raise OperationalError.unknown_database(name)
        return self.db

    def env(self, db, uid, context=None):
        return Env(db, uid, context, self.dialect)

    def capture_body(self, relpath):
        """The response body of a capture file (used for pages copied verbatim)."""
        with open(os.path.join(self.wire_dir, relpath), encoding="utf-8") as handle:
            return json.load(handle)["response"]["body"]
