"""Odoo search domains: normalization and evaluation on stored rows.

Supports prefix notation with ``&``, ``|``, ``!`` (implicit ``&`` between terms), the
operators ``= != <> < <= > >= =? in, not in, like, not like, ilike, not ilike, =like, =ilike,
child_of, parent_of, any, not any``, dotted paths through relational fields, ``False`` as
"not set", names compared against many2one/x2many targets, and ``(1, '=', 1)`` /
``(0, '=', 1)`` as the true and false terms. Semantics follow the SQL Odoo generates:
negative operators also match records where the field is not set.
"""

import re

from . import records
from .schema import RELATIONAL
from .values import is_empty

OPERATORS = ("=", "!=", "<>", "<", "<=", ">", ">=", "=?", "=like", "=ilike", "like",
             "not like", "ilike", "not ilike", "in", "not in", "child_of", "parent_of", "any",
             "not any")
_POSITIVE = {"!=": "=", "not in": "in", "not like": "like", "not ilike": "ilike",
             "not any": "any"}


def _is_term(token):
    return isinstance(token, (list, tuple)) and len(token) == 3


def normalize(domain):
    """The domain in prefix form with explicit '&' operators; ValueError when malformed."""
    if not isinstance(domain, (list, tuple)):
        raise ValueError(f"Invalid domain {domain!r}: a domain is a list of conditions")
    result, expected = [], 1
    for token in domain:
        if expected == 0:
            result.insert(0, "&")
            expected = 1
        if _is_term(token):
            expected -= 1
        elif token in ("&", "|"):
            expected += 1
        elif token != "!":
            raise ValueError(f"Invalid domain term {token!r}")
        result.append(token)
    if domain and expected != 0:
        raise ValueError(f"Domain {list(domain)!r} is syntactically not correct: "
                         f"an operator is missing its operands")
    return result


def mentions(domain, fname):
    """True when a term of the domain is about ``fname`` (used for active_test)."""
    return any(_is_term(token) and token[0] == fname for token in domain)


def _like_regex(pattern, ignore_case):
    """PostgreSQL's LIKE: ``%`` any text, ``_`` one character, backslash escapes the next."""
    parts, chars = [], iter(pattern)
    for char in chars:
        if char == "\\":
            parts.append(re.escape(next(chars, "\\")))
        else:
            parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    return re.compile("".join(parts), re.S | (re.I if ignore_case else 0))


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


class Compiler:
    """Turns a domain on one model into a predicate on that model's stored rows."""

    def __init__(self, env, model):
        self.env = env
        self.schema = env.schema(model)

    def compile(self, domain):
        tokens = normalize(domain)
        if not tokens:
            return lambda row: True
        predicate, _ = self._node(tokens, 0)
        return predicate

    def _node(self, tokens, pos):
        token = tokens[pos]
        if token == "!":
            inner, pos = self._node(tokens, pos + 1)
            return (lambda row: not inner(row)), pos
        if token in ("&", "|"):
            left, pos = self._node(tokens, pos + 1)
            right, pos = self._node(tokens, pos)
            if token == "&":
                return (lambda row: left(row) and right(row)), pos
            return (lambda row: left(row) or right(row)), pos
        return self.term(tuple(token)), pos + 1

    def _error(self, fname, term):
        word = self.env.dialect.domain_leaf_word
        return ValueError(f"Invalid field {self.schema.name}.{fname} in {word} {term!r}")

    def term(self, term):
        """Predicate of one (field, operator, value) term."""
        if type(term[0]) is int and term[0] in (0, 1) and term[1:] == ("=", 1):
            constant = term[0] == 1
            return lambda row: constant
        left, operator, right = term
        if not isinstance(left, str) or not isinstance(operator, str) \
                or operator.lower() not in OPERATORS:
            raise ValueError(f"Invalid leaf {term!r}")
        operator = "!=" if operator == "<>" else operator.lower()
        fname, _, rest = left.partition(".")
        field = self.schema.field(fname)
        if field is None:
            raise self._error(fname, term)
        if rest:
            if field.type not in RELATIONAL:
                raise self._error(left, term)
            return self._path(field, Compiler(self.env, field.relation).term(
                (rest, operator, right)))
        if operator == "=?":
            if right is False or right is None:
                return lambda row: True
            operator = "="
        if field.type in RELATIONAL or fname == "id":
            return self._relational(field, operator, right)
        return self._scalar(fname, field.type, operator, right)

    # -- relational fields ---------------------------------------------------------------

    def _targets(self, field, row):
        value = records.field_value(self.env, self.schema, row, field.name)
        if field.name == "id" or field.type == "many2one":
            return [] if value is None else [value]
        return value

    def _path(self, field, sub_predicate):
        corows = self.env.rows(field.relation)
        return lambda row: any(sub_predicate(corows[rid])
                               for rid in self._targets(field, row) if rid in corows)

    def _comodel(self, field):
        return self.schema.name if field.name == "id" else field.relation

    def _ids_matching_names(self, model, operator, names):
        sub = Compiler(self.env, model)
        predicates = [sub.term(("display_name", operator, name)) for name in names]
        return {rid for rid, row in self.env.rows(model).items()
                if any(predicate(row) for predicate in predicates)}

    def _hierarchy(self, model, operator, right):
        values = _as_list(right)
        ids = {value for value in values if isinstance(value, int)}
        names = [value for value in values if isinstance(value, str)]
        if names:
            ids |= self._ids_matching_names(model, "ilike", names)
        parent = self.env.schema(model).parent_field
        if parent is None:
            return ids
        rows = self.env.rows(model)
        result, frontier = set(), set(ids)
        while frontier:
            result |= frontier
            if operator == "child_of":
                frontier = {rid for rid, row in rows.items() if row.get(parent) in frontier}
            else:
                frontier = {rows[rid].get(parent) for rid in frontier if rid in rows}
            frontier = {rid for rid in frontier if rid is not None} - result
        return result

    def _relational(self, field, operator, right):
        comodel = self._comodel(field)
        if operator in ("any", "not any"):
            sub_predicate = Compiler(self.env, comodel).compile(right)
            corows = self.env.rows(comodel)
            ids = {rid for rid, row in corows.items() if sub_predicate(row)}
        elif operator in ("child_of", "parent_of"):
            ids = self._hierarchy(comodel, operator, right)
        elif operator in ("=", "!=") and (right is False or right is None):
            empty = operator == "="
            return lambda row: (not self._targets(field, row)) == empty
        elif any(isinstance(value, str) for value in _as_list(right)):
            positive = _POSITIVE.get(operator, operator)
            ids = self._ids_matching_names(comodel, "=" if positive == "in" else positive,
                                           [v for v in _as_list(right) if isinstance(v, str)])
        elif operator in ("=", "!=", "in", "not in"):
            ids = {value for value in _as_list(right) if value not in (False, None)}
            with_empty = any(value is False or value is None for value in _as_list(right))
            match = lambda row: bool(ids.intersection(self._targets(field, row))) or (
                with_empty and not self._targets(field, row))
            return match if operator in ("=", "in") else (lambda row: not match(row))
        else:
            return self._scalar_on_ids(field, operator, right)
        match = lambda row: bool(ids.intersection(self._targets(field, row)))
        return (lambda row: not match(row)) if operator in _POSITIVE else match

    def _scalar_on_ids(self, field, operator, right):
        predicate = self._compare(operator, right, "integer")
        return lambda row: any(predicate(rid) for rid in self._targets(field, row))

    # -- scalar fields -------------------------------------------------------------------

    def _scalar(self, fname, ftype, operator, right):
        predicate = self._compare(operator, right, ftype)
        return lambda row: predicate(records.field_value(self.env, self.schema, row, fname))

    @staticmethod
    def _compare(operator, right, ftype):
        """Predicate on one stored value, with SQL's NULL semantics."""
        if operator in ("=", "!=") and (right is False or right is None):
            empty = (lambda v: not v) if ftype == "boolean" else is_empty
            return empty if operator == "=" else (lambda v: not empty(v))
        if ftype == "boolean" and operator in ("=", "!="):
            right = bool(right)
        if ftype == "datetime" and isinstance(right, str) and len(right) == 10:
            right += " 00:00:00"
        if operator in ("=", "!="):
            equal = lambda v: v is not None and v == right
            return equal if operator == "=" else (lambda v: not equal(v))
        if operator in ("<", "<=", ">", ">="):
            if right is False or right is None:
                return lambda v: False
            compare = {"<": lambda v: v < right, "<=": lambda v: v <= right,
                       ">": lambda v: v > right, ">=": lambda v: v >= right}[operator]
            return lambda v: v is not None and compare(v)
        if operator in ("in", "not in"):
            values = _as_list(right)
            with_empty = any(value is False or value is None for value in values)
            if ftype == "boolean":
                values = [bool(value) for value in values]
            values = [value for value in values if value is not None
                      and (value is not False or ftype == "boolean")]
            match = lambda v: (v is not None and v in values) or (with_empty and is_empty(v))
            return match if operator == "in" else (lambda v: not match(v))
        pattern = str(right) if operator.startswith("=") else f"%{right}%"
        regex = _like_regex(pattern, "ilike" in operator)
        match = lambda v: not is_empty(v) and regex.fullmatch(str(v)) is not None
        return match if operator in ("like", "ilike", "=like", "=ilike") \
            else (lambda v: not match(v))


def search_ids(env, model, domain):
    """Ids of the records matching ``domain`` (plus active=True unless active_test is off)."""
    schema = env.schema(model)
    predicate = Compiler(env, model).compile(domain)
    check_active = schema.has_active and env.active_test and not mentions(domain, "active")
    return [rid for rid, row in env.rows(model).items()
            if (not check_active or row.get("active")) and predicate(row)]
