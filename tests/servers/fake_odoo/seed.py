"""Fill a Database from the wire captures (plus seed_data's extras)."""

import json
import os

from . import behaviors
from .schema import X2MANY
from .seed_data import EXTRA_RECORDS, SEED_CAPTURES, SEED_DATE
from .store import Database, Env
from .values import to_cache

_SEED_UID = 1
_COMPUTED = ("id", "display_name", "__last_update")


def _load_capture(wire_dir, relpath):
    with open(os.path.join(wire_dir, "odoo16", relpath), encoding="utf-8") as handle:
        return json.load(handle)


def _captured_records(wire_dir, relpath):
    """(model, records) of a search_read/read capture."""
    capture = _load_capture(wire_dir, relpath)
    params = json.loads(capture["request"]["body"])["params"]
    model = params["args"][3] if "service" in params else params["model"]
    return model, json.loads(capture["response"]["body"])["result"]


def _merge(merged, model, record):
    merged.setdefault(model, {}).setdefault(record["id"], {}).update(record)


def _harvest_stubs(schemas, merged):
    """Give every many2one target seen in a record a record of its own (name = label)."""
    for model, recs in list(merged.items()):
        schema = schemas[model]
        for record in list(recs.values()):
            for fname, value in record.items():
                field = schema.field(fname)
                if field is None or field.type != "many2one" or not isinstance(value, list):
                    continue
                target = schemas[field.relation]
                if value[0] not in merged.get(target.name, {}) and target.rec_name:
                    _merge(merged, target.name, {"id": value[0], target.rec_name: value[1]})


def _stored_row(env, schema, record):
    values = behaviors.defaults(env, schema, record)
    values.update(record)
    row = {"id": record["id"], "create_uid": _SEED_UID, "write_uid": _SEED_UID,
           "create_date": SEED_DATE, "write_date": SEED_DATE}
    for fname, value in values.items():
        field = schema.field(fname)
        if field is None:
            raise ValueError(f"seed record {schema.name}({record['id']}) has unknown field "
                             f"{fname!r}")
        if fname in _COMPUTED or fname in schema.inverses:
            continue
        if field.type == "many2one" and isinstance(value, list):
            value = value[0]
        row[fname] = list(value or []) if field.type in X2MANY else to_cache(field, value)
    return row


def build_database(name, schemas, wire_dir, dialect):
    """A Database named ``name`` holding the seed records."""
    merged = {}
    for model, recs in EXTRA_RECORDS.items():
        for record in recs:
            _merge(merged, model, record)
    for relpath in SEED_CAPTURES:
        model, recs = _captured_records(wire_dir, relpath)
        for record in recs:
            _merge(merged, model, record)
    _harvest_stubs(schemas, merged)
    db = Database(name, schemas)
    env = Env(db, _SEED_UID, {}, dialect)
    for model, recs in merged.items():
        table = db.tables[model]
        for record_id, record in sorted(recs.items()):
            table.rows[record_id] = _stored_row(env, schemas[model], record)
        table.next_id = max(table.rows) + 1
    behaviors.after_change(env, schemas["account.move.line"],
                           list(db.tables["account.move.line"].rows))
    return db


def session_info_template(wire_dir):
    """The result of the captured /web/session/authenticate."""
    capture = _load_capture(wire_dir, "session/authenticate.json")
    return json.loads(capture["response"]["body"])["result"]
