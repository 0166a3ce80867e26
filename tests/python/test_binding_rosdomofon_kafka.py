"""odoobridge.rosdomofon's Kafka consumer and producer on librdkafka's mock cluster
(odoobridge.rosdomofon.testing.MockCluster): a round trip in → Python handler → out, redelivery
after a failing handler and a restart, 2,000 messages with none lost or duplicated across a
clean stop, stop() from another thread, Ctrl-C, malformed messages with their bytes, the GIL
released while run() waits, and the producer's per-message delivery reports."""

import json
import logging
import os
import signal
import threading
import time

import pytest

from binding_support import odoobridge
from odoobridge import rosdomofon as rd
from odoobridge.rosdomofon.testing import MockCluster

COMPANY = "Test_Company"
IN, OUT = rd.messages_in_topic(COMPANY), rd.messages_out_topic(COMPANY)
WATCHDOG_S = 30.0
SASL_SECRET = "Sasl-s3cret-never-shown"


def incoming(abonent, text):
    """An incoming message as RosDomofon sends it: `message` null, text in localizedPush."""
    return json.dumps({
        "fromAbonent": {"id": abonent, "phone": 79308300000 + abonent % 100000,
                        "companyId": 1292, "restrictionPushTokenIds": []},
        "channel": "support", "message": None, "deliveryMethod": None, "toAbonents": None,
        "broadcast": False, "waitResponse": True,
        "localizedPush": {"message": text, "messageKey": None, "messageArgs": None}},
        ensure_ascii=False)


@pytest.fixture
def cluster():
    with MockCluster() as mock:
        mock.create_topic(IN, 1)
        mock.create_topic(OUT, 1)
        yield mock


def settings_of(mock):
    # The mock holds a rebalance for the members' session timeout: short, so that a
    # restarted consumer joins within seconds.
    return mock.settings(COMPANY, {"session.timeout.ms": "4000", "heartbeat.interval.ms": "1000"})


class Watchdog(threading.Timer):
    """Stops a consumer after WATCHDOG_S unless cancelled; `fired` tells whether it did."""

    def __init__(self, consumer):
        super().__init__(WATCHDOG_S, self._fire)
        self.consumer, self.fired = consumer, False

    def _fire(self):
        self.fired = True
        self.consumer.stop()


def run(consumer):
    watchdog = Watchdog(consumer)
    watchdog.start()
    try:
        consumer.run()
    finally:
        watchdog.cancel()
    assert not watchdog.fired, "the watchdog had to stop the consumer"


def test_round_trip_incoming_python_handler_reply_out(cluster):
    cluster.produce(IN, [incoming(1574870, "Не работает домофон")])
    seen = []
    with rd.Producer(settings_of(cluster)) as producer:
        def handler(message, origin):
            seen.append((threading.current_thread() is threading.main_thread(), origin.topic,
                         origin.partition, origin.offset, message.fromAbonent.id))
            report = producer.send_and_wait(
                rd.OutgoingMessage.reply_to(message, "Ответ: " + message.text))
            seen.append(report)
            consumer.stop()

        consumer = rd.Consumer(settings_of(cluster), handler=handler, group_id="support-bot")
        assert consumer.topic == IN and repr(consumer) == f"<odoobridge.rosdomofon.Consumer topic='{IN}'>"
        run(consumer)
    assert seen[0] == (True, IN, 0, 0, 1574870)  # the handler ran on run()'s thread
    report = seen[1]
    assert isinstance(report, rd.DeliveryReport) and report.delivered
    assert (report.topic, report.key, report.offset, report.error_code) == (OUT, "1574870", 0, 0)
    assert consumer.handled == 1 and consumer.malformed == 0 and not consumer.running
    written = cluster.read(OUT, 1, 10)
    assert [json.loads(payload) for payload in written] == [{
        "channel": "support", "deliveryMethod": "PUSH", "message": "Ответ: Не работает домофон",
        "toAbonents": [{"companyId": 1292, "id": 1574870, "phone": 79308374870}]}]


def test_a_raising_handler_is_not_committed_and_a_restart_receives_the_message(cluster):
    cluster.produce(IN, [incoming(7, "first"), incoming(8, "second")])
    tries = []

    def failing(message, origin):
        tries.append(message.text)
        raise ValueError("CRM is down")

    failing_consumer = rd.Consumer(settings_of(cluster), handler=failing, group_id="crm-sync",
                                   handler_attempts=2, retry_delay=0.01)
    with pytest.raises(rd.HandlerFailedError) as caught:
        run(failing_consumer)
    error = caught.value
    assert (error.topic, error.partition, error.offset) == (IN, 0, 0)
    assert isinstance(error.__cause__, ValueError) and error.cause is error.__cause__
    assert str(error.cause) == "CRM is down"
    assert "failed 2 times" in str(error) and "ValueError: CRM is down" in str(error)
    assert tries == ["first", "first"] and failing_consumer.handled == 0
    failing_consumer.close()

    texts = []

    def handler(message, origin):
        texts.append(message.text)
        if len(texts) == 2:
            restarted.stop()

    restarted = rd.Consumer(settings_of(cluster), handler=handler, group_id="crm-sync")
    run(restarted)
    assert texts == ["first", "second"]


def test_2000_messages_none_lost_or_duplicated_across_a_clean_stop():
    total, first_batch = 2000, 700
    with MockCluster() as mock:
        mock.create_topic(IN, 4)
        mock.produce(IN, [incoming(i, str(i)) for i in range(total)])
        received = []

        def first(message, origin):
            received.append(int(message.text))
            if len(received) == first_batch:
                consumer.stop()  # the message being handled is committed, no later one

        consumer = rd.Consumer(settings_of(mock), handler=first, group_id="bulk")
        run(consumer)
        assert consumer.handled == first_batch == len(received)

        def second(message, origin):
            received.append(int(message.text))
            if len(received) == total:
                restarted.stop()

        restarted = rd.Consumer(settings_of(mock), handler=second, group_id="bulk")
        run(restarted)
    assert len(received) == total and sorted(received) == list(range(total))


def test_stop_from_another_thread_and_run_in_a_thread(cluster):
    consumer = rd.Consumer(settings_of(cluster), handler=lambda m, o: None, group_id="idle")
    stopper = threading.Timer(0.5, consumer.stop)
    started = time.monotonic()
    stopper.start()
    run(consumer)
    assert 0.4 < time.monotonic() - started < 10
    with pytest.raises(odoobridge.ConfigurationError, match="already called"):
        consumer.run()

    cluster.produce(IN, [incoming(1, "in a thread")])
    texts, handler_threads = [], []

    def handler(message, origin):
        texts.append(message.text)
        handler_threads.append(threading.current_thread())

    background = rd.Consumer(settings_of(cluster), handler=handler, group_id="threaded")
    worker = threading.Thread(target=background.run)
    worker.start()
    deadline = time.monotonic() + WATCHDOG_S
    while not texts and time.monotonic() < deadline:
        time.sleep(0.05)
    assert background.running
    with pytest.raises(ValueError, match="stop\\(\\) and let run\\(\\) return"):
        background.close()
    background.stop()
    worker.join(WATCHDOG_S)
    assert not worker.is_alive() and texts == ["in a thread"] and handler_threads == [worker]
    background.close()
    assert background.closed
    with pytest.raises(ValueError, match="closed"):
        background.run()


def test_malformed_messages_reach_on_malformed_with_their_bytes(cluster, caplog):
    payloads = [b"not json at all", b'{"fromAbonent": {"id": "seven"}, "channel": "x"}',
                incoming(9, "valid").encode(), b'{"channel": "\xff"}']
    cluster.produce(IN, payloads)
    bad, good = [], []

    def maybe_stop():
        if len(bad) + len(good) == len(payloads):
            consumer.stop()

    def handler(message, origin):
        good.append(message.text)
        maybe_stop()

    def on_malformed(message):
        bad.append(message)
        maybe_stop()
        raise RuntimeError("a raising callback must not stop the consumer")

    consumer = rd.Consumer(settings_of(cluster), handler=handler, on_malformed=on_malformed,
                           group_id="malformed")
    with caplog.at_level(logging.ERROR, logger="odoobridge.rosdomofon"):
        run(consumer)
    assert good == ["valid"] and consumer.malformed == 3 and consumer.handled == 1
    assert [m.payload for m in bad] == [payloads[0], payloads[1], payloads[3]]
    assert all(isinstance(m, rd.MalformedMessage) for m in bad)
    assert bad[0].reason.startswith("not JSON") and "fromAbonent" in bad[1].reason
    assert [m.origin.offset for m in bad] == [0, 1, 3] and bad[2].origin.topic == IN
    logged = [r for r in caplog.records if r.name == "odoobridge.rosdomofon"]
    assert len(logged) == 3 and "a raising callback" in logged[0].getMessage()
    assert logged[0].exc_info[0] is RuntimeError


def test_the_gil_is_released_while_run_waits(cluster):
    counted, stop_counting = [0], threading.Event()

    def count():
        while not stop_counting.is_set():
            counted[0] += 1

    consumer = rd.Consumer(settings_of(cluster), handler=lambda m, o: None, group_id="gil")
    counter = threading.Thread(target=count)
    counter.start()
    try:
        threading.Timer(1.0, consumer.stop).start()
        before = counted[0]
        run(consumer)
        during = counted[0] - before
    finally:
        stop_counting.set()
        counter.join()
    # A thread that never got the GIL would count (almost) nothing in that second.
    assert during > 100_000


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                    reason="signals reach the main thread only")
def test_ctrl_c_stops_run_gracefully(cluster):
    cluster.produce(IN, [incoming(i, f"m{i}") for i in range(3)])
    texts = []

    def handler(message, origin):
        texts.append(message.text)
        if len(texts) == 3:  # all handled: Ctrl-C while run() waits for more
            threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()

    consumer = rd.Consumer(settings_of(cluster), handler=handler, group_id="ctrl-c")
    with pytest.raises(KeyboardInterrupt):
        run(consumer)
    assert texts == ["m0", "m1", "m2"] and not consumer.running
    # The handled messages were committed: a new consumer of the group gets only new ones.
    cluster.produce(IN, [incoming(4, "after")])
    later = []

    def after(message, origin):
        later.append(message.text)
        restarted.stop()

    restarted = rd.Consumer(settings_of(cluster), handler=after, group_id="ctrl-c")
    run(restarted)
    assert later == ["after"]


def test_keyboard_interrupt_in_the_handler_stops_without_committing_that_message(cluster):
    cluster.produce(IN, [incoming(1, "one"), incoming(2, "two")])
    texts = []

    def handler(message, origin):
        texts.append(message.text)
        if message.text == "two":
            raise KeyboardInterrupt

    consumer = rd.Consumer(settings_of(cluster), handler=handler, group_id="interrupted",
                           retry_delay=0.01)
    with pytest.raises(KeyboardInterrupt):
        run(consumer)
    assert texts == ["one", "two"] and consumer.handled == 1
    again = []

    def after(message, origin):
        again.append(message.text)
        restarted.stop()

    restarted = rd.Consumer(settings_of(cluster), handler=after, group_id="interrupted")
    run(restarted)
    assert again == ["two"]


def test_consumer_arguments_are_checked(cluster):
    settings = settings_of(cluster)
    with pytest.raises(TypeError, match="handler=...\\) takes a callable"):
        rd.Consumer(settings, handler=5)
    with pytest.raises(TypeError, match="on_malformed"):
        rd.Consumer(settings, handler=print, on_malformed="x")
    with pytest.raises(odoobridge.ConfigurationError, match="handler_attempts"):
        rd.Consumer(settings, handler=print, handler_attempts=0)
    with pytest.raises(odoobridge.ConfigurationError, match="start_from"):
        rd.Consumer(settings, handler=print, start_from="middle")
    with pytest.raises(odoobridge.ConfigurationError, match="retry_delay"):
        rd.Consumer(settings, handler=print, retry_delay=-1)
    with rd.Consumer(settings, handler=print, start_from="latest") as consumer:
        assert not consumer.closed
    assert consumer.closed


def test_producer_reports_each_delivery(cluster):
    reports, threads = [], []

    def on_delivery(report):
        reports.append(report)
        threads.append(threading.current_thread() is threading.main_thread())

    with rd.Producer(settings_of(cluster)) as producer:
        assert producer.topic == OUT
        futures = [producer.send(rd.OutgoingMessage(message=f"m{i}",
                                                    toAbonents=[rd.KafkaAbonent(id=100 + i)]),
                                 on_delivery=on_delivery if i % 2 == 0 else None)
                   for i in range(4)]
        results = [future.result(timeout=WATCHDOG_S) for future in futures]
        assert producer.flush(5.0) is True
        assert all(r.delivered and r.topic == OUT for r in results)
        assert [r.key for r in results] == ["100", "101", "102", "103"]
        assert [r.offset for r in results] == [0, 1, 2, 3]
        assert not futures[0].cancel()  # being sent: not cancellable
        report = producer.send_and_wait(rd.OutgoingMessage(message="sync",
                                                           toAbonents=[{"id": 5}]))
        assert report.delivered and report.offset == 4 and report.error == ""
    assert producer.closed and "closed" in repr(producer)
    assert sorted(r.key for r in reports) == ["100", "102"] and threads == [False, False]
    payloads = [json.loads(p)["message"] for p in cluster.read(OUT, 5, 10)]
    assert payloads == ["m0", "m1", "m2", "m3", "sync"]
    with pytest.raises(ValueError, match="closed"):
        producer.send(rd.OutgoingMessage(message="late", toAbonents=[{"id": 1}]))


def test_producer_reports_failed_deliveries_and_callback_errors(cluster, caplog):
    message_too_large = 10  # a broker error librdkafka does not retry
    with rd.Producer(settings_of(cluster), delivery_timeout=5.0) as producer:
        cluster.push_request_errors("produce", [message_too_large])

        def raising(report):
            raise RuntimeError("callback bug")

        with caplog.at_level(logging.ERROR, logger="odoobridge.rosdomofon"):
            future = producer.send(rd.OutgoingMessage(message="big", toAbonents=[{"id": 1}]),
                                   on_delivery=raising)
            report = future.result(timeout=WATCHDOG_S)
            producer.flush(5.0)
        assert not report.delivered and report.error_code == message_too_large
        assert report.error and "delivered=False" in repr(report)
        assert any("callback bug" in r.getMessage() for r in caplog.records)
        with pytest.raises(odoobridge.ConfigurationError, match="toAbonents is empty"):
            producer.send(rd.OutgoingMessage(message="nobody"))
        with pytest.raises(odoobridge.ConfigurationError, match="message is empty"):
            producer.send_and_wait(rd.OutgoingMessage(toAbonents=[{"id": 1}]))
        with pytest.raises(TypeError, match="on_delivery"):
            producer.send(rd.OutgoingMessage(message="x", toAbonents=[{"id": 1}]), on_delivery=3)


def test_kafka_errors_carry_librdkafkas_code_and_no_secret(cluster, tmp_path):
    bad = cluster.settings(COMPANY, {"no.such.property": "1"})
    for create in (lambda: rd.Producer(bad), lambda: rd.Consumer(bad, handler=print)):
        with pytest.raises(rd.KafkaError) as caught:
            create()
        error = caught.value
        assert error.code_name == "_INVALID_ARG" and error.code != 0 and not error.fatal
        assert "no.such.property" in str(error)
        assert isinstance(error, odoobridge.TransportError)
    secured = rd.KafkaSettings(bootstrap_servers=cluster.bootstrap_servers, company=COMPANY,
                               sasl_username="user", sasl_password=SASL_SECRET,
                               ca_file=str(tmp_path / "missing-ca.pem"))
    with pytest.raises(rd.KafkaError) as caught:
        rd.Producer(secured)
    assert "missing-ca.pem" in str(caught.value) and SASL_SECRET not in str(caught.value)


def test_mock_cluster_helpers(cluster):
    cluster.produce(IN, ["as text", b"as bytes"], partition=0)
    assert cluster.read(IN, 2, 10) == [b"as text", b"as bytes"]
    assert cluster.read(IN, 5, 0.5) == [b"as text", b"as bytes"]  # timeout: what arrived
    settings = cluster.settings("Other")
    assert settings.security == "plaintext" and settings.bootstrap_servers == \
        cluster.bootstrap_servers and settings.properties == {}
    with pytest.raises(odoobridge.ConfigurationError, match="'produce', 'fetch'"):
        cluster.push_request_errors("delete", [6])
    assert cluster.bootstrap_servers in repr(cluster)
    cluster.close()
    with pytest.raises(ValueError, match="closed"):
        cluster.produce(IN, [b"x"])
