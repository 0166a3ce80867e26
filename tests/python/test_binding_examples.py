"""The Python examples (examples/python/*.py) run against the fake Odoo server with the
package of the build tree: their output, exit codes, idempotence and secret hygiene."""

import os
import subprocess
import sys

import pytest

import fake_odoo
from binding_support import REPO, odoobridge

EXAMPLES = REPO / "examples" / "python"
SECRET = "s3cret-Exampl3-pw"


def run_example(server, script, *arguments, login="admin", password=None, protocol=None):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("ODOO_", "ODOOBRIDGE_"))}
    env.update(PYTHONPATH=os.path.dirname(os.path.dirname(odoobridge.__file__)),
               ODOO_URL=server.url, ODOO_DB=fake_odoo.DATABASE, ODOO_USERNAME=login,
               ODOO_PASSWORD=password or {"admin": fake_odoo.ADMIN_PASSWORD,
                                          "demo": fake_odoo.DEMO_PASSWORD}[login])
    if protocol:
        env["ODOOBRIDGE_PROTOCOL"] = protocol
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *arguments], env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("protocol", ["xmlrpc", "jsonrpc", "session"])
def test_quickstart(odoo16, protocol):
    status, out, err = run_example(odoo16, "quickstart.py", protocol=protocol)
    assert (status, err) == (0, "")
    assert "server version: 16.0" in out and f"protocol:       {protocol}" in out
    assert "#1 YourCompany <info@yourcompany.com>" in out
    assert "(this user is an administrator)" in out


def test_quickstart_as_a_restricted_user_and_with_a_wrong_password(odoo16):
    status, out, _ = run_example(odoo16, "quickstart.py", login="demo")
    assert status == 0 and "system parameters: access denied" in out
    status, out, err = run_example(odoo16, "quickstart.py", password=SECRET)
    assert status == 3 and out == "" and err.startswith("quickstart: login refused")
    assert SECRET not in err


def test_estate_listing(odoo16):
    status, out, err = run_example(odoo16, "estate_listing.py", "--state", "deposit")
    assert (status, err) == (0, "")
    assert 'estate.property where state = "deposit":' in out
    rows = [line for line in out.splitlines() if line.strip().startswith(("4 ", "11 "))]
    assert [row.split()[0] for row in rows] == ["11", "4"]  # most expensive first
    assert "104,000,000" in rows[0] and "ACC Owner 0" in rows[0]
    assert "all properties by state: deal 1, deposit 2" in out
    status, out, _ = run_example(odoo16, "estate_listing.py", "--district", "alatau")
    assert status == 0 and "2025-05-15" in out and "alatau       1 properties" in out


def test_invoice_sync_dry_run_then_apply_once(odoo16, tmp_path):
    status, out, err = run_example(odoo16, "invoice_sync.py")
    assert (status, err) == (0, "")
    assert out.startswith("would invoice     ACC-004") and "commission 1,780,000" in out
    status, out, err = run_example(odoo16, "invoice_sync.py", "--apply", "--pdf-dir",
                                   str(tmp_path))
    assert (status, err) == (0, "")
    assert "1 closed deals, 1 new invoices" in out
    pdfs = list(tmp_path.glob("INV-*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF-")
    status, out, _ = run_example(odoo16, "invoice_sync.py", "--apply")
    assert status == 0 and "already invoiced  ACC-004" in out and "0 new invoices" in out


def test_missing_settings_exit_with_2(odoo16):
    status, out, err = run_example(odoo16, "quickstart.py", protocol="carrier-pigeon")
    assert status == 2 and "carrier-pigeon" in err and "set ODOO_URL" in err


def run_bitrix24_users(webhook, *arguments):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("BITRIX24_", "ODOOBRIDGE_"))}
    env.update(PYTHONPATH=os.path.dirname(os.path.dirname(odoobridge.__file__)),
               BITRIX24_WEBHOOK_URL=webhook)
    done = subprocess.run([sys.executable, str(EXAMPLES / "bitrix24_users.py"), *arguments],
                          env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def test_bitrix24_users_lists_finds_and_keeps_the_webhook_code_secret():
    from fake_bitrix24_process import FakeBitrix24  # noqa: PLC0415  (Bitrix24 tests only)

    portal = FakeBitrix24()
    try:
        base = f"http://127.0.0.1:{portal.port}/rest/1/"
        status, out, err = run_bitrix24_users(base + "s3cr3tc0de4test/", "--email",
                                              "USER4@realty.example.kz")
        assert (status, err) == (0, "")
        assert "23 active users in 1 requests (batched mode)" in out
        assert "user4@realty.example.kz: user #4 Saule" in out and "dismissed" not in out
        status, out, _ = run_bitrix24_users(base + "s3cr3tc0de4test/", "--all", "--mode",
                                            "fast", "--email", "nobody@example.kz")
        assert status == 1 and "25 users in 1 requests (fast mode)" in out
        assert out.count("(dismissed)") == 2 and "no user has the e-mail" in out
        status, out, err = run_bitrix24_users(base + "wr0ngc0de4leak/")
        assert status == 3 and out == "" and "refused the webhook" in err
        assert "wr0ngc0de4leak" not in err and "<redacted>" in err
        status, _, err = run_bitrix24_users("")
        assert status == 2 and "set BITRIX24_WEBHOOK_URL" in err
    finally:
        assert portal.stop() == 0
