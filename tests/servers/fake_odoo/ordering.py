"""The ``order`` argument of search: parsing and sorting like PostgreSQL.

Text sorts case-insensitively (like the en_US collation), many2one by the target's display
name, NULLs last in ascending and first in descending order unless ``nulls first|last`` says
otherwise. Ties fall back to the id.
"""

import functools
import re

from . import records

_ORDER_RE = re.compile(
    r'^(\s*([a-z0-9:_]+|"[a-z0-9:_]+")(\.id)?(\s+(desc|asc))?(\s+nulls\s+(first|last))?'
    r'\s*(,|$))+(?<!,)$', re.I)


def parse_order(schema, order):
    """[(field name, descending, nulls first)] of an order spec; ValueError when invalid."""
    if not _ORDER_RE.match(order):
        raise ValueError(
            f'Invalid "order" specified ({order}). A valid "order" specification is a '
            f'comma-separated list of valid field names (optionally followed by asc/desc for '
            f'the direction)')
    terms = []
    for part in order.split(","):
        words = part.split()
        fname = words[0].strip('"')
        if fname.endswith(".id"):
            fname = fname[:-3]
        if fname not in schema.fields:
            raise ValueError(f"Invalid field {fname!r} on model {schema.name!r}")
        descending = len(words) > 1 and words[1].lower() == "desc"
        nulls_first = descending
        if len(words) > 2 and words[-2].lower() == "nulls":
            nulls_first = words[-1].lower() == "first"
        terms.append((fname, descending, nulls_first))
    return terms


def _sort_key(env, schema, row, fname):
    field = schema.fields[fname]
    if field.type in ("one2many", "many2many"):
        return None
    value = records.field_value(env, schema, row, fname)
    if field.type == "many2one" and value is not None:
        value = records.display_name(env, field.relation, value)
    if field.type == "boolean":
        return bool(value)
    if isinstance(value, str):
        return (value.casefold(), value)
    return value


def _compare(left, right, descending, nulls_first):
    if left is None or right is None:
        if left is right:
            return 0
        return (-1 if nulls_first else 1) * (1 if left is None else -1)
    result = (left > right) - (left < right)
    return -result if descending else result


def sort_ids(env, model, ids, order=None):
    """Sort ids of ``model`` by ``order`` (the model's default order when empty)."""
    schema = env.schema(model)
    terms = parse_order(schema, order or schema.order)
    if not any(fname == "id" for fname, _, _ in terms):
        terms.append(("id", False, False))
    rows = env.rows(model)
    keys = {rid: [_sort_key(env, schema, rows[rid], fname) for fname, _, _ in terms]
            for rid in ids}

    def compare(left, right):
        for index, (_, descending, nulls_first) in enumerate(terms):
            result = _compare(keys[left][index], keys[right][index], descending, nulls_first)
            if result:
                return result
        return 0

    return sorted(ids, key=functools.cmp_to_key(compare))
