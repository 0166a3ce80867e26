"""The portal's data: users, tasks, calendar events, notifications, CRM items."""

import datetime

_FIRST_NAMES = ("Aigerim", "Daniyar", "Madina", "Yerlan", "Saule", "Timur", "Dana", "Arman")
_LAST_NAMES = ("Nurlanova", "Seitkali", "Abenova", "Zhaksybekov", "Omarova", "Kim", "Li", "Ivanov")
_POSITIONS = ("Agent", "Senior agent", "Office manager", "Lawyer", "Accountant")


def iso_now():
    return datetime.datetime.now(datetime.timezone.utc).astimezone().isoformat(timespec="seconds")


def make_user(number):
    """The deterministic seed user with ID ``number``."""
    first = _FIRST_NAMES[number % len(_FIRST_NAMES)]
    last = _LAST_NAMES[(number // len(_FIRST_NAMES)) % len(_LAST_NAMES)]
    return {
        "ID": str(number),
        "XML_ID": f"emp-{number:06d}",
        "ACTIVE": number % 10 != 7,  # every tenth user (7, 17, ...) is dismissed
        "NAME": first,
        "LAST_NAME": last,
        "SECOND_NAME": "",
        "EMAIL": f"user{number}@realty.example.kz",
        "PERSONAL_MOBILE": f"+7 701 {number:07d}",
        "WORK_PHONE": "",
        "WORK_POSITION": _POSITIONS[number % len(_POSITIONS)],
        "UF_DEPARTMENT": [1 + number % 3],
        "DATE_REGISTER": "2023-02-01T09:00:00+05:00",
        "IS_ONLINE": "N",
        "TIME_ZONE": "Asia/Almaty",
    }


class Store:
    """Everything the portal holds. Not thread-safe: the app serialises access."""

    def __init__(self, users=25):
        self.seed_users(users)
        self.tasks = []
        self.events = []
        self.notifications = []
        self.crm = {1: [], 2: []}  # entityTypeId -> items (1 lead, 2 deal)
        self.next_task_id = 3700
        self.next_event_id = 500
        self.next_notification_id = 9000
        self.next_crm_id = {1: 100, 2: 200}

    def seed_users(self, count):
        """Replaces the users with ``count`` seed users; users are always kept in ID order."""
        self.users = [make_user(number) for number in range(1, count + 1)]
        self.next_user_id = count + 1

    def user(self, user_id):
        text = str(user_id)
        return next((user for user in self.users if user["ID"] == text), None)
