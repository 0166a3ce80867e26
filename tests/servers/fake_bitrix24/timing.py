"""The ``time`` member of every answer."""

import datetime
import time


def _iso(timestamp):
    return datetime.datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def time_member(started, processing, operating, reset_at):
    finish = time.time()
    start = min(started, finish)
    return {"start": round(start, 6), "finish": round(finish, 6),
            "duration": round(finish - start, 6), "processing": round(processing, 6),
            "date_start": _iso(start), "date_finish": _iso(finish),
            "operating_reset_at": reset_at, "operating": operating}
