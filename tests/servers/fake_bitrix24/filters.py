"""Bitrix24 list filters (prefix operators), ordering and 50-row pages."""

from . import PAGE_SIZE
from .errors import invalid

_OPERATORS = (">=", "<=", "!=", "!%", "!@", ">", "<", "!", "%", "@", "=")
_TRUE = {"y", "1", "true"}


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _compare(left, right):
    """-1/0/1 comparing a record value with a filter value; numbers as numbers."""
    if isinstance(left, bool):
        right = right if isinstance(right, bool) else str(right).lower() in _TRUE
        return (left > right) - (left < right)
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        return (a > b) - (a < b)
    a, b = str("" if left is None else left).lower(), str("" if right is None else right).lower()
    return (a > b) - (a < b)


def _test(operator, value, wanted):
    if isinstance(value, list):  # multiple fields (UF_DEPARTMENT): any element matches
        hit = any(_test(operator.lstrip("!") or "=", element, wanted) for element in value)
        return not hit if operator.startswith("!") else hit
    if operator in ("@", "!@"):
        options = wanted if isinstance(wanted, list) else list(wanted.values()) \
            if isinstance(wanted, dict) else [wanted]
        hit = any(_compare(value, option) == 0 for option in options)
        return hit if operator == "@" else not hit
    if operator in ("%", "!%"):
        hit = str(wanted).lower() in str("" if value is None else value).lower()
        return hit if operator == "%" else not hit
    if value is None and operator in (">", "<", ">=", "<="):
        return False
    order = _compare(value, wanted)
    return {"=": order == 0, "!": order != 0, "!=": order != 0, ">": order > 0, "<": order < 0,
            ">=": order >= 0, "<=": order <= 0}[operator]


def split_key(key):
    for operator in _OPERATORS:
        if key.startswith(operator):
            return operator, key[len(operator):]
    return "=", key


def matcher(filter_, field_of=lambda name: name):
    """A predicate for records from a Bitrix24 filter object."""
    if filter_ in (None, "", []):
        filter_ = {}
    if not isinstance(filter_, dict):
        raise invalid("filter must be an object of field conditions", "INVALID_REQUEST")
    conditions = []
    for key, wanted in filter_.items():
        operator, name = split_key(key)
        conditions.append((operator, field_of(name), wanted))

    def matches(record):
        return all(_test(op, record.get(field), wanted) for op, field, wanted in conditions)
    return matches


def _sort_key(value):
    number = _number(value)
    return (0, number, "") if number is not None else (1, 0.0, str(value or "").lower())


def ordered(records, order, field_of=lambda name: name):
    """``records`` sorted by an ``{FIELD: "ASC"|"DESC"}`` object (stable, numbers as numbers)."""
    if not order:
        return list(records)
    if not isinstance(order, dict):
        raise invalid("order must be an object like {\"ID\": \"ASC\"}", "INVALID_REQUEST")
    result = list(records)
    for field, direction in reversed(list(order.items())):
        descending = str(direction).upper() == "DESC"
        result.sort(key=lambda record, f=field_of(field): _sort_key(record.get(f)),
                    reverse=descending)
    return result


def start_of(params):
    raw = params.get("start", 0)
    try:
        return int(raw or 0)
    except (TypeError, ValueError):
        raise invalid(f"start must be an integer, got {raw!r}", "INVALID_REQUEST") from None


def page(records, start):
    """(rows, extras) for a 50-row page at ``start``; ``start == -1`` is the fast mode
    (first 50 rows, no count: no ``total`` and no ``next``)."""
    if start == -1:
        return records[:PAGE_SIZE], {}
    start = max(0, start)
    rows = records[start:start + PAGE_SIZE]
    extras = {"total": len(records)}
    if start + PAGE_SIZE < len(records):
        extras["next"] = start + PAGE_SIZE
    return rows, extras
