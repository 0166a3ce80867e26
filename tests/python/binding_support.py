"""Shared pieces of the test_binding_* suites: the odoobridge package built by CMake, and
clients on the fake Odoo servers of conftest.py.

The package is imported from ``$ODOOBRIDGE_BUILD_DIR/bindings/python`` (scripts/test.sh sets
ODOOBRIDGE_BUILD_DIR), else from ``build/bindings/python``, and never from an installed copy:
the tests check what was just built. When ODOOBRIDGE_BUILD_DIR is set but the package is not
there, the suites fail; without it they skip, like test_cli.py does for the CLI.
"""

import os
import pathlib
import sys

import pytest

import fake_odoo  # importable through conftest.py: credentials of the fake server

REPO = pathlib.Path(__file__).resolve().parents[2]
PROTOCOLS = ["xmlrpc", "jsonrpc", "session", "json2"]


def _bindings_enabled(build_dir):
    cache = build_dir / "CMakeCache.txt"
    return not cache.is_file() or "ODOOBRIDGE_BUILD_PYTHON:BOOL=ON" in cache.read_text()


def import_odoobridge():
    """The odoobridge package of the build tree (skips or fails the module when absent)."""
    configured = os.environ.get("ODOOBRIDGE_BUILD_DIR")
    build_dir = pathlib.Path(configured) if configured else REPO / "build"
    package_root = build_dir / "bindings" / "python"
    if not (package_root / "odoobridge" / "__init__.py").is_file():
        message = (f"{package_root}/odoobridge is not built: build the target odoobridge_python "
                   "(scripts/build.sh builds it)")
        if configured and _bindings_enabled(build_dir):
            pytest.fail(message, pytrace=False)
        pytest.skip(message if _bindings_enabled(build_dir) else
                    f"{build_dir} was configured with ODOOBRIDGE_BUILD_PYTHON=OFF",
                    allow_module_level=True)
    if str(package_root) not in sys.path:
        sys.path.insert(0, str(package_root))
    import odoobridge  # noqa: PLC0415  (the path is only known here)
    loaded_from = pathlib.Path(odoobridge.__file__).resolve().parent
    if loaded_from != (package_root / "odoobridge").resolve():
        pytest.fail(f"odoobridge was imported from {loaded_from}, not from the build tree "
                    f"{package_root}: another copy shadows it on sys.path", pytrace=False)
    return odoobridge


odoobridge = import_odoobridge()
from odoobridge import odoo  # noqa: E402


def connect(server, protocol="jsonrpc", login=fake_odoo.ADMIN_LOGIN, **options):
    """A Client of `server` (a conftest FakeOdoo) as `login` ("admin" or "demo"): the API key
    for json2, else the password."""
    secrets = {
        fake_odoo.ADMIN_LOGIN: (fake_odoo.ADMIN_PASSWORD, fake_odoo.ADMIN_API_KEY),
        fake_odoo.DEMO_LOGIN: (fake_odoo.DEMO_PASSWORD, fake_odoo.DEMO_API_KEY),
    }
    password, api_key = secrets[login]
    credential = {"api_key": api_key} if protocol == "json2" else {"password": password}
    credential.update(options.pop("credential", {}))
    return odoo.Client(url=server.url, db=fake_odoo.DATABASE, username=login, protocol=protocol,
                       **credential, **options)


@pytest.fixture(params=PROTOCOLS)
def client(request, odoo16):
    """An admin Client on the Odoo 16 fake server, once per protocol, closed afterwards."""
    with connect(odoo16, request.param) as opened:
        yield opened
