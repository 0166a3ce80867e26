"""Field values: from what a client sends to what is stored, and from stored to read.

Stored values use ``None`` for "not set" (SQL NULL) except booleans, which are always
``True``/``False``; many2one stores the id, x2many a list of ids. Reading renders Odoo's
wire forms: ``False`` for empty values, ``0``/``0.0`` for unset numbers, many2one as
``[id, display_name]``, dates ``YYYY-MM-DD`` and datetimes ``YYYY-MM-DD HH:MM:SS`` (UTC).
"""

from datetime import datetime

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def is_empty(value):
    """True for the values Odoo treats as "not set"."""
    return value is None or value is False or value == "" or value == []


def _wrong_value(field, value):
    return ValueError(f"Wrong value for {field}: {value!r}")


def _to_date(field, value):
    if not isinstance(value, str):
        raise _wrong_value(field, value)
    return datetime.strptime(value[:10], DATE_FORMAT).strftime(DATE_FORMAT)


def _to_datetime(field, value):
    if not isinstance(value, str):
        raise _wrong_value(field, value)
    text = value[:19]
    if len(text) == 10:
        text += " 00:00:00"
    return datetime.strptime(text, DATETIME_FORMAT).strftime(DATETIME_FORMAT)


def _to_float(field, value):
    number = float(value)
    digits = field.attrs.get("digits")
    if field.type == "monetary":
        return round(number, 2)
    if isinstance(digits, list) and len(digits) == 2:
        return round(number, digits[1])
    return number


def to_cache(field, value):
    """Convert a client value of a non-x2many field to its stored form.

    Raises ValueError like Odoo for values of the wrong kind.
    """
    ftype = field.type
    if ftype == "boolean":
        return bool(value)
    if value is None or value is False:
        return None
    if ftype == "integer":
        return int(value)
    if ftype in ("float", "monetary"):
        return _to_float(field, value)
    if ftype in ("char", "text", "html"):
        return value if isinstance(value, str) else str(value)
    if ftype == "selection":
        if value not in field.selection_keys:
            raise _wrong_value(field, value)
        return value
    if ftype == "date":
        return _to_date(field, value)
    if ftype == "datetime":
        return _to_datetime(field, value)
    if ftype == "binary":
        return value.decode() if isinstance(value, bytes) else str(value)
    if ftype == "many2one":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_value(field, value)
        return value
    return value


def to_read(field, value):
    """Render a stored non-relational value the way read() answers it."""
    ftype = field.type
    if ftype == "boolean":
        return bool(value)
    if ftype == "integer":
        return value or 0
    if ftype in ("float", "monetary"):
        return float(value or 0.0)
    return False if value is None else value
