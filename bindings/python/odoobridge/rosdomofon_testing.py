"""Test helpers for RosDomofon's Kafka side, also reachable as `odoobridge.rosdomofon.testing`.

    from odoobridge.rosdomofon import Consumer, messages_in_topic
    from odoobridge.rosdomofon.testing import MockCluster   # or odoobridge.rosdomofon_testing

    with MockCluster() as cluster:
        cluster.create_topic(messages_in_topic("Test_Company"))
        cluster.produce(messages_in_topic("Test_Company"), [b'{"fromAbonent": ...}'])
        settings = cluster.settings("Test_Company", {"session.timeout.ms": "4000"})
        Consumer(settings, handler=...).run()

MockCluster is librdkafka's in-process cluster: experimental, for tests and demos only.
"""

from . import _native

MockCluster = _native.rosdomofon.testing.MockCluster

__all__ = ["MockCluster"]
