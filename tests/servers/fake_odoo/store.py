"""The in-memory database and the environment a call runs in."""

import copy
import threading
from contextlib import contextmanager
from datetime import datetime, timezone

from .values import DATETIME_FORMAT


class Table:
    """The rows of one model: ``{id: {field: stored value}}`` and the next id to assign."""

    def __init__(self, schema):
        self.schema = schema
        self.rows = {}
        self.next_id = 1


class Database:
    """All tables of one database. Calls hold ``lock`` and run inside ``transaction()``."""

    def __init__(self, name, schemas):
        self.name = name
        self.schemas = schemas
        self.tables = {model: Table(schema) for model, schema in schemas.items()}
        self.lock = threading.RLock()

    def _snapshot(self):
        return {model: (copy.deepcopy(table.rows), table.next_id)
                for model, table in self.tables.items()}

    def _restore(self, snapshot):
        for model, (rows, next_id) in snapshot.items():
            self.tables[model].rows = rows
            self.tables[model].next_id = next_id

    @contextmanager
    def transaction(self):
        """Undo every change made inside the block when it raises, like a rolled back cursor."""
        with self.lock:
            snapshot = self._snapshot()
            try:
                yield
            except BaseException:
                self._restore(snapshot)
                raise


class Env:
    """Who calls (uid), on which database, with which context and Odoo dialect."""

    def __init__(self, db, uid, context=None, dialect=None):
        self.db = db
        self.uid = uid
        self.context = dict(context or {})
        self.dialect = dialect

    def with_context(self, context):
        merged = dict(self.context)
        merged.update(context or {})
        return Env(self.db, self.uid, merged, self.dialect)

    def schema(self, model):
        return self.db.schemas[model]

    def rows(self, model):
        return self.db.tables[model].rows

    def table(self, model):
        return self.db.tables[model]

    @property
    def active_test(self):
        return self.context.get("active_test", True) is not False

    @staticmethod
    def now():
        return datetime.now(timezone.utc).strftime(DATETIME_FORMAT)
