"""The portal's limits: the leaky bucket and per-method operating time."""

import math
import time


class Bucket:
    """Leaky bucket: each request adds one unit; ``drain`` units leave per second; a request
    that would take the level above ``burst`` is refused (and adds nothing)."""

    def __init__(self, burst, drain, now=None):
        self.burst, self.drain = burst, drain
        self.level, self.updated = 0.0, time.monotonic() if now is None else now

    def _leak(self, now):
        self.level = max(0.0, self.level - max(0.0, now - self.updated) * self.drain)
        self.updated = max(self.updated, now)

    def admit(self, now=None):
        """True when the request fits (and is counted), False for QUERY_LIMIT_EXCEEDED."""
        now = time.monotonic() if now is None else now
        self._leak(now)
        if self.level + 1.0 > self.burst + 1e-9:
            return False
        self.level += 1.0
        return True

    def current(self, now=None):
        self._leak(time.monotonic() if now is None else now)
        return self.level


class OperatingLedger:
    """Operating seconds per method over a sliding window (600 s / time scale)."""

    def __init__(self, limit, window, costs=None):
        self.limit, self.window = limit, window
        self.costs = dict(costs or {})
        self._spent = {}  # method -> list of (monotonic time, seconds)

    def _entries(self, method, now):
        entries = [entry for entry in self._spent.get(method, ()) if entry[0] > now - self.window]
        self._spent[method] = entries
        return entries

    def used(self, method, now=None):
        now = time.monotonic() if now is None else now
        return sum(cost for _, cost in self._entries(method, now))

    def blocked(self, method, now=None):
        """True when the method used up its budget: the next call gets OPERATION_TIME_LIMIT."""
        return self.used(method, now) >= self.limit

    def charge(self, method, measured_seconds, now=None):
        """Records one call (the configured cost of the method, else the measured time)."""
        now = time.monotonic() if now is None else now
        cost = self.costs.get(method, measured_seconds)
        self._entries(method, now).append((now, cost))
        return cost

    def report(self, method, now=None):
        """(operating seconds, operating_reset_at as a Unix time) for ``time``."""
        now = time.monotonic() if now is None else now
        entries = self._entries(method, now)
        oldest = entries[0][0] if entries else now
        wall_now = time.time()
        reset_at = math.ceil(wall_now + (oldest + self.window - now))
        return round(sum(cost for _, cost in entries), 6), reset_at
