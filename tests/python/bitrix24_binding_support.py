"""Shared pieces of the test_binding_bitrix24* suites: the odoobridge.bitrix24 module of the
build tree, a fake Bitrix24 portal per test module, and clients of it (webhook or OAuth).

Every test starts from a reset portal (seed data, empty bucket, fresh tokens) and builds its
own client, so the client-side bucket of one test never delays the next."""

import pytest

import fake_bitrix24  # importable through conftest.py: the fake portal's credentials
from binding_support import odoobridge  # noqa: F401  (imports the build tree's package)
from fake_bitrix24_process import FakeBitrix24
from odoobridge import bitrix24

WEBHOOK_CODE = fake_bitrix24.WEBHOOK_CODE
ACCESS_TOKEN = fake_bitrix24.ACCESS_TOKEN
REFRESH_TOKEN = fake_bitrix24.REFRESH_TOKEN
CLIENT_SECRET = fake_bitrix24.CLIENT_SECRET


def webhook_url(portal, code=WEBHOOK_CODE):
    return f"http://127.0.0.1:{portal.port}/rest/1/{code}/"


def webhook_client(portal, **options):
    return bitrix24.Client(webhook_url=webhook_url(portal), **options)


def oauth_client(portal, **options):
    settings = {"portal": f"http://127.0.0.1:{portal.port}", "access_token": ACCESS_TOKEN,
                "refresh_token": REFRESH_TOKEN, "client_id": fake_bitrix24.CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "oauth_url": f"http://127.0.0.1:{portal.port}/oauth/token/"}
    settings.update(options)
    return bitrix24.Client(**settings)


def texts_of(error):
    """Everything an exception shows: str, repr and every attribute."""
    return [str(error), repr(error), *(str(value) for value in vars(error).values())]


@pytest.fixture(scope="module")
def portal_server():
    running = FakeBitrix24()
    yield running
    assert running.stop() == 0


@pytest.fixture
def portal(portal_server):
    portal_server.hook("reset")
    return portal_server
