"""read_group(): grouping, aggregates and the group dicts Odoo 16 answers."""

import calendar
from datetime import date, timedelta

from . import domain as domains, ordering, records

_NUMERIC = ("integer", "float", "monetary")
_GRANULARITIES = ("day", "week", "month", "quarter", "year")
_AGGREGATORS = {
    "sum": lambda values: sum(v or 0 for v in values),
    "avg": lambda values: sum(v or 0 for v in values) / len(values) if values else False,
    "min": lambda values: min((v for v in values if v is not None), default=False),
    "max": lambda values: max((v for v in values if v is not None), default=False),
    "count": lambda values: sum(1 for v in values if v is not None),
    "count_distinct": lambda values: len({v for v in values if v is not None}),
    "bool_and": lambda values: all(values),
    "bool_or": lambda values: any(values),
    "array_agg": list,
}


def _period(granularity, day):
    """(start, end, label) of the period of ``granularity`` containing ``day``."""
    if granularity == "day":
        return day, day + timedelta(days=1), day.strftime("%d %b %Y")
    if granularity == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7), f"W{day.isocalendar()[1]} {day.isocalendar()[0]}"
    if granularity == "month":
        start = day.replace(day=1)
        end = start + timedelta(days=calendar.monthrange(day.year, day.month)[1])
        return start, end, day.strftime("%B %Y")
    if granularity == "quarter":
        quarter = (day.month - 1) // 3
        start = date(day.year, quarter * 3 + 1, 1)
        end = date(day.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        return start, end, f"Q{quarter + 1} {day.year}"
    return date(day.year, 1, 1), date(day.year + 1, 1, 1), str(day.year)


class _GroupBy:
    def __init__(self, schema, spec):
        self.spec = spec
        fname, _, granularity = spec.partition(":")
        self.field = schema.field(fname)
        if self.field is None:
            raise ValueError(f"Invalid field {fname!r} on model {schema.name!r}")
        is_date = self.field.type in ("date", "datetime")
        self.granularity = (granularity or "month") if is_date else None
        if self.granularity and self.granularity not in _GRANULARITIES:
            raise ValueError(f"Invalid granularity {granularity!r} in groupby {spec!r}: use one "
                             f"of {', '.join(_GRANULARITIES)}")

    def key(self, env, schema, row):
        value = records.field_value(env, schema, row, self.field.name)
        if self.granularity and value:
            return _period(self.granularity, date.fromisoformat(value[:10]))
        return value if value is not None else False

    def render(self, env, key):
        if self.granularity:
            return key[2] if key else False
        if self.field.type == "many2one" and key:
            return [key, records.display_name(env, self.field.relation, key)]
        return key

    def leaves(self, key):
        name = self.field.name
        if self.granularity and key:
            return [(name, ">=", key[0].isoformat()), (name, "<", key[1].isoformat())]
        return [(name, "=", key)]

    def ranks(self, env):
        """Position of each comodel record in the comodel's order (many2one groupbys)."""
        if self.field.type != "many2one":
            return {}
        model = self.field.relation
        return {rid: index for index, rid in
                enumerate(ordering.sort_ids(env, model, list(env.rows(model))))}


def _aggregates(schema, fields, groupby_names):
    result = []
    for spec in fields or []:
        alias, _, rest = spec.partition(":")
        fname, func = alias, rest
        if "(" in rest:
            func, _, fname = rest.rstrip(")").partition("(")
        field = schema.field(fname)
        if field is None:
            raise ValueError(f"Invalid field {fname!r} on model {schema.name!r}")
        if not func:
            if field.type not in _NUMERIC or fname in groupby_names:
                continue
            func = "sum"
        if func not in _AGGREGATORS:
            raise ValueError(f"Invalid aggregation function {func!r} in {spec!r}")
        result.append((alias, fname, func))
    return result


def _sort_groups(env, groups, specs, orderby):
    ranks = [spec.ranks(env) for spec in specs]

    def natural(group):
        parts = []
        for spec, rank, key in zip(specs, ranks, group["key"]):
            if key is False or key is None:
                parts.append((1, 0))
            else:
                parts.append((0, rank.get(key, key) if rank else key))
        return parts

    groups.sort(key=natural)
    for term in reversed([part.split() for part in (orderby or "").split(",") if part.strip()]):
        name, descending = term[0], len(term) > 1 and term[1].lower() == "desc"
        groups.sort(key=lambda g: (g["result"].get(name) is False, g["result"].get(name)),
                    reverse=descending)


def _group_domain(specs, key, domain):
    leaves = [leaf for spec, part in zip(specs, key) for leaf in spec.leaves(part)]
    group_domain = ["&"] * (len(leaves) - 1) + leaves
    return ["&"] + group_domain + domains.normalize(domain) if domain else group_domain


def read_group(env, model, domain, fields, groupby, offset=0, limit=None, orderby=False,
               lazy=True):
    """Group the records matching ``domain``; the answer has Odoo 16's keys."""
    schema = env.schema(model)
    groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
    specs = [_GroupBy(schema, spec) for spec in (groupby[:1] if lazy else groupby)]
    aggregates = _aggregates(schema, fields, {spec.field.name for spec in specs})
    rows = env.rows(model)
    ids = ordering.sort_ids(env, model, domains.search_ids(env, model, domain))
    buckets = {}
    for rid in ids:
        key = tuple(spec.key(env, schema, rows[rid]) for spec in specs)
        buckets.setdefault(key, []).append(rows[rid])
    count_key = f"{groupby[0].partition(':')[0]}_count" if lazy and groupby else "__count"
    groups = []
    for key, members in buckets.items():
        result = {count_key: len(members)}
        for alias, fname, func in aggregates:
            values = [records.field_value(env, schema, row, fname) for row in members]
            result[alias] = _AGGREGATORS[func](values)
        for spec, part in zip(specs, key):
            result[spec.spec] = spec.render(env, part)
            if spec.granularity:
                result.setdefault("__range", {})[spec.spec] = {
                    "from": part[0].isoformat(), "to": part[1].isoformat()} if part else False
        result["__domain"] = _group_domain(specs, key, domain)
        if lazy and len(groupby) > 1:
            result["__context"] = {"group_by": groupby[1:]}
        for spec, part in zip(specs, key):
            comodel = spec.field.relation
            if spec.field.type == "many2one" and "fold" in env.schema(comodel).fields:
                result["__fold"] = bool(part and env.rows(comodel).get(part, {}).get("fold"))
        groups.append({"key": key, "result": result})
    _sort_groups(env, groups, specs, orderby)
    groups = groups[offset or 0:]
    return [group["result"] for group in (groups[:limit] if limit else groups)]

