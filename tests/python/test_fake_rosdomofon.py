"""The fake RosDomofon server (tests/servers/fake_rosdomofon.py): token grant, Bearer checks,
Spring envelopes and pages, every API operation, and the test hooks."""

import http.client
import json
import os
import subprocess
import tempfile
import time
import urllib.parse

import pytest

SERVERS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           "servers")
PYTHON = "/usr/bin/python3"
USERNAME, PASSWORD = "operator", "operator-Pa55-secret"
API = "/abonents-service/api/v1"


class Fake:
    def __init__(self):
        handle, port_file = tempfile.mkstemp(prefix="fake-rosdomofon-port-")
        os.close(handle)
        self.process = subprocess.Popen(
            [PYTHON, os.path.join(SERVERS_DIR, "fake_rosdomofon.py"), "--port", "0",
             "--port-file", port_file], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        self.port = None
        while self.port is None and time.monotonic() < deadline:
            with open(port_file, encoding="ascii") as f:
                text = f.read().strip()
            if text:
                self.port = int(text)
            elif self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            else:
                time.sleep(0.02)
        os.remove(port_file)
        if self.port is None:
            self.process.kill()
            raise RuntimeError("fake_rosdomofon.py did not start within 10 s")

    def request(self, method, path, body=None, headers=None, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        data = json.loads(payload) if payload and "json" in (
            response.getheader("Content-Type") or "") else payload
        return response.status, data

    def token(self, **overrides):
        form = {"grant_type": "password", "client_id": "machine", "username": USERNAME,
                "password": PASSWORD, **overrides}
        return self.request("POST", "/authserver-service/oauth/token", form=form)

    def api(self, method, path, body=None, token=None):
        if token is None:
            status, answer = self.token()
            assert status == 200
            token = answer["access_token"]
        return self.request(method, API + path, body,
                            {"Authorization": f"Bearer {token}"} if token else {})

    def hook(self, name, body=None):
        return self.request("POST" if name != "stats" and name != "requests" else "GET",
                            "/__test__/" + name, body if body is not None else {})[1]


@pytest.fixture(scope="module")
def server():
    fake = Fake()
    yield fake
    fake.process.terminate()
    fake.process.wait(timeout=10)


@pytest.fixture
def fake(server):
    server.hook("reset")
    return server


def test_token_grant_and_oauth_errors(fake):
    status, answer = fake.token()
    assert status == 200 and answer["token_type"] == "bearer" and answer["expires_in"] == 3600
    assert len(answer["access_token"]) > 20
    assert fake.token(password="wrong") == (400, {"error": "invalid_grant",
                                                  "error_description": "Bad credentials"})
    assert fake.token(client_id="web")[0] == 401
    assert fake.token(grant_type="client_credentials")[1]["error"] == "unsupported_grant_type"
    status, _ = fake.request("POST", "/authserver-service/oauth/token",
                             body={"username": USERNAME}, headers={})
    assert status == 415
    assert fake.hook("stats")["token_requests"] == 4


def test_bearer_required_and_expiry(fake):
    status, answer = fake.api("GET", "/accounts", token="")
    assert status == 401 and answer["error"] == "unauthorized"
    _, grant = fake.token()
    token = grant["access_token"]
    assert fake.api("GET", "/accounts", token=token)[0] == 200
    fake.hook("expire_tokens")
    status, answer = fake.api("GET", "/accounts", token=token)
    assert status == 401 and answer["error"] == "invalid_token"
    fake.hook("token_ttl", {"seconds": 1})
    _, grant = fake.token()
    assert grant["expires_in"] == 1
    time.sleep(1.1)
    assert fake.api("GET", "/accounts", token=grant["access_token"])[0] == 401
    assert fake.hook("stats")["unauthorized"] == 3


def test_accounts_envelope(fake):
    status, accounts = fake.api("GET", "/accounts")
    assert status == 200 and len(accounts) == 3
    first = accounts[0]
    assert first["owner"] == {"id": 1480844, "phone": 79061343115, "resolved": True}
    assert first["company"]["shortName"] == "Test_Company" and first["blocked"] is False
    assert accounts[2]["number"] is None and accounts[2]["blockReason"] == "debt"


def test_create_account_flat_and_connect_service(fake):
    status, created = fake.api("POST", "/accounts", {"number": "ACC-9", "phone": "79990001122"})
    assert status == 200 and created["owner"]["phone"] == 79990001122
    assert fake.api("POST", "/accounts", {"number": "ACC-9", "phone": "79990001122"})[0] == 409
    status, error = fake.api("POST", "/accounts", {"number": "ACC-10", "phone": 79990001122})
    assert status == 400 and error["status"] == 400 and error["error"] == "Bad Request"
    assert error["path"] == API + "/accounts" and "timestamp" in error
    status, flat = fake.api("POST", "/flats", {"abonentId": created["owner"]["id"],
                                               "entranceId": "26959", "flatNumber": "12",
                                               "virtual": False})
    assert status == 200 and flat["owner"]["id"] == created["owner"]["id"]
    assert flat["address"]["entrance"]["id"] == 26959 and flat["address"]["flat"] == 12
    assert fake.api("POST", "/flats", {"entranceId": "1", "flatNumber": "1"})[0] == 404
    status, services = fake.api("GET", "/entrances/26959/services")
    assert status == 200 and {s["type"] for s in services} >= {"Intercom", "HouseChat"}
    assert fake.api("GET", "/entrances/1/services")[0] == 404
    status, connection = fake.api("POST", "/services/3001/connections",
                                  {"flatId": flat["id"], "accountId": created["id"]})
    assert status == 200 and set(connection) == {"id"}
    assert fake.api("POST", "/services/3001/connections", {"flatId": flat["id"]})[0] == 409
    status, listed = fake.api("GET", f"/accounts/{created['id']}/connections")
    assert status == 200 and [c["id"] for c in listed] == [connection["id"]]
    assert listed[0]["service"]["name"] == "Домофон" and listed[0]["flat"]["id"] == flat["id"]
    status, listed = fake.api("GET", "/services/3001/connections")
    assert status == 200 and len(listed) == 2
    assert fake.api("GET", "/services/1/connections")[0] == 404


def test_block_and_unblock(fake):
    assert fake.api("PUT", "/accounts/ACC-1001/block") == (200, b"")
    accounts = fake.api("GET", "/accounts")[1]
    assert accounts[0]["blocked"] is True
    assert fake.api("DELETE", "/accounts/904154/block")[0] == 200
    assert fake.api("GET", "/accounts")[1][0]["blocked"] is False
    assert fake.api("PUT", "/accounts/NOPE/block")[0] == 404
    assert fake.api("PUT", "/services_connections/7001/block")[0] == 200
    assert fake.api("GET", "/services/3001/connections")[1][0]["blocked"] is True
    assert fake.api("DELETE", "/services_connections/7001/block")[0] == 200
    assert fake.api("DELETE", "/services_connections/1/block")[0] == 404


def test_messages_and_pages(fake):
    status, page = fake.api("GET", "/abonents/1574870/messages?channel=support&page=0&size=10")
    assert status == 200 and page["totalElements"] == 23 and page["totalPages"] == 3
    assert page["first"] and not page["last"] and page["numberOfElements"] == 10
    assert page["content"][0]["abonent"] == {"id": 1574870, "phone": 79308312222}
    last = fake.api("GET", "/abonents/1574870/messages?channel=support&page=2&size=10")[1]
    assert last["last"] and last["number"] == 2 and len(last["content"]) == 3
    assert fake.api("GET", "/abonents/1574870/messages?page=0&size=100")[1]["totalElements"] == 27
    assert fake.api("GET", "/abonents/1/messages")[0] == 404
    body = {"toAbonents": [{"id": 1574870}, {"phone": 79061343115}], "channel": "support",
            "message": "Здравствуйте", "deliveryMethod": "push", "broadcast": False}
    assert fake.api("POST", "/messages", body) == (200, b"")
    page = fake.api("GET", "/abonents/1480844/messages?channel=support&size=5")[1]
    assert page["content"][0]["message"] == "Здравствуйте" and not page["content"][0]["incoming"]
    assert fake.api("POST", "/messages", dict(body, deliveryMethod="PUSH"))[0] == 400
    assert fake.api("POST", "/messages", dict(body, toAbonents=[]))[0] == 400
    assert fake.api("POST", "/messages", dict(body, toAbonents=[{"id": 5}]))[0] == 404


def test_hooks_fail_next_requests_and_unknown_routes(fake):
    fake.hook("fail_next", {"status": 503, "count": 2, "path": "/accounts"})
    assert fake.api("GET", "/accounts")[0] == 503
    assert fake.api("GET", "/accounts")[0] == 503
    assert fake.api("GET", "/accounts")[0] == 200
    fake.hook("fail_next", {"status": 502, "path": "/oauth/token"})
    assert fake.token()[0] == 502
    status, error = fake.api("GET", "/nowhere")
    assert status == 404 and error["message"] == "No message available"
    assert fake.api("PATCH", "/accounts")[0] == 405
    requests = fake.hook("requests")
    assert requests[-1]["method"] == "PATCH" and requests[-1]["path"] == "/accounts"
    stats = fake.hook("stats")
    assert stats["calls"]["GET /accounts"] == 1
