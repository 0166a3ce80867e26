"""The API operations of the fake RosDomofon server (``/abonents-service/api/v1``). Each takes
the store, the path parameters, the query and the JSON body, and returns ``(status, body)``
with ``body`` None for an empty answer; refusals raise ``store.ApiError``."""

import time

from . import seed
from .store import ApiError, phone_of

MAX_PAGE_SIZE = 1000


def _int(value, name):
    if isinstance(value, bool):
        raise ApiError(400, f"{name} must be a number, got {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"{name} must be a number, got {value!r}") from None


def _object(body):
    if not isinstance(body, dict):
        raise ApiError(400, "JSON object expected in the request body")
    return body


def accounts(store, params, query, body):
    return 200, [store.account_view(a) for a in store.accounts.values()]


def create_account(store, params, query, body):
    body = _object(body)
    number, phone = body.get("number"), body.get("phone")
    if not isinstance(number, str) or not number:
        raise ApiError(400, "number must not be empty")
    if not isinstance(phone, str):
        raise ApiError(400, f"phone must be a string like \"79061234567\", got {phone!r}")
    phone = phone_of(phone, "phone")
    if any(a.get("number") == number for a in store.accounts.values()):
        raise ApiError(409, f"Account with number {number} already exists")
    owner = next((a["id"] for a in store.abonents.values() if a["phone"] == phone), None)
    if owner is None:
        owner = next(store.ids)
        store.abonents[owner] = {"id": owner, "phone": phone}
    account = {"id": next(store.ids), "number": number, "owner": owner, "blocked": False}
    store.accounts[account["id"]] = account
    return 200, {"id": account["id"], "owner": store.abonent_view(owner)}


def create_flat(store, params, query, body):
    body = _object(body)
    entrance = _int(body.get("entranceId"), "entranceId")
    if entrance not in seed.ENTRANCES:
        raise ApiError(404, f"Entrance {entrance} not found")
    number = body.get("flatNumber")
    if not isinstance(number, (str, int)) or isinstance(number, bool) or str(number) == "":
        raise ApiError(400, "flatNumber must not be empty")
    owner = body.get("abonentId")
    if owner is not None:
        owner = _int(owner, "abonentId")
        if owner not in store.abonents:
            raise ApiError(404, f"Abonent {owner} not found")
    account = next((a["id"] for a in store.accounts.values() if a["owner"] == owner), None)
    flat = {"id": next(store.ids), "entrance": entrance, "flatNumber": str(number),
            "owner": owner, "account": account, "virtual": bool(body.get("virtual", False))}
    store.flats[flat["id"]] = flat
    return 200, store.flat_view(flat)


def entrance_services(store, params, query, body):
    entrance = _int(params["id"], "entrance id")
    found = [store.service_view(s) for s in store.services.values()
             if s["entrance"] == entrance]
    if not found and entrance not in {s["entrance"] for s in store.services.values()}:
        raise ApiError(404, f"Entrance {entrance} not found")
    return 200, found


def connect_service(store, params, query, body):
    body = _object(body)
    service = _int(params["id"], "service id")
    if service not in store.services:
        raise ApiError(404, f"Service {service} not found")
    flat = _int(body.get("flatId"), "flatId")
    if flat not in store.flats:
        raise ApiError(404, f"Flat {flat} not found")
    account = body.get("accountId")
    account = _int(account, "accountId") if account is not None else store.flats[flat]["account"]
    if account is not None and account not in store.accounts:
        raise ApiError(404, f"Account {account} not found")
    if any(c["service"] == service and c["flat"] == flat for c in store.connections.values()):
        raise ApiError(409, f"Service {service} is already connected to flat {flat}")
    connection = {"id": next(store.ids), "service": service, "flat": flat, "account": account,
                  "blocked": False, "tariff": None, "currency": None}
    store.connections[connection["id"]] = connection
    return 200, {"id": connection["id"]}


def account_connections(store, params, query, body):
    account = _int(params["id"], "account id")
    if account not in store.accounts:
        raise ApiError(404, f"Account {account} not found")
    return 200, [store.connection_view(c) for c in store.connections.values()
                 if c["account"] == account]


def service_connections(store, params, query, body):
    service = _int(params["id"], "service id")
    if service not in store.services:
        raise ApiError(404, f"Service {service} not found")
    return 200, [store.connection_view(c) for c in store.connections.values()
                 if c["service"] == service]


def _account_by_key(store, key):
    """Accounts are named by number in the block paths; a numeric id is accepted too."""
    for account in store.accounts.values():
        if account.get("number") == key:
            return account
    if key.isdigit() and int(key) in store.accounts:
        return store.accounts[int(key)]
    raise ApiError(404, f"Account {key} not found")


def block_account(store, params, query, body):
    _account_by_key(store, params["account"])["blocked"] = True
    return 200, None


def unblock_account(store, params, query, body):
    _account_by_key(store, params["account"])["blocked"] = False
    return 200, None


def _connection(store, key):
    connection = store.connections.get(_int(key, "connection id"))
    if connection is None:
        raise ApiError(404, f"Connection {key} not found")
    return connection


def block_connection(store, params, query, body):
    _connection(store, params["id"])["blocked"] = True
    return 200, None


def unblock_connection(store, params, query, body):
    _connection(store, params["id"])["blocked"] = False
    return 200, None


def _recipient(store, entry):
    if not isinstance(entry, dict) or ("id" not in entry and "phone" not in entry):
        raise ApiError(400, "each of toAbonents needs an id or a phone")
    if entry.get("id") is not None:
        abonent = _int(entry["id"], "toAbonents.id")
        if abonent not in store.abonents:
            raise ApiError(404, f"Abonent {abonent} not found")
        return abonent
    phone = phone_of(entry["phone"], "toAbonents.phone")
    for abonent in store.abonents.values():
        if abonent["phone"] == phone:
            return abonent["id"]
    raise ApiError(404, f"Abonent with phone {phone} not found")


def send_message(store, params, query, body):
    body = _object(body)
    text, channel = body.get("message"), body.get("channel")
    if not isinstance(text, str) or not text:
        raise ApiError(400, "message must not be empty")
    if not isinstance(channel, str) or not channel:
        raise ApiError(400, "channel must not be empty")
    if body.get("deliveryMethod") != "push":
        raise ApiError(400, f"deliveryMethod must be \"push\", got {body.get('deliveryMethod')!r}")
    targets = body.get("toAbonents")
    if body.get("broadcast"):
        recipients = list(store.abonents)
    elif not isinstance(targets, list) or not targets:
        raise ApiError(400, "toAbonents must list at least one abonent")
    else:
        recipients = [_recipient(store, entry) for entry in targets]
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    for abonent in recipients:
        store.messages.append({"id": len(store.messages) + 1, "abonent": abonent,
                               "channel": channel, "incoming": False, "message": text,
                               "messageDate": now})
    return 200, None


def abonent_messages(store, params, query, body):
    abonent = _int(params["id"], "abonent id")
    if abonent not in store.abonents:
        raise ApiError(404, f"Abonent {abonent} not found")
    page = _int(query.get("page", "0"), "page")
    size = _int(query.get("size", "20"), "size")
    if page < 0 or size < 1 or size > MAX_PAGE_SIZE:
        raise ApiError(400, f"page must be >= 0 and size between 1 and {MAX_PAGE_SIZE}")
    channel = query.get("channel")
    selected = [m for m in store.messages if m["abonent"] == abonent
                and (not channel or m["channel"] == channel)]
    total = len(selected)
    content = [store.message_view(m) for m in selected[page * size:(page + 1) * size]]
    pages = (total + size - 1) // size
    sort = {"sorted": False, "unsorted": True, "empty": True}
    return 200, {
        "content": content,
        "pageable": {"offset": page * size, "pageNumber": page, "pageSize": size,
                     "paged": True, "unpaged": False, "sort": sort},
        "totalElements": total, "totalPages": pages, "last": page >= pages - 1,
        "first": page == 0, "number": page, "size": size, "numberOfElements": len(content),
        "sort": sort, "empty": not content,
    }


# (method, path pattern, operation); {name} matches one path segment.
ROUTES = [
    ("GET", "/accounts", accounts),
    ("POST", "/accounts", create_account),
    ("POST", "/flats", create_flat),
    ("GET", "/entrances/{id}/services", entrance_services),
    ("POST", "/services/{id}/connections", connect_service),
    ("GET", "/services/{id}/connections", service_connections),
    ("GET", "/accounts/{id}/connections", account_connections),
    ("PUT", "/accounts/{account}/block", block_account),
    ("DELETE", "/accounts/{account}/block", unblock_account),
    ("PUT", "/services_connections/{id}/block", block_connection),
    ("DELETE", "/services_connections/{id}/block", unblock_connection),
    ("POST", "/messages", send_message),
    ("GET", "/abonents/{id}/messages", abonent_messages),
]
