"""State of the fake RosDomofon server: tokens, abonents, accounts, flats, connections,
messages. Every method takes the store's lock; ``ApiError`` carries an HTTP refusal."""

import itertools
import re
import secrets
import threading
import time

from . import DEFAULT_TOKEN_TTL, PASSWORD, USERNAME, seed

PHONE = re.compile(r"^7\d{10}$")


class ApiError(Exception):
    """A refusal: HTTP ``status`` with Spring's ``message``."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def phone_of(value, where):
    """The integer phone of a request value (integer or digit string)."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not PHONE.match(text):
        raise ApiError(400, f"{where} must be 11 digits starting with 7, got {value!r}")
    return int(text)


class Store:
    def __init__(self, username=USERNAME, password=PASSWORD, token_ttl=DEFAULT_TOKEN_TTL):
        self.lock = threading.RLock()
        self.username, self.password, self.default_ttl = username, password, token_ttl
        self.reset()

    # -- test hooks ---------------------------------------------------------------------

    def reset(self):
        with self.lock:
            self.tokens = {}  # token -> expiry (monotonic seconds)
            self.token_ttl = self.default_ttl
            self.token_requests = 0
            self.unauthorized = 0
            self.calls = {}
            self.requests = []
            self.failures = []  # [{"status", "count", "path"}]
            self.abonents = {a["id"]: dict(a) for a in seed.ABONENTS}
            self.accounts = {a["id"]: dict(a) for a in seed.ACCOUNTS}
            self.flats = {f["id"]: dict(f) for f in seed.FLATS}
            self.services = {s["id"]: dict(s) for s in seed.SERVICES}
            self.connections = {c["id"]: dict(c) for c in seed.CONNECTIONS}
            self.messages = [dict(m, id=i + 1) for i, m in enumerate(seed.messages())]
            self.ids = itertools.count(9_000_000)

    def stats(self):
        with self.lock:
            return {"token_requests": self.token_requests, "calls": dict(self.calls),
                    "unauthorized": self.unauthorized}

    def take_failure(self, path):
        """The status of a pending injected failure matching ``path``, or None."""
        with self.lock:
            for failure in self.failures:
                if failure["count"] > 0 and path.endswith(failure.get("path") or ""):
                    failure["count"] -= 1
                    return failure["status"]
            return None

    # -- tokens -------------------------------------------------------------------------

    def issue_token(self, form):
        """Checks a password-grant form; returns the token answer or raises ApiError with
        an OAuth2 ``error`` code as the message."""
        with self.lock:
            self.token_requests += 1
            if form.get("grant_type") != "password":
                raise ApiError(400, ("unsupported_grant_type", "Unsupported grant type: "
                                     + str(form.get("grant_type"))))
            if form.get("client_id") != "machine":
                raise ApiError(401, ("invalid_client", "Bad client credentials"))
            if form.get("username") != self.username or form.get("password") != self.password:
                raise ApiError(400, ("invalid_grant", "Bad credentials"))
            token = secrets.token_hex(24)
            self.tokens[token] = time.monotonic() + self.token_ttl
            return {"access_token": token, "token_type": "bearer",
                    "expires_in": self.token_ttl, "scope": "read write",
                    "jti": secrets.token_hex(8)}

    def check_token(self, header):
        """None when ``header`` carries a live bearer token, else the 401 OAuth2 body."""
        with self.lock:
            scheme, _, token = (header or "").partition(" ")
            if scheme.lower() != "bearer" or not token:
                self.unauthorized += 1
                return {"error": "unauthorized",
                        "error_description": "Full authentication is required to access "
                                             "this resource"}
            expiry = self.tokens.get(token)
            if expiry is None or expiry <= time.monotonic():
                self.unauthorized += 1
                return {"error": "invalid_token",
                        "error_description": "Access token expired: " + token}
            return None

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    # -- views --------------------------------------------------------------------------

    def abonent_view(self, abonent_id):
        abonent = self.abonents[abonent_id]
        return {"id": abonent["id"], "phone": abonent["phone"]}

    def account_view(self, account):
        view = {"id": account["id"], "number": account.get("number"),
                "owner": dict(self.abonent_view(account["owner"]), resolved=True),
                "company": dict(seed.COMPANY), "blocked": account["blocked"],
                "billingAvailable": True, "isCompanyRecurringEnabled": False}
        if account.get("blockReason"):
            view["blockReason"] = account["blockReason"]
        return view

    def flat_view(self, flat):
        entrance = seed.ENTRANCES[flat["entrance"]]
        address = {"city": entrance["city"], "country": {"name": "Россия", "shortName": "RU"},
                   "street": {"id": 1, "name": entrance["street"]},
                   "house": {"id": 1, "number": entrance["house"]},
                   "entrance": {"id": entrance["id"], "number": entrance["number"],
                                "flatStart": entrance["flatStart"],
                                "flatEnd": entrance["flatEnd"]},
                   "flat": int(flat["flatNumber"]) if flat["flatNumber"].isdigit() else None}
        view = {"id": flat["id"], "address": address, "virtual": flat["virtual"]}
        if flat.get("account") is not None:
            view["accountId"] = flat["account"]
        if flat.get("owner") is not None:
            view["owner"] = self.abonent_view(flat["owner"])
        return view

    def service_view(self, service):
        return {"id": service["id"], "name": service["name"], "type": service["type"]}

    def connection_view(self, connection):
        account = self.accounts.get(connection["account"])
        service = self.services[connection["service"]]
        return {"id": connection["id"], "blocked": connection["blocked"],
                "account": self.account_view(account) if account else None,
                "flat": self.flat_view(self.flats[connection["flat"]]),
                "service": dict(self.service_view(service), companyId=seed.COMPANY["id"],
                                createdAt=1700000000000, delegationTunings={"limit": None}),
                "tariff": connection.get("tariff"), "currency": connection.get("currency"),
                "delegationTunings": {"limit": None}}

    def message_view(self, message):
        return {"id": message["id"], "abonent": self.abonent_view(message["abonent"]),
                "channel": message["channel"], "incoming": message["incoming"],
                "message": message["message"], "messageDate": message["messageDate"]}
