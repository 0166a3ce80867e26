"""Threads and Ctrl-C through the binding.

* 8 Python threads share one Client and get correct answers; calls release the GIL, so 8
  calls the server holds for 300 ms each take about 300 ms together instead of 2.4 s in a
  row (the wall-clock gain is printed: run pytest with -s to see it).
* Ctrl-C (SIGINT) during a long call in the main thread raises KeyboardInterrupt promptly,
  and the client stays usable.
"""

import os
import signal
import threading
import time

import pytest

from binding_support import PROTOCOLS, connect, odoo, odoobridge  # noqa: F401

THREADS = 8
DELAY_MS = 300


def _hold_next_requests(server, count, delay_ms):
    """The fake server holds each of the next `count` requests for `delay_ms`."""
    assert server.post_json("/__test__/fail_next",
                            {"count": count, "status": 0, "delay_ms": delay_ms}).status == 200


def _run_threads(target, count):
    errors = []

    def guarded(index):
        try:
            target(index)
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(index,)) for index in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    assert errors == []
    return time.perf_counter() - start


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_eight_threads_share_one_client_with_correct_answers(odoo16, protocol):
    with connect(odoo16, protocol) as client:
        partners = client.model("res.partner")
        expected = {r["id"]: r["name"] for r in partners.search_read(None, ["name"])}
        ids = sorted(expected)
        answers = [dict() for _ in range(THREADS)]

        def work(index):
            for round_ in range(6):
                record_id = ids[(index * 7 + round_) % len(ids)]
                if round_ % 2:
                    answers[index][record_id] = partners.read(record_id, ["name"])[0]["name"]
                else:
                    answers[index][record_id] = client.execute_kw(
                        "res.partner", "search_read", [[["id", "=", record_id]]],
                        {"fields": ["name"]})[0]["name"]

        _run_threads(work, THREADS)
        for index, seen in enumerate(answers):
            assert seen and all(expected[i] == name for i, name in seen.items()), index


def test_calls_release_the_gil(odoo16, capsys):
    with connect(odoo16, "jsonrpc") as client:
        partners = client.model("res.partner")
        _hold_next_requests(odoo16, THREADS, DELAY_MS)
        sequential_start = time.perf_counter()
        for _ in range(THREADS):
            partners.search_count()
        sequential = time.perf_counter() - sequential_start

        _hold_next_requests(odoo16, THREADS, DELAY_MS)
        ticks = 0
        stop = threading.Event()

        def count_ticks():  # pure Python: runs only while the calls do not hold the GIL
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                time.sleep(0.001)

        ticker = threading.Thread(target=count_ticks)
        ticker.start()
        try:
            concurrent = _run_threads(lambda index: partners.search_count(), THREADS)
        finally:
            stop.set()
            ticker.join()
    gain = sequential / concurrent
    with capsys.disabled():
        print(f"\n{THREADS} calls held {DELAY_MS} ms each by the server: "
              f"{sequential:.2f} s one after another, {concurrent:.2f} s from {THREADS} threads "
              f"sharing one client: {gain:.1f}x faster; a pure-Python thread ticked {ticks} "
              "times meanwhile")
    assert sequential >= THREADS * DELAY_MS / 1000
    assert gain >= 3.0, f"8 threads were only {gain:.1f}x faster: is the GIL released?"
    assert ticks >= 50


def _interrupt_after(seconds):
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("protocol", ["xmlrpc", "json2"])
def test_ctrl_c_interrupts_a_long_call(odoo16, protocol):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with connect(odoo16, protocol) as client:
        partners = client.model("res.partner")
        count = partners.search_count()
        _hold_next_requests(odoo16, 1, 20_000)
        timer = _interrupt_after(0.3)
        start = time.perf_counter()
        try:
            with pytest.raises(KeyboardInterrupt):
                partners.search_count()
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        assert elapsed < 2.5, f"Ctrl-C took {elapsed:.2f} s to stop the call"
        assert partners.search_count() == count  # the client still works


def test_ctrl_c_interrupts_execute_many(odoo16):
    with connect(odoo16, "jsonrpc") as client:
        _hold_next_requests(odoo16, 4, 20_000)
        timer = _interrupt_after(0.3)
        start = time.perf_counter()
        try:
            with pytest.raises(KeyboardInterrupt):
                client.execute_many([("res.partner", "search_count", [[]])] * 4)
        finally:
            timer.cancel()
        assert time.perf_counter() - start < 2.5


def test_a_handler_that_does_not_raise_lets_the_call_finish(odoo16):
    seen = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: seen.append(number))
    try:
        with connect(odoo16, "jsonrpc") as client:
            _hold_next_requests(odoo16, 1, 800)
            timer = _interrupt_after(0.2)
            try:
                assert client.model("res.partner").search_count() > 0
            finally:
                timer.cancel()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen == [signal.SIGINT]


def test_worker_threads_are_not_interrupted(odoo16):
    results = []
    with connect(odoo16, "jsonrpc") as client:
        _hold_next_requests(odoo16, 1, 1000)
        worker = threading.Thread(
            target=lambda: results.append(client.model("res.partner").search_count()))
        worker.start()
        time.sleep(0.2)  # the worker is inside its call now
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)  # handled by the main thread, as in a terminal
            time.sleep(5)
        worker.join(timeout=10)
    assert results and results[0] > 0
