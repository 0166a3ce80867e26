"""odoobridge.rosdomofon.Client against the fake RosDomofon server (tests/servers/
fake_rosdomofon.py): every REST operation, the token (renewal after a 401, refused logins),
the lazy messages iterator, and each error class with its attributes and without secrets.
403 and 5xx JSON answers, which the fake does not give, come from a small local server."""

import http.server
import json
import socket
import threading

import pytest

from binding_support import odoobridge
from odoobridge import rosdomofon as rd
from test_fake_rosdomofon import PASSWORD, USERNAME, Fake

WRONG_PASSWORD = "wr0ng-RD-Pa55word"  # distinctive: any occurrence is a leak
GET_MESSAGES = "GET /abonents/{id}/messages"


@pytest.fixture(scope="module")
def rd_server():
    fake = Fake()
    yield fake
    fake.process.terminate()
    fake.process.wait(timeout=10)


@pytest.fixture
def fake(rd_server):
    rd_server.hook("reset")
    return rd_server


def connect(fake, **options):
    options.setdefault("password", PASSWORD)
    return rd.Client(url=f"http://127.0.0.1:{fake.port}", username=USERNAME, **options)


@pytest.fixture
def client(fake):
    with connect(fake) as opened:
        yield opened


def calls(fake, key):
    return fake.hook("stats")["calls"].get(key, 0)


def last_request(fake):
    return fake.hook("requests")[-1]


def test_accounts_are_typed_records(client, fake):
    accounts = client.accounts()
    assert [a.id for a in accounts] == [904154, 904155, 904156]
    first = accounts[0]
    assert isinstance(first, rd.Account) and first.number == "ACC-1001"
    assert first.owner.id == 1480844 and first.owner.phone == rd.Phone("79061343115")
    assert first.company.shortName == "Test_Company" and first.blocked is False
    assert accounts[2].number is None and accounts[2].blocked and accounts[2].blockReason == "debt"
    assert fake.hook("stats")["token_requests"] == 1


@pytest.mark.parametrize("phone", ["+7 (906) 134-31-15", "8 906 134 31 15", 79061343115,
                                   rd.Phone("79061343115")])
def test_account_by_phone_takes_every_phone_form(client, phone):
    assert client.account_by_phone(phone).id == 904154


def test_account_by_phone_unknown_and_invalid(client, fake):
    assert client.account_by_phone("+7 999 000 00 00") is None
    before = calls(fake, "GET /accounts")
    with pytest.raises(rd.PhoneNumberError, match="it has 10 digits"):
        client.account_by_phone("906 134 31 15")
    assert calls(fake, "GET /accounts") == before  # refused before any request


def test_onboarding_account_flat_service_connection(client, fake):
    created = client.create_account("ACC-9", "+7 (999) 000-11-22")
    assert isinstance(created, rd.CreatedAccount)
    assert created.owner.phone.digits == "79990001122"
    assert json.loads(last_request(fake)["body"]) == {"number": "ACC-9", "phone": "79990001122"}
    flat = client.create_flat(26959, 12, abonent_id=created.owner.id)
    assert isinstance(flat, rd.Flat) and flat.owner.id == created.owner.id
    assert flat.address["flat"] == 12 and flat.virtual is False
    assert json.loads(last_request(fake)["body"]) == {
        "abonentId": created.owner.id, "entranceId": "26959", "flatNumber": "12",
        "virtual": False}
    virtual = client.create_flat("27222", "41", virtual=True)
    assert virtual.virtual is True and virtual.owner is None
    services = client.entrance_services(26959)
    assert all(isinstance(s, rd.Service) for s in services)
    assert {s.type for s in services} >= {"Intercom", "HouseChat"}
    intercom = next(s for s in services if s.type == "Intercom")
    connection_id = client.connect_service(intercom.id, flat.id, created.id)
    assert isinstance(connection_id, int)
    listed = client.account_connections(created.id)
    assert [c.id for c in listed] == [connection_id]
    assert listed[0].service.name == "Домофон" and listed[0].flat.id == flat.id
    assert isinstance(listed[0], rd.Connection)
    assert len(client.service_connections(intercom.id)) == 2
    other = client.create_flat(26959, "13")
    assert isinstance(client.connect_service(intercom.id, other.id), int)  # no account


def test_refusals_raise_the_mapped_classes_with_their_details(client):
    client.create_account("ACC-9", "79990001122")
    with pytest.raises(rd.ValidationError) as caught:
        client.create_account("ACC-9", "79990001122")
    error = caught.value
    assert (error.operation, error.method, error.http_status) == ("create_account", "POST", 409)
    assert error.server_message == "Account with number ACC-9 already exists"
    assert error.endpoint.endswith("/abonents-service/api/v1/accounts")
    assert error.message == str(error) and error.server_message in str(error)
    with pytest.raises(rd.NotFoundError) as caught:
        client.create_flat(1, 1)
    assert caught.value.http_status == 404 and "Entrance 1 not found" in str(caught.value)
    for call in (lambda: client.entrance_services(1), lambda: client.service_connections(1),
                 lambda: client.block_account("NOPE"), lambda: client.unblock_connection(1),
                 lambda: client.abonent_messages_page(1)):
        with pytest.raises(rd.NotFoundError):
            call()
    with pytest.raises(odoobridge.ConfigurationError, match="number"):
        client.create_account("", "79990001122")


def test_block_and_unblock(client):
    client.block_account("ACC-1001")
    assert client.accounts()[0].blocked is True
    client.unblock_account(904154)  # the id works too on the fake
    assert client.accounts()[0].blocked is False
    client.block_connection(7001)
    assert client.service_connections(3001)[0].blocked is True
    client.unblock_connection(7001)
    assert client.service_connections(3001)[0].blocked is False
    with pytest.raises(TypeError, match="account takes an int or a str"):
        client.block_account(1.5)


def test_send_message_to_ids_phones_and_recipients(client, fake):
    client.send_message(1574870, "По id")
    body = json.loads(last_request(fake)["body"])
    assert body["toAbonents"] == [{"id": 1574870}] and body["message"] == "По id"
    assert body["channel"] == "support" and body["deliveryMethod"] == "push"
    client.send_message("+7 (906) 134-31-15", "По телефону", channel="notification")
    body = json.loads(last_request(fake)["body"])
    assert body["toAbonents"] == [{"phone": 79061343115}] and body["channel"] == "notification"
    client.send_message([1574870, rd.Phone("79061343115"), rd.Recipient(id=1480845,
                                                                       phone=79161234567)],
                        "Всем")
    assert json.loads(last_request(fake)["body"])["toAbonents"] == [
        {"id": 1574870}, {"phone": 79061343115}, {"id": 1480845, "phone": 79161234567}]
    page = client.abonent_messages_page(1480844, channel="support", page_size=5)
    assert page.content[0].message == "Всем" and not page.content[0].incoming
    with pytest.raises(rd.NotFoundError):
        client.send_message(5, "nobody")
    with pytest.raises(odoobridge.ConfigurationError, match="recipient"):
        client.send_message([], "nobody")
    with pytest.raises(TypeError, match="to\\[1\\] takes an abonent id"):
        client.send_message([1, 2.5], "x")
    with pytest.raises(rd.PhoneNumberError):
        client.send_message("12345", "x")


def test_message_pages(client):
    page = client.abonent_messages_page(1574870, 0, channel="support", page_size=10)
    assert isinstance(page, rd.MessagePage)
    assert (page.totalElements, page.totalPages, page.first, page.last) == (23, 3, True, False)
    assert page.numberOfElements == 10 and page.content[0].abonent.id == 1574870
    last = client.abonent_messages_page(1574870, 2, channel="support", page_size=10)
    assert last.last and last.number == 2 and len(last.content) == 3
    with pytest.raises(odoobridge.ConfigurationError, match="page_size"):
        client.abonent_messages_page(1574870, page_size=0)


def test_messages_iterator_fetches_pages_lazily(client, fake):
    messages = client.abonent_messages(1574870, channel="support", page_size=10)
    assert calls(fake, GET_MESSAGES) == 0
    first = next(messages)
    assert isinstance(first, rd.Message) and first.message == "Сообщение 1"
    assert calls(fake, GET_MESSAGES) == 1
    rest = list(messages)
    assert [m.message for m in [first] + rest] == [f"Сообщение {i}" for i in range(1, 24)]
    assert calls(fake, GET_MESSAGES) == 3
    assert list(messages) == [] and iter(messages) is messages
    every = list(client.abonent_messages(1574870, page_size=100))
    assert len(every) == 27 and {m.channel for m in every} == {"support", "notification"}
    with pytest.raises(odoobridge.ConfigurationError, match="page_size"):
        client.abonent_messages(1574870, page_size=1001)
    unknown = client.abonent_messages(1)
    with pytest.raises(rd.NotFoundError):
        next(unknown)
    with pytest.raises(StopIteration):  # an error ends the iteration, as in a generator
        next(unknown)


def test_token_is_reused_and_renewed_after_a_401(client, fake):
    client.accounts()
    client.entrance_services(26959)
    assert fake.hook("stats")["token_requests"] == 1
    fake.hook("expire_tokens")
    assert len(client.accounts()) == 3  # 401, one new token, resent
    stats = fake.hook("stats")
    assert stats["token_requests"] == 2 and stats["unauthorized"] == 1
    client.authenticate()
    assert fake.hook("stats")["token_requests"] == 3


def test_a_refused_login_is_an_authentication_error_without_the_password(fake):
    with connect(fake, password=WRONG_PASSWORD) as client:
        for call in (client.authenticate, client.accounts):
            with pytest.raises(rd.AuthenticationError) as caught:
                call()
            error = caught.value
            assert error.http_status == 400 and error.error == "invalid_grant"
            assert "Bad credentials" in str(error)
            for text in (str(error), repr(error), error.endpoint, repr(client)):
                assert WRONG_PASSWORD not in text
        assert isinstance(caught.value, odoobridge.ServerError)


def test_transient_failures_are_retried_and_html_pages_are_unexpected(fake):
    with connect(fake, retries=1) as client:
        fake.hook("fail_next", {"status": 503, "path": "/accounts"})
        with pytest.raises(odoobridge.UnexpectedResponseError) as caught:
            client.accounts()
        assert caught.value.http_status == 503
    with connect(fake, retries=3) as client:
        fake.hook("fail_next", {"status": 503, "count": 2, "path": "/accounts"})
        assert len(client.accounts()) == 3


def test_connection_refused_is_a_connection_error():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with rd.Client(url=f"http://127.0.0.1:{port}", username=USERNAME, password=PASSWORD,
                   retries=1, connect_timeout=2) as client:
        with pytest.raises(odoobridge.ConnectionError) as caught:
            client.accounts()
        assert PASSWORD not in str(caught.value)


class _Refusing(http.server.BaseHTTPRequestHandler):
    """Grants a token, then answers every API call with the status of the server's class."""

    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):  # noqa: N802  (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply(200, {"access_token": "t0ken-never-shown-anywhere", "token_type": "bearer",
                          "expires_in": 3600})

    def do_GET(self):  # noqa: N802
        status = self.server.status
        self._reply(status, {"timestamp": "2024-05-01T00:00:00.000+0000", "status": status,
                             "error": "Refused", "message": f"refused with {status}",
                             "path": self.path})


@pytest.mark.parametrize("status, cls", [(403, rd.AccessError), (500, rd.ServerError),
                                         (422, rd.ValidationError)])
def test_other_statuses_map_to_their_classes(status, cls):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    server.status = status
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with rd.Client(url=f"http://127.0.0.1:{server.server_address[1]}", username=USERNAME,
                       password=PASSWORD, retries=1) as client:
            with pytest.raises(cls) as caught:
                client.accounts()
    finally:
        server.shutdown()
        server.server_close()
    error = caught.value
    assert type(error) is cls and error.http_status == status
    assert error.server_message == f"refused with {status}" and error.operation == "accounts"
    assert "t0ken-never-shown-anywhere" not in str(error) and PASSWORD not in str(error)


def test_options_are_checked_and_the_client_closes(fake):
    with pytest.raises(odoobridge.ConfigurationError, match="username"):
        rd.Client(url="http://127.0.0.1:1", username="", password=PASSWORD)
    with pytest.raises(odoobridge.ConfigurationError, match="timeout"):
        connect(fake, timeout=0)
    client = connect(fake)
    assert client.url == f"http://127.0.0.1:{fake.port}" and client.username == USERNAME
    assert PASSWORD not in repr(client) and not client.closed
    iterator = client.abonent_messages(1574870)
    with client:
        pass
    assert client.closed and repr(client).endswith(" closed>")
    with pytest.raises(ValueError, match="closed"):
        client.accounts()
    with pytest.raises(ValueError, match="closed"):
        next(iterator)


def test_threads_share_one_client(client):
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(len(client.accounts()))
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [3] * 30
