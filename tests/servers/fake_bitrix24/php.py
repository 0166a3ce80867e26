"""PHP-style query strings and form bodies: ``a[b][0]=x`` <-> nested dicts/lists."""

from urllib.parse import unquote_plus


def _path(key):
    """``a[b][]`` -> ["a", "b", ""]; PHP ignores anything after a broken bracket."""
    head, _, rest = key.partition("[")
    parts = [head]
    rest = "[" + rest if rest else ""
    while rest.startswith("["):
        close = rest.find("]")
        if close < 0:
            break
        parts.append(rest[1:close])
        rest = rest[close + 1:]
    return parts


def _assign(root, parts, value):
    node = root
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "" and index > 0:
            if isinstance(node, dict) and not node:
                raise ValueError("append to an object")
            if not isinstance(node, list):
                raise ValueError("append to a non-list")
            if last:
                node.append(value)
                return
            node.append({})
            node = node[-1]
            continue
        if isinstance(node, list):
            # numeric keys into a list made by []: turn it into an object like PHP would
            raise ValueError("keyed access into a list")
        if last:
            node[part] = value
            return
        child = node.get(part)
        if not isinstance(child, (dict, list)):
            following = parts[index + 1]
            child = [] if following == "" else {}
            node[part] = child
        node = child


def parse(text):
    """Parse a PHP-style query string or form body into nested dicts (values are strings)."""
    root = {}
    for pair in text.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        key, value = unquote_plus(key), unquote_plus(value)
        if not key or key.startswith("["):
            continue
        try:
            _assign(root, _path(key), value)
        except ValueError:
            continue  # PHP silently drops what it cannot place; so do we
    return root
