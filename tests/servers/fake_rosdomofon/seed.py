"""Seed data of the fake RosDomofon server: one company, abonents, accounts, an entrance
with services, a flat with a connection, and a conversation long enough to page through."""

COMPANY = {"id": 1292, "shortName": "Test_Company", "licenseeShort": "Test LLC"}

ABONENTS = [
    {"id": 1574870, "phone": 79308312222},
    {"id": 1480844, "phone": 79061343115},
    {"id": 1480845, "phone": 79161234567},
]

ACCOUNTS = [
    {"id": 904154, "number": "ACC-1001", "owner": 1480844, "blocked": False},
    {"id": 904155, "number": "ACC-1002", "owner": 1574870, "blocked": False},
    {"id": 904156, "number": None, "owner": 1480845, "blocked": True,
     "blockReason": "debt"},
]

ENTRANCES = {
    26959: {"id": 26959, "number": "1", "flatStart": 1, "flatEnd": 40,
            "city": "Чебоксары", "street": "Филиппа Лукина", "house": "5"},
    27222: {"id": 27222, "number": "2", "flatStart": 41, "flatEnd": 80,
            "city": "Чебоксары", "street": "Филиппа Лукина", "house": "5"},
}

SERVICES = [
    {"id": 3001, "name": "Домофон", "type": "Intercom", "entrance": 26959},
    {"id": 3002, "name": "Видеонаблюдение", "type": "VideoSurveillance", "entrance": 26959},
    {"id": 3003, "name": "Чат дома Филиппа Лукина 5", "type": "HouseChat", "entrance": 26959},
    {"id": 3004, "name": "Домофон", "type": "Intercom", "entrance": 27222},
]

FLATS = [
    {"id": 842554, "entrance": 26959, "flatNumber": "1", "owner": 1480844, "account": 904154,
     "virtual": False},
]

CONNECTIONS = [
    {"id": 7001, "service": 3001, "flat": 842554, "account": 904154, "blocked": False,
     "tariff": 50.0, "currency": "RUB"},
]

SUPPORT_MESSAGES = 23       # conversation of abonent 1574870 on channel "support"
NOTIFICATION_MESSAGES = 4   # and on channel "notification"


def messages():
    """The seeded conversation of abonent 1574870, oldest first."""
    out = []
    for index in range(SUPPORT_MESSAGES + NOTIFICATION_MESSAGES):
        support = index < SUPPORT_MESSAGES
        out.append({
            "abonent": 1574870,
            "channel": "support" if support else "notification",
            "incoming": support and index % 2 == 0,
            "message": (f"Сообщение {index + 1}" if support else f"Уведомление {index + 1}"),
            "messageDate": f"2024-05-{1 + index % 28:02d}T09:{index % 60:02d}:00.000Z",
        })
    return out
