"""create / write / unlink on the store, with x2many commands and SQL-like integrity checks.

Callers run these inside ``Database.transaction()`` so that a failure undoes the whole call.
"""

from . import behaviors
from .errors import MissingError, ValidationError
from .schema import X2MANY
from .values import is_empty, to_cache

_COMPUTED = {"id", "display_name", "__last_update"}
_NOT_NULL_EXEMPT = ("boolean",) + X2MANY


def _table_name(model):
    return model.replace(".", "_")


def _not_null_error(schema, field):
    return ValidationError(
        "The operation cannot be completed:\n"
        "- Create/update: a mandatory field is not set.\n"
        "- Delete: another model requires the record being deleted. If possible, archive it "
        "instead.\n\n"
        f"Model: {schema.description} ({schema.name})\n"
        f"Field: {field.string} ({field.name})\n")


def _foreign_key_error(description, model, constraint):
    return ValidationError(
        "The operation cannot be completed: another model requires the record being deleted. "
        "If possible, archive it instead.\n\n"
        f"Model: {description} ({model})\n"
        f"Constraint: {constraint}\n")


def _m2o_key_error(schema, field):
    return _foreign_key_error(schema.description, schema.name,
                              f"{_table_name(schema.name)}_{field.name}_fkey")


def _m2m_key_error(schema, field):
    tables = sorted([_table_name(schema.name), _table_name(field.relation)])
    return _foreign_key_error("Unknown", "unknown",
                              f"{'_'.join(tables)}_rel_{_table_name(field.relation)}_id_fkey")


def _split(schema, vals):
    if not isinstance(vals, dict):
        raise TypeError(f"{schema.name}: field values must be a dict of field names to "
                        f"values, got {type(vals).__name__}")
    scalars, x2many = {}, {}
    for name, value in vals.items():
        field = schema.field(name)
        if field is None:
            raise ValueError(f"Invalid field {name!r} on model {schema.name!r}")
        if name in _COMPUTED:
            continue
        (x2many if field.type in X2MANY else scalars)[name] = value
    return scalars, x2many


def _store_scalars(env, schema, row, scalars):
    for name, value in scalars.items():
        field = schema.fields[name]
        stored = to_cache(field, value)
        if field.type == "many2one" and stored is not None \
                and stored not in env.rows(field.relation):
            raise _m2o_key_error(schema, field)
        row[name] = stored


def _check_not_null(schema, row, names):
    for name in names:
        field = schema.fields[name]
        if field.required and field.type not in _NOT_NULL_EXEMPT and is_empty(row.get(name)):
            raise _not_null_error(schema, field)


def create(env, model, vals_list):
    """Insert records; returns their ids."""
    schema = env.schema(model)
    table = env.table(model)
    ids = []
    for vals in vals_list:
        scalars, x2many = _split(schema, vals)
        defaults = behaviors.defaults(env, schema, vals)
        for name, value in defaults.items():
            if name not in vals:
                (x2many if schema.fields[name].type in X2MANY else scalars)[name] = value
        row = {"id": table.next_id, "create_uid": env.uid, "write_uid": env.uid,
               "create_date": env.now(), "write_date": env.now()}
        _store_scalars(env, schema, row, scalars)
        _check_not_null(schema, row, schema.fields)
        table.rows[row["id"]] = row
        table.next_id += 1
        for name, value in x2many.items():
            _apply_x2many(env, schema, row["id"], schema.fields[name], value)
        ids.append(row["id"])
    behaviors.after_change(env, schema, ids)
    behaviors.check_constraints(env, schema, ids)
    return ids


def missing_error(model, record_id, uid):
    return MissingError(f"Record does not exist or has been deleted.\n"
                        f"(Record: {model}({record_id},), User: {uid})")


def write(env, model, ids, vals):
    """Update records; MissingError when one of them does not exist."""
    schema = env.schema(model)
    rows = env.rows(model)
    for record_id in ids:
        if record_id not in rows:
            raise missing_error(model, record_id, env.uid)
    scalars, x2many = _split(schema, vals)
    for record_id in ids:
        row = rows[record_id]
        _store_scalars(env, schema, row, scalars)
        _check_not_null(schema, row, scalars)
        row.update(write_uid=env.uid, write_date=env.now())
        for name, value in x2many.items():
            _apply_x2many(env, schema, record_id, schema.fields[name], value)
    behaviors.after_change(env, schema, ids)
    behaviors.check_constraints(env, schema, ids)


def _drop_references(env, model, ids):
    for other in env.db.schemas.values():
        orows = env.rows(other.name)
        for field in other.fields.values():
            if field.relation != model:
                continue
            if field.type == "many2one":
                refs = [rid for rid, row in orows.items()
                        if row.get(field.name) in ids and not (other.name == model and rid in ids)]
                if not refs:
                    continue
                if field.name in other.cascade:
                    unlink(env, other.name, refs)
                elif field.required:
                    raise _m2o_key_error(other, field)
                for rid in refs:
                    if rid in orows:
                        orows[rid][field.name] = None
            elif field.name not in other.inverses:
                for row in orows.values():
                    if row.get(field.name):
                        row[field.name] = [rid for rid in row[field.name] if rid not in ids]


def unlink(env, model, ids):
    """Delete records (missing ids are ignored), cascading or refusing like the database."""
    schema = env.schema(model)
    rows = env.rows(model)
    ids = [rid for rid in dict.fromkeys(ids) if rid in rows]
    if not ids:
        return
    behaviors.before_unlink(env, schema, ids)
    moves = {rows[rid].get("move_id") for rid in ids} if model == "account.move.line" else ()
    _drop_references(env, model, set(ids))
    for rid in ids:
        rows.pop(rid, None)
    behaviors.after_change(env, schema, [], moves)


# -- x2many commands ---------------------------------------------------------------------

def _commands(field, value):
    if value is False or value is None:
        return [(5,)]
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"Wrong value for {field}: {value!r}")
    if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
        return [(6, 0, list(value))]
    commands = []
    for item in value:
        if isinstance(item, dict):
            item = (0, 0, item)
        if not _valid_command(item):
            raise ValueError(f"Wrong value for {field}: invalid x2many command {item!r}")
        commands.append(tuple(item))
    return commands


def _valid_command(item):
    if not isinstance(item, (list, tuple)) or not item or type(item[0]) is not int:
        return False
    code, size = item[0], len(item)
    if code == 0:
        return size == 3 and isinstance(item[2], dict)
    if code == 1:
        return size == 3 and type(item[1]) is int and isinstance(item[2], dict)
    if code in (2, 3, 4):
        return size >= 2 and type(item[1]) is int
    if code == 5:
        return True
    if code == 6:
        return size == 3 and isinstance(item[2], (list, tuple)) and all(
            type(rid) is int for rid in item[2])
    return False


class _Relation:
    """The x2many field ``field`` of record ``record_id``, for applying commands."""

    def __init__(self, env, schema, record_id, field):
        self.env, self.schema, self.record_id, self.field = env, schema, record_id, field
        self.comodel = env.schema(field.relation)
        self.inverse = schema.inverses.get(field.name) if field.type == "one2many" else None

    def current(self):
        corows = self.env.rows(self.comodel.name)
        if self.inverse:
            return [rid for rid, row in corows.items() if row.get(self.inverse) == self.record_id]
        return list(self.env.rows(self.schema.name)[self.record_id].get(self.field.name) or [])

    def _set_list(self, ids):
        self.env.rows(self.schema.name)[self.record_id][self.field.name] = list(
            dict.fromkeys(ids))

    def link(self, ids):
        if self.inverse:
            write(self.env, self.comodel.name, ids, {self.inverse: self.record_id})
            return
        corows = self.env.rows(self.comodel.name)
        if any(rid not in corows for rid in ids):
            raise _m2m_key_error(self.schema, self.field)
        self._set_list(self.current() + list(ids))

    def detach(self, ids):
        if not self.inverse:
            self._set_list([rid for rid in self.current() if rid not in ids])
            return
        inverse_field = self.comodel.fields[self.inverse]
        if inverse_field.required or self.inverse in self.comodel.cascade:
            unlink(self.env, self.comodel.name, ids)
        else:
            write(self.env, self.comodel.name, ids, {self.inverse: False})

    def create(self, vals):
        if self.inverse:
            create(self.env, self.comodel.name, [dict(vals, **{self.inverse: self.record_id})])
        else:
            self.link(create(self.env, self.comodel.name, [vals]))


def _apply_x2many(env, schema, record_id, field, value):
    relation = _Relation(env, schema, record_id, field)
    for command in _commands(field, value):
        code = command[0]
        if code == 0:
            relation.create(command[2])
        elif code == 1:
            write(env, relation.comodel.name, [command[1]], command[2])
        elif code == 2:
            unlink(env, relation.comodel.name, [command[1]])
        elif code == 3:
            relation.detach([command[1]])
        elif code == 4:
            relation.link([command[1]])
        elif code == 5:
            relation.detach(relation.current())
        else:
            wanted = list(command[2])
            relation.detach([rid for rid in relation.current() if rid not in wanted])
            relation.link([rid for rid in wanted if rid not in relation.current()])
