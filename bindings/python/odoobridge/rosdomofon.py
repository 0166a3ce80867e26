"""RosDomofon: the REST client, phone numbers, and the Kafka consumer and producer.

    import os
    from odoobridge.rosdomofon import Client, Consumer, KafkaSettings, OutgoingMessage, Producer

    with Client(username="operator", password=os.environ["RD_PASSWORD"]) as client:
        for account in client.accounts():
            print(account.id, account.owner.phone, account.company.shortName)
        created = client.create_account("ACC-1", "+7 (906) 123-45-67")
        client.send_message(created.owner.id, "Добро пожаловать!")
        for message in client.abonent_messages(created.owner.id, channel="support"):
            print(message.incoming, message.message)          # pages fetched lazily

    kafka = KafkaSettings(bootstrap_servers="kafka.rosdomofon.com:9093", company="My_Company",
                          sasl_username="user", sasl_password=os.environ["RD_KAFKA_PASSWORD"],
                          ca_file="/etc/rd-ca.pem")               # SASL_SSL, SCRAM-SHA-512
    with Producer(kafka) as producer:
        def reply(message, origin):                           # raise: not committed
            report = producer.send_and_wait(OutgoingMessage.reply_to(message, "Принято"))
            if not report.delivered:
                raise RuntimeError(report.error)
        Consumer(kafka, handler=reply).run()                  # until stop() or Ctrl-C

Records are classes with one attribute per field, named as on the wire (`shortName`,
`blockReason`); `to_dict()` gives the wire form. Phones are `Phone` objects (None for "no
phone"); arguments that take a phone also take a str or an int. Every exception derives
from `odoobridge.Error`; messages never contain the password, the token or the SASL
password. Test helpers (MockCluster) are in `odoobridge.rosdomofon.testing`.
"""

import sys
from collections.abc import Iterable
from typing import Union

from . import _native
from . import rosdomofon_testing as testing

# `from odoobridge.rosdomofon.testing import MockCluster` works too.
sys.modules[__name__ + ".testing"] = testing

_rd = _native.rosdomofon

Client = _rd.Client
MessageIterator = _rd.MessageIterator
Phone = _rd.Phone
normalize_phone = _rd.normalize_phone

Abonent = _rd.Abonent
Company = _rd.Company
Account = _rd.Account
CreatedAccount = _rd.CreatedAccount
Service = _rd.Service
Flat = _rd.Flat
Connection = _rd.Connection
Message = _rd.Message
MessagePage = _rd.MessagePage
Recipient = _rd.Recipient

KafkaSettings = _rd.KafkaSettings
KafkaAbonent = _rd.KafkaAbonent
LocalizedPush = _rd.LocalizedPush
IncomingMessage = _rd.IncomingMessage
OutgoingMessage = _rd.OutgoingMessage
MessageOrigin = _rd.MessageOrigin
MalformedMessage = _rd.MalformedMessage
DeliveryReport = _rd.DeliveryReport
Consumer = _rd.Consumer
Producer = _rd.Producer
messages_in_topic = _rd.messages_in_topic
messages_out_topic = _rd.messages_out_topic
sign_ups_topic = _rd.sign_ups_topic

ServerError = _rd.ServerError
AuthenticationError = _rd.AuthenticationError
AccessError = _rd.AccessError
NotFoundError = _rd.NotFoundError
ValidationError = _rd.ValidationError
PhoneNumberError = _rd.PhoneNumberError
KafkaError = _rd.KafkaError
HandlerFailedError = _rd.HandlerFailedError

#: What arguments that take a phone accept.
PhoneLike = Union[Phone, str, int]
#: Who send_message() writes to: an abonent id, a phone, a Recipient, or several.
Recipients = Union[int, Phone, str, Recipient, Iterable[Union[int, Phone, str, Recipient]]]

__all__ = [
    "AccessError",
    "Abonent",
    "Account",
    "AuthenticationError",
    "Client",
    "Company",
    "Connection",
    "Consumer",
    "CreatedAccount",
    "DeliveryReport",
    "Flat",
    "HandlerFailedError",
    "IncomingMessage",
    "KafkaAbonent",
    "KafkaError",
    "KafkaSettings",
    "LocalizedPush",
    "MalformedMessage",
    "Message",
    "MessageIterator",
    "MessageOrigin",
    "MessagePage",
    "NotFoundError",
    "OutgoingMessage",
    "Phone",
    "PhoneLike",
    "PhoneNumberError",
    "Producer",
    "Recipient",
    "Recipients",
    "ServerError",
    "Service",
    "ValidationError",
    "messages_in_topic",
    "messages_out_topic",
    "normalize_phone",
    "sign_ups_topic",
    "testing",
]
