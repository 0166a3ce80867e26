"""odoobridge.bitrix24 with an OAuth application and from several threads: one shared token
refresh under 8 concurrent Python callers (on_tokens called once, with the GIL held), a
callback's exception reaching the caller, a rejected refresh token, calls that release the
GIL, and Ctrl-C interrupting a long call."""

import ctypes
import os
import signal
import threading
import time

import pytest

from bitrix24_binding_support import (ACCESS_TOKEN, CLIENT_SECRET, oauth_client,  # noqa: F401
                                      portal, portal_server, texts_of, webhook_client)
from odoobridge import bitrix24

THREADS = 8


def _holds_gil():
    return ctypes.pythonapi.PyGILState_Check() == 1


def _run_threads(target, count=THREADS):
    errors, results = [], [None] * count
    barrier = threading.Barrier(count)

    def guarded(index):
        try:
            barrier.wait(timeout=10)
            results[index] = target(index)
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results, errors


def test_one_refresh_for_eight_threads_and_on_tokens_once_with_the_gil(portal):
    calls = []

    def on_tokens(tokens):
        calls.append((tokens, _holds_gil(), threading.get_ident()))

    with oauth_client(portal, on_tokens=on_tokens) as client:
        assert client.auth == "oauth" and client.tokens.access_token == ACCESS_TOKEN
        assert len(client.call("user.get")) == 25
        portal.hook("expire_tokens")
        portal.hook("configure", {"refresh_delay_ms": 300})  # all 8 hit the expiry meanwhile
        results, errors = _run_threads(lambda index: client.call("user.get", {"ID": index + 1}))
        assert errors == []
        assert [rows[0]["ID"] for rows in results] == [str(i + 1) for i in range(THREADS)]
        assert len(calls) == 1
        tokens, held, _ = calls[0]
        assert held and tokens.access_token.startswith("access-")
        assert tokens.refresh_token.startswith("refresh-") and tokens.expires_in == 3600
        assert tokens.client_endpoint == f"http://127.0.0.1:{portal.port}/rest/"
        assert client.tokens.access_token == tokens.access_token
        for secret in (tokens.access_token, tokens.refresh_token):
            assert secret not in repr(tokens) and secret not in repr(client)
    stats = portal.stats()
    assert stats["refreshes"] == 1
    assert stats["errors"].get("expired_token", 0) <= THREADS


def test_an_exception_in_on_tokens_reaches_the_caller_and_the_new_tokens_stay(portal):
    def on_tokens(tokens):
        raise RuntimeError("could not save the tokens")

    with oauth_client(portal, on_tokens=on_tokens) as client:
        portal.hook("expire_tokens")
        with pytest.raises(RuntimeError, match="could not save"):
            client.call("user.get")
        assert client.tokens.access_token.startswith("access-")
        assert len(client.call("user.get")) == 25  # the refreshed token works
    assert portal.stats()["refreshes"] == 1


def test_a_rejected_refresh_token_is_an_authentication_error_without_secrets(portal):
    stale = "stale-refresh-t0ken"
    with oauth_client(portal, refresh_token=stale) as client:
        portal.hook("expire_tokens")
        with pytest.raises(bitrix24.AuthenticationError) as refused:
            client.call("user.get")
    error = refused.value
    assert type(error) is bitrix24.AuthenticationError and error.code == "invalid_grant"
    assert error.method == "oauth refresh_token" and error.http_status == 400
    for secret in (stale, ACCESS_TOKEN, CLIENT_SECRET):
        assert not any(secret in text for text in texts_of(error))


def test_a_token_still_expired_after_the_refresh_is_token_expired(portal):
    with oauth_client(portal) as client:
        portal.hook("configure", {"token_ttl": 0})  # refreshed tokens are born expired
        portal.hook("expire_tokens")
        with pytest.raises(bitrix24.TokenExpiredError) as expired:
            client.call("user.get")
    assert expired.value.code == "expired_token" and portal.stats()["refreshes"] == 1


def test_calls_release_the_gil(portal):
    delay_ms = 300
    with webhook_client(portal, retries=1) as client:
        ticks = 0
        stop = threading.Event()

        def count_ticks():  # pure Python: runs only while the calls do not hold the GIL
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                time.sleep(0.001)

        # The fake holds each of the next 8 requests, then answers with a proxy's 503 page.
        portal.hook("fail_next", {"count": THREADS, "status": 503, "delay_ms": delay_ms})
        ticker = threading.Thread(target=count_ticks)
        ticker.start()
        start = time.perf_counter()
        try:
            _, errors = _run_threads(lambda index: client.call("user.get"))
        finally:
            elapsed = time.perf_counter() - start
            stop.set()
            ticker.join()
    assert len(errors) == THREADS
    assert all(type(error).__name__ == "UnexpectedResponseError" for error in errors)
    assert elapsed < THREADS * delay_ms / 1000 / 3, f"8 held calls took {elapsed:.2f} s"
    assert ticks >= 50


def test_ctrl_c_interrupts_a_long_call(portal):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with webhook_client(portal, retries=1) as client:
        portal.hook("fail_next", {"count": 1, "status": 503, "delay_ms": 20_000})
        timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        start = time.perf_counter()
        try:
            with pytest.raises(KeyboardInterrupt):
                client.call("user.get")
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        assert elapsed < 2.5, f"Ctrl-C took {elapsed:.2f} s to stop the call"
        assert len(client.call("user.get")) == 25  # the client still works
