"""The REST methods the fake portal knows, with the scope each needs."""

from . import methods_calendar, methods_crm, methods_im, methods_tasks, methods_users

# method -> (scope, handler(app, params, caller) -> (result, extras))
METHODS = {
    "user.get": ("user", methods_users.user_get),
    "user.add": ("user", methods_users.user_add),
    "user.update": ("user", methods_users.user_update),
    "tasks.task.add": ("task", methods_tasks.task_add),
    "tasks.task.list": ("task", methods_tasks.task_list),
    "calendar.event.add": ("calendar", methods_calendar.event_add),
    "calendar.event.get": ("calendar", methods_calendar.event_get),
    "im.notify.system.add": ("im", methods_im.system_add),
    "im.notify.personal.add": ("im", methods_im.personal_add),
    "crm.item.add": ("crm", methods_crm.item_add),
    "crm.item.list": ("crm", methods_crm.item_list),
    "crm.item.update": ("crm", methods_crm.item_update),
}

# Methods that may not run inside a batch.
NOT_IN_BATCH = {"batch"}
