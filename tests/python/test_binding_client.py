"""odoobridge.odoo.Client through the Python binding, against the fake Odoo servers: keyword
construction on every protocol, version, uid, context, execute_kw, execute_many, the
context manager and close(), repr without secrets."""

import pytest

import fake_odoo
from binding_support import PROTOCOLS, client, connect, odoo, odoobridge  # noqa: F401


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_connects_and_reports_itself(odoo16, protocol):
    with connect(odoo16, protocol) as opened:
        assert opened.protocol == protocol
        assert opened.uid == fake_odoo.ADMIN_UID
        version = opened.version()
        assert isinstance(version, odoo.ServerVersion)
        assert (version.version, version.major, version.minor) == ("16.0", 16, 0)
        raw_info = version.raw.get("server_version_info") or version.raw["version_info"]
        assert raw_info[0] == 16  # the answer as sent (/web/version on json2)
        assert opened.url == odoo16.url
        assert (opened.db, opened.username) == (fake_odoo.DATABASE, fake_odoo.ADMIN_LOGIN)
        assert not opened.closed


def test_auto_picks_json2_on_odoo19_with_an_api_key(odoo19):
    with odoo.Client(url=odoo19.url, db=fake_odoo.DATABASE, username="admin",
                     api_key=fake_odoo.ADMIN_API_KEY) as opened:
        assert opened.protocol == "json2"
        assert opened.version().major == 19
    with odoo.Client(url=odoo19.url, db=fake_odoo.DATABASE, username="admin",
                     password=fake_odoo.ADMIN_PASSWORD) as opened:
        assert opened.protocol == "jsonrpc"


def test_execute_kw_takes_and_returns_python_values(client):
    count = client.execute_kw("res.partner", "search_count", [[["is_company", "=", True]]])
    assert isinstance(count, int) and count > 0
    records = client.execute_kw("res.partner", "search_read", [[["is_company", "=", True]]],
                                {"fields": ["name", "parent_id"], "limit": 2, "order": "id"})
    assert [sorted(record) for record in records] == [["id", "name", "parent_id"]] * 2
    assert all(record["parent_id"] is False for record in records)  # Odoo's empty value
    assert records == sorted(records, key=lambda record: record["id"])


def test_default_and_call_context_reach_the_server(odoo16):
    with connect(odoo16, "jsonrpc", context={"lang": "en_US", "active_test": True}) as opened:
        assert opened.context == {"lang": "en_US", "active_test": True}
        active = opened.execute_kw("res.partner", "search_count", [[]])
        everything = opened.execute_kw("res.partner", "search_count", [[]],
                                       context={"active_test": False})
        assert everything >= active
        from_kwargs = opened.execute_kw("res.partner", "search_count", [[]],
                                        {"context": {"active_test": False}})
        assert from_kwargs == everything


def test_list_databases(client):
    assert client.list_databases() == [fake_odoo.DATABASE]


def test_execute_many_keeps_order_and_reports_each_failure(client):
    ids = client.model("res.partner").search(limit=3, order="id")
    calls = [("res.partner", "read", [[record_id]], {"fields": ["name"]}) for record_id in ids]
    calls.append({"model": "res.partner", "method": "search_count", "args": [[]]})
    results = client.execute_many(calls)
    assert [result[0]["id"] for result in results[:3]] == ids
    assert results[3] == client.model("res.partner").search_count()

    failing = [("res.partner", "search_count", [[]]), ("res.partner", "no_such_method", [[]])]
    with pytest.raises(odoo.ServerError) as raised:
        client.execute_many(failing)
    assert raised.value.method == "no_such_method"
    mixed = client.execute_many(failing, return_exceptions=True)
    assert mixed[0] == results[3]
    assert isinstance(mixed[1], odoo.ServerError) and mixed[1].model == "res.partner"


def test_execute_many_rejects_malformed_calls(client):
    with pytest.raises(TypeError, match=r"calls\[0\] must be \(model, method"):
        client.execute_many([("res.partner",)])
    with pytest.raises(TypeError, match=r"calls\[1\] needs the keys 'model' and 'method'"):
        client.execute_many([("res.partner", "search_count", [[]]), {"model": "res.partner"}])
    with pytest.raises(TypeError, match="calls.0. args must be a list"):
        client.execute_many([("res.partner", "search_count", "not a list")])


def test_context_manager_closes_and_closed_clients_refuse_calls(odoo16):
    with connect(odoo16) as opened:
        model = opened.model("res.partner")
        stream = model.stream(batch=2)
        assert model.search_count() > 0
    assert opened.closed
    for call in (lambda: opened.execute_kw("res.partner", "search_count", [[]]),
                 lambda: opened.version(), lambda: opened.uid,
                 lambda: model.search_count(), lambda: next(stream)):
        with pytest.raises(ValueError, match="Client is closed"):
            call()
    opened.close()  # closing twice is harmless
    assert "closed" in repr(opened)


def test_exit_does_not_swallow_exceptions(odoo16):
    with pytest.raises(KeyError):
        with connect(odoo16):
            raise KeyError("from the with block")


def test_repr_names_the_connection_but_no_secret(odoo16):
    with connect(odoo16, "json2") as opened:
        text = repr(opened)
        assert f"url='{odoo16.url}'" in text and "protocol='json2'" in text and "uid=2" in text
        assert fake_odoo.ADMIN_API_KEY not in text


def test_url_credentials_are_redacted(odoo16):
    url = odoo16.url.replace("http://", "http://someone:hunter2@")
    with odoo.Client(url=url, db=fake_odoo.DATABASE, username="admin",
                     password=fake_odoo.ADMIN_PASSWORD, protocol="jsonrpc") as opened:
        assert "hunter2" not in opened.url and "hunter2" not in repr(opened)


@pytest.mark.parametrize("options, message", [
    ({"password": "admin", "api_key": "k"}, "both password= and api_key="),
    ({}, "needs password= or api_key="),
    ({"password": "admin", "db": ""}, "needs db="),
    ({"password": "admin", "protocol": "carrier-pigeon"}, "carrier-pigeon"),
    ({"password": "admin", "timeout": 0}, "timeout=0"),
    ({"password": "admin", "connect_timeout": float("nan")}, "connect_timeout=nan"),
    ({"password": "admin", "max_connections": 0}, "max_connections"),
    ({"password": "admin", "retries": 0}, "max_attempts"),
    ({"password": "admin", "context": {"lang": float("inf")}}, None),
])
def test_bad_options_are_refused_before_any_request(odoo16, options, message):
    arguments = {"url": odoo16.url, "db": fake_odoo.DATABASE, "username": "admin"}
    arguments.update(options)
    expected = ValueError if message is None else odoobridge.ConfigurationError
    before = odoo16.stats()
    with pytest.raises(expected) as raised:
        odoo.Client(**arguments)
    if message:
        assert message in str(raised.value)
    assert odoo16.stats() == before


def test_context_must_be_a_dict(odoo16):
    with pytest.raises(TypeError, match="context must be a dict"):
        connect(odoo16, context=[("lang", "en_US")])
