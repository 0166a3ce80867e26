"""Reading records: display names, x2many contents and read() rows."""

from . import behaviors, ordering
from .schema import X2MANY
from .values import to_read


def display_name(env, model, record_id):
    """The display name of one record ("" when the record does not exist)."""
    row = env.rows(model).get(record_id)
    return "" if row is None else behaviors.display_name(env, env.schema(model), row)


def related_ids(env, schema, row, field, active_test=None):
    """Ids in an x2many field, ordered like the comodel and without archived records."""
    comodel = env.schema(field.relation)
    corows = env.rows(comodel.name)
    inverse = schema.inverses.get(field.name) if field.type == "one2many" else None
    if inverse:
        ids = [rid for rid, corow in corows.items() if corow.get(inverse) == row["id"]]
    else:
        ids = [rid for rid in row.get(field.name) or [] if rid in corows]
    if comodel.has_active and (env.active_test if active_test is None else active_test):
        ids = [rid for rid in ids if corows[rid].get("active")]
    return ordering.sort_ids(env, comodel.name, ids)


def field_value(env, schema, row, fname):
    """The stored value of a field, computing the fields that are not stored."""
    if fname == "display_name":
        return behaviors.display_name(env, schema, row)
    if fname == "__last_update":
        return row.get("write_date") or row.get("create_date")
    field = schema.fields[fname]
    if field.type in X2MANY:
        return related_ids(env, schema, row, field, active_test=False)
    return row.get(fname, False if field.type == "boolean" else None)


def read_value(env, schema, row, fname, load="_classic_read"):
    """One field of one record as read() answers it."""
    field = schema.fields[fname]
    if field.type in X2MANY:
        return related_ids(env, schema, row, field)
    value = field_value(env, schema, row, fname)
    if field.type == "many2one":
        if value is None:
            return False
        return [value, display_name(env, field.relation, value)] if load else value
    return to_read(field, value)


def check_field_names(schema, names):
    """Raise Odoo's ValueError for the first name that is not a field of the model."""
    for name in names:
        if name not in schema.fields:
            raise ValueError(f"Invalid field {name!r} on model {schema.name!r}")


def read_rows(env, model, ids, fields=None, load="_classic_read"):
    """read(): one dict per existing id, in the given order; missing ids are dropped."""
    schema = env.schema(model)
    names = [name for name in (fields or schema.fields) if name != "id"]
    check_field_names(schema, names)
    rows = env.rows(model)
    result = []
    for record_id in ids:
        row = rows.get(record_id)
        if row is None:
            continue
        record = {"id": record_id}
        for name in names:
            record[name] = read_value(env, schema, row, name, load)
        result.append(record)
    return result
