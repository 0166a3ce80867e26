"""Model schemas: fields with their fields_get attributes, order, relations."""

import json
import os

from .model_defs import MAGIC_FIELDS, MODEL_DEFS, fld

X2MANY = ("one2many", "many2many")
RELATIONAL = ("many2one", "one2many", "many2many")


class Field:
    """One field of one model; ``attrs`` is what fields_get answers for it."""

    __slots__ = ("model", "name", "attrs")

    def __init__(self, model, name, attrs):
        self.model, self.name, self.attrs = model, name, attrs

    type = property(lambda self: self.attrs["type"])
    string = property(lambda self: self.attrs.get("string", self.name))
    relation = property(lambda self: self.attrs.get("relation"))
    required = property(lambda self: bool(self.attrs.get("required")))

    @property
    def selection_keys(self):
        return [pair[0] for pair in self.attrs.get("selection") or []]

    def describe(self, attributes=None):
        """fields_get attributes, restricted to ``attributes`` when given."""
        if not attributes:
            return dict(self.attrs)
        return {key: value for key, value in self.attrs.items() if key in attributes}

    def __str__(self):
        return f"{self.model}.{self.name}"


class ModelSchema:
    """Fields and metadata of one model."""

    def __init__(self, name, description, fields, order="id", rec_name="name",
                 inverses=None, cascade=()):
        self.name = name
        self.description = description
        self.fields = {fname: Field(name, fname, attrs) for fname, attrs in fields.items()}
        self.order = order
        self.rec_name = rec_name if rec_name in self.fields else None
        self.inverses = dict(inverses or {})
        self.cascade = set(cascade)

    def field(self, name):
        return self.fields.get(name)

    @property
    def has_active(self):
        return "active" in self.fields

    @property
    def parent_field(self):
        parent = self.fields.get("parent_id")
        return "parent_id" if parent is not None and parent.relation == self.name else None


def _capture_fields(wire_dir, relpath):
    with open(os.path.join(wire_dir, "odoo16", relpath), encoding="utf-8") as handle:
        capture = json.load(handle)
    return json.loads(capture["response"]["body"])["result"]


def _with_magic(fields):
    merged = dict(fields)
    for name, attrs in MAGIC_FIELDS.items():
        merged.setdefault(name, attrs)
    return merged


def _stub_description(model):
    return " ".join(part.capitalize() for part in model.replace("_", ".").split("."))


def load_schemas(wire_dir):
    """Build every model's schema from MODEL_DEFS and the fields_get captures."""
    schemas = {}
    for name, spec in MODEL_DEFS.items():
        fields = _capture_fields(wire_dir, spec["capture"]) if "capture" in spec else spec["fields"]
        schemas[name] = ModelSchema(name, spec["description"], _with_magic(fields),
                                    spec.get("order", "id"), spec.get("rec_name", "name"),
                                    spec.get("inverses"), spec.get("cascade", ()))
    targets = {field.relation for schema in list(schemas.values())
               for field in schema.fields.values() if field.relation}
    for target in sorted(targets - set(schemas)):
        schemas[target] = ModelSchema(target, _stub_description(target),
                                      _with_magic({"name": fld("char", "Name")}))
    for schema in schemas.values():
        for fname, inverse in list(schema.inverses.items()):
            comodel = schemas[schema.fields[fname].relation]
            if inverse not in comodel.fields:
                del schema.inverses[fname]
    return schemas
