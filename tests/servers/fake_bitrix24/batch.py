"""``batch``: up to 50 ``method?query`` commands, ``$result[...]`` references, ``halt``."""

import re
import time

from . import MAX_BATCH, php
from .errors import ApiError, invalid
from .methods import NOT_IN_BATCH

_REFERENCE = re.compile(r"\$(result_total|result_next|result)\[([^\]]+)\]((?:\[[^\]]*\])*)")


def _follow(value, path):
    for segment in re.findall(r"\[([^\]]*)\]", path):
        if isinstance(value, dict) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and segment.isdigit() and int(segment) < len(value):
            value = value[int(segment)]
        else:
            return None
    return value


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _substitute(value, done):
    if isinstance(value, dict):
        return {key: _substitute(item, done) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, done) for item in value]
    if not isinstance(value, str) or "$result" not in value:
        return value

    def lookup(match):
        kind, key, path = match.groups()
        table = done[kind]
        return _follow(table[key], path) if key in table else None

    whole = _REFERENCE.fullmatch(value)
    if whole:
        return lookup(whole)
    return _REFERENCE.sub(lambda match: _text(lookup(match)), value)


def _commands(params):
    commands = params.get("cmd")
    if isinstance(commands, list):
        commands = {str(index): command for index, command in enumerate(commands)}
    if not isinstance(commands, dict) or not commands:
        raise invalid("Parameter 'cmd' is required: an object of \"method?params\" commands",
                      "INVALID_REQUEST")
    if len(commands) > MAX_BATCH:
        raise ApiError(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
    parsed = []
    for key, command in commands.items():
        method, _, query = str(command).partition("?")
        method = method.strip().lower()
        if method.endswith(".json"):
            method = method[:-5]
        if method in NOT_IN_BATCH:
            raise ApiError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
        parsed.append((key, method, php.parse(query)))
    return parsed


def _php_array(table):
    return table if table else []  # PHP's json_encode of an empty array


def run(app, params, caller):
    """The result of a batch call; the caller (app) holds the lock and charged the bucket."""
    halt = str(params.get("halt", 0)).lower() in ("1", "true", "y")
    done = {"result": {}, "result_error": {}, "result_total": {}, "result_next": {},
            "result_time": {}}
    for key, method, command_params in _commands(params):
        started = time.time()
        try:
            result, extras, timing = app.run_method(method, _substitute(command_params, done),
                                                    caller, started)
        except ApiError as error:
            done["result_error"][key] = error.body()
            errors = app.stats["command_errors"]
            errors[error.code] = errors.get(error.code, 0) + 1
            if halt:
                break
            continue
        done["result"][key] = result
        done["result_time"][key] = timing
        if "total" in extras:
            done["result_total"][key] = extras["total"]
        if "next" in extras:
            done["result_next"][key] = extras["next"]
    app.stats["batch_commands"] += len(done["result"]) + len(done["result_error"])
    return {name: _php_array(table) for name, table in done.items()}, {}
