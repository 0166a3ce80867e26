"""The type stubs (.pyi) of the odoobridge package agree with what it does at run time:
mypy's stubtest over the whole package (with bindings/python/stubtest-allowlist.txt), the
same public names in each stub and module, record annotations equal to the classes'
__annotations__, and every concrete typed-model class offering the methods of the
TypedModel stub. Also: a script using the package type-checks under mypy --strict, and a
wrong type in it is reported."""

import ast
import importlib.util
import os
import pathlib
import subprocess
import sys

import pytest

from binding_support import REPO, odoobridge
from odoobridge import models

PACKAGE = pathlib.Path(odoobridge.__file__).parent
ALLOWLIST = REPO / "bindings" / "python" / "stubtest-allowlist.txt"
PYTHON = "/usr/bin/python3"

needs_mypy = pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                                reason="mypy is not installed (Debian package python3-mypy, "
                                       "installed by scripts/install-deps.sh)")


def _stub(name):
    return ast.parse((PACKAGE / f"{name}.pyi").read_text(encoding="utf-8"))


def _stub_all(tree):
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "__all__":
            return sorted(ast.literal_eval(node.value))
    raise AssertionError("the stub has no __all__")


def _stub_classes(tree):
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _env():
    return dict(os.environ, PYTHONPATH=str(PACKAGE.parent))


@pytest.mark.parametrize("module, stub", [(odoobridge, "__init__"), (odoobridge.odoo, "odoo"),
                                          (models, "models")])
def test_each_stub_lists_the_modules_public_names(module, stub):
    assert _stub_all(_stub(stub)) == sorted(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)


def test_record_annotations_match_the_classes():
    classes = _stub_classes(_stub("models"))
    for name in ("EstateProperty", "EstatePropertyImage", "ResPartner", "CrmLead", "AccountMove",
                 "AccountMoveLine"):
        annotated = {node.target.id: ast.unparse(node.annotation).replace('"', "'")
                     for node in classes[name].body if isinstance(node, ast.AnnAssign)}
        runtime = dict(getattr(models, name).__annotations__)
        assert runtime.pop("id") == "int"  # declared once, on the _Record base of the stubs
        assert annotated == runtime, name


def test_concrete_typed_models_have_the_stubbed_methods():
    classes = _stub_classes(_stub("models"))
    odoo_classes = _stub_classes(_stub("odoo"))
    stubbed = {node.name for cls in (classes["TypedModel"], odoo_classes["_Methods"])
               for node in cls.body if isinstance(node, ast.FunctionDef)}
    for record in (models.EstateProperty, models.ResPartner, models.AccountMoveLine):
        model_class = getattr(odoobridge._native, record.__name__ + "Model")
        public = {name for name in dir(model_class) if not name.startswith("_")}
        assert public == stubbed, record.__name__
        assert issubclass(model_class, models.TypedModel)


@needs_mypy
def test_stubtest_finds_no_difference():
    done = subprocess.run([PYTHON, "-m", "mypy.stubtest", "odoobridge", "--allowlist",
                           str(ALLOWLIST)], env=_env(), capture_output=True, text=True,
                          timeout=600, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_mypy
def test_a_script_type_checks_against_the_stubs(tmp_path):
    script = tmp_path / "sync.py"
    script.write_text('''
import datetime
from odoobridge.odoo import AccessError, Client, F
from odoobridge.models import EstateProperty, Partners

with Client(url="http://erp", db="prod", username="u", api_key="k") as client:
    for prop in client.model(EstateProperty).search_read(F("state") == "deposit", limit=3):
        when: datetime.date | None = prop.deal_date
        owner: int | None = prop.owner_id.id if prop.owner_id else None
    rows: list[dict[str, object]] = client.model("res.partner").search_read(None, ["name"])
    new_id: int = client.model("res.partner").create({"name": "x"})
    partner_id, created = Partners(client).upsert_by_email("a@b.kz", {"name": "A"})
    title: int = prop.name
''', encoding="utf-8")
    done = subprocess.run([PYTHON, "-m", "mypy", "--strict", "--no-incremental", str(script)],
                          env=_env(), capture_output=True, text=True, timeout=600)
    assert done.stdout.count("error:") == 1, done.stdout + done.stderr
    assert 'sync.py:13: error: Incompatible types in assignment (expression has type "str", ' \
           'variable has type "int")' in done.stdout
