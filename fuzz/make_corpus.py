#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/) from the wire
captures in tests/data/wire/ (Odoo 16 XML-RPC/JSON-RPC/session bodies, Odoo 19 JSON-2
bodies, the Bitrix24/RosDomofon/Kafka examples of vendors.md).

Targets with a selector byte (see the comment at the top of each fuzz/<target>.cpp) get it
as the first byte of each seed, computed from the capture's status, content type and call.
Seeds larger than MAX_SEED bytes are left out, to keep the corpus small and the fuzzers'
inputs short. Deterministic: running it twice gives the same files.

    /usr/bin/python3 fuzz/make_corpus.py          # rewrites fuzz/corpus/
"""

import json
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIRE = ROOT / "tests" / "data" / "wire"
CORPUS = ROOT / "fuzz" / "corpus"
MAX_SEED = 16 * 1024


def body_bytes(body):
    """A capture's body as bytes: text as is, parsed JSON written back as JSON."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def captures(directory):
    for path in sorted(directory.glob("*.json")):
        if path.name.startswith("_"):
            continue
        capture = json.loads(path.read_text(encoding="utf-8"))
        request = capture["request"]
        if isinstance(request, str):  # some captures store the request as its repr
            request = {"path": re.search(r"'path': '([^']*)'", request).group(1)}
        yield path.stem, request, capture["response"]


class Writer:
    def __init__(self):
        self.count = 0
        self.size = 0

    def seed(self, target, name, data, selector=None):
        if selector is not None:
            data = bytes([selector]) + data
        if len(data) > MAX_SEED:
            return
        directory = CORPUS / target
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)
        self.count += 1
        self.size += len(data)


def index_of(value, table, default=0):
    return table.index(value) if value in table else default


def odoo16(writer):
    for stem, request, response in captures(WIRE / "odoo16" / "xmlrpc"):
        writer.seed("xmlrpc_response", stem + ".xml", body_bytes(response["body"]))
        if stem.endswith("search_read") and response["status"] == 200:
            # typed_codec path 2 (XML-RPC): EstateProperty for estate answers, else FieldZoo.
            record = 0 if "estate" in stem else 2
            writer.seed("typed_codec", "xmlrpc_" + stem, body_bytes(response["body"]),
                        record | 2 << 2)
    statuses = [200, 400, 500, 502]
    for kind in ("jsonrpc", "session"):
        for stem, request, response in captures(WIRE / "odoo16" / kind):
            body = body_bytes(response["body"])
            path = request.get("path", "")
            operation = 1 if kind == "session" else 0
            if "common_login" in stem:
                operation = 2
            elif path.endswith("/web/session/authenticate"):
                operation = 3
                cookie = response.get("headers", {}).get("Set-Cookie", "")
                body = cookie.replace("<redacted>", "3f9a0c7e2b").encode() + b"\n" + body
            elif "common_version" in stem:
                operation = 4
            elif "db_list" in stem:
                operation = 5
            html = "html" in response.get("headers", {}).get("Content-Type", "")
            selector = operation | index_of(response["status"], statuses) << 3 | html << 5
            writer.seed("jsonrpc_answer", kind + "_" + stem, body, selector)
            if kind == "jsonrpc" and stem.endswith("search_read"):
                result = json.loads(response["body"]).get("result")
                record = 0 if "estate" in stem else 2
                writer.seed("typed_codec", "list_" + stem, body_bytes(result), record)
                writer.seed("typed_codec", "envelope_" + stem, body, record | 1 << 2)
            # Domains the captured calls sent (search_read / search_count arguments).
            sent = request.get("body")
            if kind == "jsonrpc" and isinstance(sent, str) and '"search' in sent:
                args = json.loads(sent)["params"]["args"]
                if len(args) > 5 and args[5] and isinstance(args[5][0], list):
                    writer.seed("odoo_domain", stem + ".json", body_bytes(args[5][0]))


def odoo19(writer):
    statuses = [200, 400, 401, 403, 404, 422, 500, 502]
    media = ["application/json", "application/json; charset=utf-8", "text/html"]
    for stem, request, response in captures(WIRE / "odoo19"):
        path = request.get("path", "")
        body = response["body"]
        if "/xmlrpc/" in path:
            writer.seed("xmlrpc_response", "o19_" + stem + ".xml", body_bytes(body))
            continue
        if path == "/jsonrpc":
            writer.seed("jsonrpc_answer", "o19_" + stem, body_bytes(body), 0)
            continue
        if path.startswith("/doc-bearer/") and isinstance(body, dict) and "methods" in body:
            methods = dict(list(body["methods"].items())[:6])
            body = {"model": body.get("model"), "name": body.get("name"), "methods": methods}
            operation = 4
        elif path == "/web/version":
            operation = 6
        else:
            method = path.rsplit("/", 1)[-1]
            operation = {"create": 1, "read": 2, "name_search": 3}.get(method, 0)
        content_type = response.get("headers", {}).get("Content-Type", "")
        media_index = next((i for i, m in enumerate(media) if content_type.startswith(m)), 3)
        if content_type.startswith("application/json; charset"):
            media_index = 1
        selector = index_of(response["status"], statuses) | media_index << 3 | operation << 5
        writer.seed("json2_answer", stem, body_bytes(body), selector)
        if "search_read" in stem and response["status"] == 200 and isinstance(body, list):
            writer.seed("typed_codec", "json2_" + stem, body_bytes(body), 2 | 3 << 2)


def vendor_example(text, start):
    """The JSON object of vendors.md that begins with `start` (prose ellipses filled in)."""
    at = text.index(start)
    depth = 0
    for end in range(at, len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            break
    example = re.sub(r"\s*\n\s*", " ", text[at:end + 1])
    example = example.replace('"…"', '"Здравствуйте, домофон не работает"')
    return example.replace("{…}", '{"id": 1574870, "phone": 79308312222, "companyId": 1292}')


def vendors(writer):
    text = (WIRE / "vendors.md").read_text(encoding="utf-8")
    incoming = vendor_example(text, '{"fromAbonent"')
    writer.seed("rosdomofon_kafka", "incoming_localized_push.json", incoming.encode())
    message = json.loads(incoming)
    message["message"] = "Спасибо, починили"
    message["localizedPush"] = None
    writer.seed("rosdomofon_kafka", "incoming_message.json", json.dumps(message).encode())
    outgoing = json.loads(vendor_example(text, '{"channel": "support", "deliveryMethod": "PUSH"'))
    writer.seed("rosdomofon_kafka", "outgoing.json", json.dumps(outgoing).encode())

    time = {"start": 1732871575.1, "finish": 1732871575.2, "duration": 0.1, "processing": 0.05,
            "date_start": "2024-11-29T12:12:55+05:00", "date_finish": "2024-11-29T12:12:55+05:00",
            "operating": 0.5, "operating_reset_at": 1732872175}
    user = {"ID": "7", "ACTIVE": True, "EMAIL": "agent@example.kz", "NAME": "Айгерим",
            "LAST_NAME": "Ким", "UF_DEPARTMENT": [3]}
    task = {"id": "3711", "title": "Fuzz", "description": "", "responsibleId": "1",
            "createdBy": "1", "status": "2", "deadline": None}
    event = {"ID": "41", "NAME": "Показ квартиры", "DATE_FROM": "01.03.2025 10:00:00",
             "DATE_TO": "01.03.2025 11:00:00", "CAL_TYPE": "user", "OWNER_ID": "1",
             "SECTION_ID": "2", "IS_MEETING": False, "CREATED_BY": "1"}
    answers = {
        "user_get": (0, 200, {"result": [user], "total": 1, "time": time}),
        "batch": (1, 200, {"result": {"result": {"users": [user], "task": {"task": task}},
                                      "result_error": {"again": {"error": "INVALID_REQUEST",
                                                                 "error_description": "bad"}},
                                      "result_total": {"users": 1}, "result_next": {},
                                      "result_time": {"users": time}}, "time": time}),
        "find_user": (2, 200, {"result": [user], "total": 1, "time": time}),
        "add_task": (3, 200, {"result": {"task": task}, "time": time}),
        "calendar": (4, 200, {"result": [event], "time": time}),
        "list_users": (5, 200, {"result": [user] * 3, "total": 120, "next": 50, "time": time}),
        "list_tasks": (6, 200, {"result": {"tasks": [task]}, "total": 1, "time": time}),
        "token": (7, 200, {"access_token": "a1", "refresh_token": "r1", "expires_in": 3600,
                           "client_endpoint": "https://portal.bitrix24.kz/rest/",
                           "server_endpoint": "https://oauth.bitrix.info/rest/",
                           "member_id": "m1", "scope": "user,task", "domain": "portal"}),
    }
    statuses = [200, 400, 401, 403, 404, 429, 500, 503]
    errors = {"QUERY_LIMIT_EXCEEDED": 503, "OPERATION_TIME_LIMIT": 429, "NO_AUTH_FOUND": 401,
              "expired_token": 401, "insufficient_scope": 403, "ERROR_METHOD_NOT_FOUND": 404,
              "INVALID_REQUEST": 400, "INTERNAL_SERVER_ERROR": 500}
    for operation, (name, status) in enumerate(errors.items()):
        answers["error_" + name] = (operation, status, {"error": name,
                                                        "error_description": "see docs"})
    for name, (operation, status, body) in answers.items():
        writer.seed("bitrix24_answer", name, json.dumps(body, ensure_ascii=False).encode(),
                    operation | statuses.index(status) << 3)
    # Regressions (tests/unit/bitrix24/test_fuzz_regressions.cpp): UBSan reported the
    # double-to-integer conversions of these before the fix.
    writer.seed("bitrix24_answer", "regression_total_1e300",
                b'{"result": [], "total": 1e300, "next": -9.3e18}', 0)
    writer.seed("bitrix24_answer", "regression_operating_reset_nan",
                b'{"result": [], "time": {"operating": 1000, "operating_reset_at": "nan"}}', 0)
    writer.seed("bitrix24_answer", "html_502", b"<html><body>502 Bad Gateway</body></html>",
                0 | 7 << 3 | 1 << 6)

    auth = ("auth[domain]=portal.bitrix24.kz&auth[client_endpoint]=https%3A%2F%2Fportal.bitrix24"
            ".kz%2Frest%2F&auth[server_endpoint]=https%3A%2F%2Foauth.bitrix.info%2Frest%2F"
            "&auth[member_id]=a1b2c3&auth[application_token]=t0k3n")
    events = {
        "onuseradd.txt": "event=ONUSERADD&event_handler_id=5&data[ID]=17&ts=1732871575&" + auth,
        "onuseradd_fields.txt": "event=ONUSERADD&data[FIELDS][ID]=17&ts=1732871575&" + auth,
        "ontaskadd.txt": "event=ONTASKADD&event_handler_id=6&data[FIELDS_AFTER][ID]=3711"
                         "&data[FIELDS_AFTER][TITLE]=%D0%9F%D0%BE%D0%BA%D0%B0%D0%B7&ts=1732871575&"
                         + auth,
        "oncalendarentryadd.txt": "event=ONCALENDARENTRYADD&data[id]=41&ts=1732871575&" + auth,
        "generic_list.txt": "event=ONCRMDEALUPDATE&data[FIELDS][ID]=9&data[LIST][]=a"
                            "&data[LIST][]=b+c&ts=1732871575&" + auth,
    }
    for name, body in events.items():
        writer.seed("bitrix24_event", name, body.encode())

    account = {"id": 42, "number": "ACC1", "owner": {"id": 5, "phone": 79061234567},
               "company": {"id": 1292, "shortName": "royal", "licenseeShort": None},
               "blocked": False, "blockReason": None, "billingAvailable": True}
    service = {"id": 3, "name": "Домофон", "type": "SIP", "customName": None, "companyId": 1292}
    connection = {"id": 77, "blocked": False, "account": account, "flat": {"id": 9},
                  "service": service, "tariff": 150.0, "currency": "RUB"}
    page = {"content": [{"abonent": {"id": 5, "phone": 79061234567}, "channel": "support",
                         "id": 1, "incoming": True, "message": "Привет",
                         "messageDate": "2024-11-29T12:12:55.000+0000"}],
            "totalElements": 1, "totalPages": 1, "last": True, "number": 0, "size": 50}
    spring_error = {"timestamp": "2024-11-29T12:12:55.000+0000", "status": 404,
                    "error": "Not Found", "message": "Account 42 not found",
                    "path": "/abonents-service/api/v1/accounts/42/connections"}
    rest = {
        "accounts": (0, 200, [account]),
        "entrance_services": (1, 200, [service]),
        "account_connections": (2, 200, [connection]),
        "create_account": (3, 201, {"id": 43, "owner": {"id": 6, "phone": 79061234568}}),
        "create_flat": (4, 201, {"id": 9, "accountId": 42, "owner": {"id": 5},
                                 "virtual": False, "address": {"city": "Алматы"}}),
        "connect_service": (5, 201, {"id": 77}),
        "messages_page": (6, 200, page),
        "token": (7, 200, {"access_token": "eyJhbGciOi", "token_type": "bearer",
                           "expires_in": 43199, "scope": "read write"}),
        "token_refused": (7, 401, {"error": "invalid_grant",
                                   "error_description": "Bad credentials"}),
        # Regression (tests/unit/rosdomofon/test_fuzz_regressions.cpp): the renewal instant
        # overflowed before the fix.
        "regression_expires_in_max": (7, 200, {"access_token": "eyJhbGciOi",
                                               "expires_in": 9223372036854775807}),
        "not_found": (2, 404, spring_error),
        "validation": (3, 400, dict(spring_error, status=400, error="Bad Request",
                                    message="phone must be 11 digits")),
        "server_error": (0, 500, dict(spring_error, status=500, error="Internal Server Error")),
    }
    statuses = [200, 201, 400, 401, 403, 404, 500, 503]
    for name, (operation, status, body) in rest.items():
        writer.seed("rosdomofon_answer", name, json.dumps(body, ensure_ascii=False).encode(),
                    operation | statuses.index(status) << 3)


def handmade(writer):
    """Seeds no capture holds: every FieldZoo field, an image record, domains."""
    zoo = [{"id": 7, "write_date": "2024-11-29 12:12:55", "date_deadline": False,
            "ref": "res.partner,3", "image_128": "iVBORw0KGgo=", "properties": {"a": [1, None]},
            "credit_limit": 1500.5, "color": 3, "priority": "high", "tags": ["vip", "kz"],
            "company_id": [1, "Royal Estate"], "child_ids": [8, 9]}]
    writer.seed("typed_codec", "list_field_zoo", json.dumps(zoo).encode(), 2)
    image = [{"id": 1, "property_id": [4, "Квартира на Абая"], "thumbnail": "R0lGODlhAQABAAAAACw=",
              "s3_url": "https://s3.example.kz/p/4/1.jpg", "s3_key": "p/4/1.jpg", "sequence": 10,
              "is_main": True}]
    writer.seed("typed_codec", "list_property_image", json.dumps(image).encode(), 1)
    # Regression (tests/unit/core/test_json_fuzz_regressions.cpp): the json path took this
    # for [] before the fix; the bytes path refused it.
    # Regression (tests/unit/typed/test_fuzz_regressions.cpp): the bytes path read this
    # commission as 1.4e-48 before the fix.
    writer.seed("typed_codec", "regression_long_mantissa",
                b'[{"id": 4, "name": "ACC-003", "commission": 0.0244444444444' + b"0" * 50
                + b'1024}]', 0)
    writer.seed("typed_codec", "regression_nul_after_value",
                b"[" + b"\t" * 9 + b"]" + b"\t" * 8 + b"\0" * 80 + b'\t\t134"}, {", "re&": false}]', 2)
    domains = {
        "prefix.json": ["|", "&", ["price", ">=", 30000000], ["district", "in", ["medeu"]],
                        "!", ["active", "=", True]],
        "implicit_and.json": [["state", "=", "deposit"], ["rooms", ">", 2], [1, "=", 1]],
        "empty.json": [],
    }
    for name, domain in domains.items():
        writer.seed("odoo_domain", name, json.dumps(domain, ensure_ascii=False).encode())


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    writer = Writer()
    odoo16(writer)
    odoo19(writer)
    vendors(writer)
    handmade(writer)
    print(f"make_corpus.py: {writer.count} seeds, {writer.size} bytes in {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
