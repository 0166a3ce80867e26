"""im.notify.system.add and im.notify.personal.add."""

from .errors import invalid


def _notify(kind):
    def add(app, params, caller):
        user_id = params.get("USER_ID")
        if user_id in (None, ""):
            raise invalid("Recipient is not specified (USER_ID)", "USER_ID_EMPTY")
        if app.store.user(user_id) is None:
            raise invalid(f"User {user_id} not found", "USER_ID_EMPTY")
        message = str(params.get("MESSAGE") or "").strip()
        if not message:
            raise invalid("Message text is empty (MESSAGE)", "MESSAGE_EMPTY")
        store = app.store
        store.next_notification_id += 1
        store.notifications.append({
            "id": store.next_notification_id, "kind": kind, "user_id": str(user_id),
            "from_user_id": None if kind == "system" else str(caller), "message": message,
            "message_out": params.get("MESSAGE_OUT"), "tag": params.get("TAG"),
            "sub_tag": params.get("SUB_TAG"), "attach": params.get("ATTACH")})
        return store.next_notification_id, {}
    return add


system_add = _notify("system")
personal_add = _notify("personal")
