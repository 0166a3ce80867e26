"""Credentials (passwords and API keys) and web sessions."""

import secrets
import threading

from . import (ADMIN_API_KEY, ADMIN_LOGIN, ADMIN_PASSWORD, ADMIN_UID, DEMO_API_KEY,
               DEMO_LOGIN, DEMO_PASSWORD, DEMO_UID)
from .errors import AccessDenied

_CREDENTIALS = {
    ADMIN_UID: (ADMIN_LOGIN, ADMIN_PASSWORD, ADMIN_API_KEY),
    DEMO_UID: (DEMO_LOGIN, DEMO_PASSWORD, DEMO_API_KEY),
}


def _active_user(db, uid):
    row = db.tables["res.users"].rows.get(uid)
    return row is not None and row.get("active")


def _accepts(uid, secret):
    _, password, api_key = _CREDENTIALS[uid]
    return isinstance(secret, str) and secret in (password, api_key)


def login(db, login_name, secret):
    """The uid of ``login_name`` when ``secret`` is its password or API key, else None."""
    for uid, (user_login, _, _) in _CREDENTIALS.items():
        if user_login == login_name and _active_user(db, uid) and _accepts(uid, secret):
            return uid
    return None


def check(db, uid, secret):
    """Raise AccessDenied unless ``secret`` is the password or API key of user ``uid``."""
    if uid not in _CREDENTIALS or not _active_user(db, uid) or not _accepts(uid, secret):
        raise AccessDenied()


def uid_for_api_key(db, key):
    """The user an API key (JSON-2 bearer) belongs to, or None."""
    for uid, (_, _, api_key) in _CREDENTIALS.items():
        if key == api_key and _active_user(db, uid):
            return uid
    return None


class Sessions:
    """Web sessions: ``session_id`` cookie value -> (database name, uid). Thread-safe."""

    def __init__(self):
        self._sessions = {}
        self._lock = threading.Lock()

    def create(self, db_name, uid):
        sid = secrets.token_hex(20)
        with self._lock:
            self._sessions[sid] = (db_name, uid)
        return sid

    def get(self, sid):
        with self._lock:
            return self._sessions.get(sid)

    def destroy(self, sid):
        with self._lock:
            self._sessions.pop(sid, None)

    def expire_all(self):
        with self._lock:
            count = len(self._sessions)
            self._sessions.clear()
            return count
