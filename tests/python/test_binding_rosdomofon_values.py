"""odoobridge.rosdomofon's values without a server: Phone and normalize_phone (accepted and
rejected forms), the record classes, the exception hierarchy, KafkaSettings (validation, no
secret in repr), the topic names, and the stubs of odoobridge.rosdomofon agreeing with it."""

import ast
import copy
import pathlib

import pytest

from binding_support import odoobridge
from odoobridge import rosdomofon as rd
from odoobridge import rosdomofon_testing

PACKAGE = pathlib.Path(odoobridge.__file__).parent
SASL_SECRET = "Sasl-s3cret-never-shown"


@pytest.mark.parametrize("typed, digits", [
    ("+7 (906) 123-45-67", "79061234567"),
    ("8 906 123 45 67", "79061234567"),
    ("8-906-123-45-67", "79061234567"),
    ("79061234567", "79061234567"),
    ("+79061234567", "79061234567"),
    ("7.906.123.45.67", "79061234567"),
    (79061234567, "79061234567"),
    (89061234567, "79061234567"),
])
def test_phone_accepts_what_people_type(typed, digits):
    phone = rd.Phone(typed)
    assert phone.digits == digits and rd.normalize_phone(typed) == digits
    assert phone.number == int(digits) and int(phone) == int(digits)
    assert phone.formatted == "+7 (906) 123-45-67" == str(phone)
    assert repr(phone) == "Phone('79061234567')"
    assert rd.Phone(phone) == phone and rd.Phone.try_parse(str(typed)) == phone


@pytest.mark.parametrize("typed, reason", [
    ("9061234567", "it has 10 digits, a RosDomofon phone has 11 (add the country code 7"),
    ("+1 906 123 45 67", "+1 is not the country code of Russia and Kazakhstan (+7)"),
    ("7906123456a", "it contains 'a', which is neither a digit nor a separator"),
    ("7906+1234567", "'+' may only stand at the start of the number"),
    ("", "it is empty"),
    ("((906)) 123", "more than one '('"),
    ("790612345678", "it has 12 digits"),
    (9061234567, "it has 10 digits"),
    (-79061234567, "it is negative"),
    (10**30, "it has 31 digits"),
])
def test_phone_rejects_other_input_with_the_reason(typed, reason):
    for parse in (rd.Phone, rd.normalize_phone):
        with pytest.raises(rd.PhoneNumberError) as caught:
            parse(typed)
        error = caught.value
        assert isinstance(error, ValueError) and isinstance(error, odoobridge.ConfigurationError)
        assert reason in error.reason and error.input == str(typed)
        assert str(error) == error.message and f"'{typed}'" in str(error)
        assert "11 digits starting with 7" in str(error)
    assert isinstance(typed, int) or rd.Phone.try_parse(typed) is None


@pytest.mark.parametrize("value", [True, None, 7.9061234567e10, b"79061234567", [79061234567]])
def test_phone_refuses_other_types(value):
    with pytest.raises(TypeError, match="takes a phone as a Phone, a str or an int"):
        rd.Phone(value)


def test_phones_compare_hash_and_sort():
    a, b = rd.Phone("79061234567"), rd.Phone("+7 916 000 00 00")
    assert a == rd.Phone(89061234567) and a != b and a != "79061234567"
    assert len({a, rd.Phone("8 906 123 45 67"), b}) == 2
    assert sorted([b, a]) == [a, b]


def test_records_have_typed_attributes_and_the_wire_form():
    account = rd.Account(id=904154, number="ACC-1", owner={"id": 7, "phone": "8 906 123 45 67"},
                         company=rd.Company(id=1292, shortName="Test_Company"))
    assert account.owner.phone == rd.Phone("79061234567") and account.company.licenseeShort is None
    assert account.blocked is False and account.blockReason is None
    wire = account.to_dict()
    assert wire["owner"] == {"id": 7, "phone": 79061234567}
    assert wire["company"] == {"id": 1292, "shortName": "Test_Company", "licenseeShort": None}
    assert rd.Account.from_dict(wire) == account
    assert "Account(id=904154, number='ACC-1', owner=Abonent(id=7, phone=Phone('79061234567'))" \
        in repr(account)
    assert rd.Account.fields == ("id", "number", "owner", "company", "blocked", "blockReason",
                                 "billingAvailable")
    assert rd.Abonent().phone is None  # "no phone"
    flat = rd.Flat(id=1, virtual=True, address={"flat": 12})
    assert flat.virtual is True and flat.address == {"flat": 12} and flat.owner is None
    connection = rd.Connection(id=5, tariff=50, flat=flat)
    assert connection.tariff == 50.0 and connection.flat == flat
    page = rd.MessagePage(content=[{"id": 1, "message": "hi"}])
    assert isinstance(page.content[0], rd.Message) and page.content[0].message == "hi"
    assert rd.Service.__hash__ is None


def test_records_are_copied_values():
    account = rd.Account(id=1, owner={"id": 2})
    owner = account.owner
    owner.id = 3  # a copy: the account is unchanged
    assert account.owner.id == 2
    account.owner = owner
    assert account.owner.id == 3
    twin = copy.copy(account)
    twin.id = 9
    assert account.id == 1 and copy.deepcopy(account) == account and twin != account
    account.number = None
    account.owner = {"id": 4, "phone": 79161234567}
    assert account.owner.phone.digits == "79161234567"


@pytest.mark.parametrize("build, message", [
    (lambda: rd.Account(nope=1), "Account() has no field 'nope'"),
    (lambda: rd.Account(id="1"), "Account.id takes int, not '1'"),
    (lambda: rd.Account(id=True), "Account.id takes int"),
    (lambda: rd.Account(blocked=1), "Account.blocked takes bool"),
    (lambda: rd.Account(number=5), "Account.number takes str"),
    (lambda: rd.Account(owner=5), "Account.owner takes Abonent or a dict of its fields"),
    (lambda: rd.MessagePage(content="x"), "MessagePage.content takes list[Message] (a list)"),
    (lambda: rd.MessagePage(content=[{"id": 1}, 5]), "MessagePage.content[1] takes Message"),
    (lambda: rd.Connection(tariff="x"), "Connection.tariff takes float"),
    (lambda: rd.Abonent(phone=b"7"), "Abonent.phone takes a phone"),
])
def test_records_refuse_wrong_values(build, message):
    with pytest.raises(TypeError) as caught:
        build()
    assert message in str(caught.value)


def test_records_refuse_bad_phones_and_bad_dicts():
    with pytest.raises(rd.PhoneNumberError):
        rd.Abonent(phone="12345")
    with pytest.raises(odoobridge.DecodeError) as caught:
        rd.Account.from_dict({"id": "seven"})
    assert caught.value.field == "id"


def test_recipients_and_kafka_messages():
    assert rd.Recipient.abonent(5).id == 5 and rd.Recipient.abonent(5).phone is None
    by_phone = rd.Recipient.phone_number("8 906 123 45 67")
    assert by_phone.id is None and by_phone.phone.digits == "79061234567"
    both = rd.Recipient(id=5, phone=79061234567)
    assert both.to_dict() == {"id": 5, "phone": 79061234567}
    incoming = rd.IncomingMessage.from_dict({
        "fromAbonent": {"id": 1574870, "phone": 79308312222, "companyId": 1292},
        "channel": "support", "message": None,
        "localizedPush": {"message": "Не работает домофон", "messageKey": None}})
    assert incoming.text == "Не работает домофон" and incoming.message is None
    incoming.message = "Первый"
    assert incoming.text == "Первый"
    reply = rd.OutgoingMessage.reply_to(incoming, "Ответ")
    assert (reply.channel, reply.deliveryMethod, reply.message) == ("support", "PUSH", "Ответ")
    assert [a.to_dict() for a in reply.toAbonents] == [
        {"id": 1574870, "phone": 79308312222, "companyId": 1292, "restrictionPushTokenIds": None}]
    assert rd.OutgoingMessage(message="x", toAbonents=[rd.KafkaAbonent(id=3)]).toAbonents[0].id == 3
    assert rd.LocalizedPush(messageArgs=[1, "a"]).messageArgs == [1, "a"]


HIERARCHY = {  # class: its bases, as in include/odoobridge/rosdomofon/errors.hpp
    rd.ServerError: (odoobridge.ServerError,),
    rd.AuthenticationError: (rd.ServerError,),
    rd.AccessError: (rd.ServerError,),
    rd.NotFoundError: (rd.ServerError,),
    rd.ValidationError: (rd.ServerError,),
    rd.PhoneNumberError: (odoobridge.ConfigurationError, ValueError),
    rd.KafkaError: (odoobridge.TransportError,),
    rd.HandlerFailedError: (odoobridge.Error,),
}
ATTRIBUTES = {
    rd.ServerError: {"operation": "", "method": "", "http_status": 0, "error": "",
                     "server_message": ""},
    rd.PhoneNumberError: {"input": "", "reason": ""},
    rd.KafkaError: {"code": 0, "code_name": "", "fatal": False},
    rd.HandlerFailedError: {"topic": "", "partition": 0, "offset": 0, "cause": None},
}


@pytest.mark.parametrize("cls", HIERARCHY, ids=lambda cls: cls.__name__)
def test_error_classes_mirror_the_cpp_hierarchy(cls):
    assert cls.__bases__ == HIERARCHY[cls] and cls.__module__ == "odoobridge.rosdomofon"
    assert cls.__doc__
    by_hand = cls("by hand")
    assert by_hand.message == "" and by_hand.endpoint == "" and str(by_hand) == "by hand"
    for owner, defaults in ATTRIBUTES.items():
        if issubclass(cls, owner):
            assert {name: getattr(by_hand, name) for name in defaults} == defaults


def test_kafka_settings_default_to_rosdomofons_security_and_hide_secrets():
    settings = rd.KafkaSettings(bootstrap_servers="kafka.rosdomofon.com:9093", company="My_Co",
                                sasl_username="user", sasl_password=SASL_SECRET,
                                ca_file="/etc/rd-ca.pem",
                                properties={"socket.timeout.ms": 10000, "ssl.key.password": "k",
                                            "enable.ssl.certificate.verification": True})
    assert (settings.security, settings.sasl_mechanism) == ("sasl_ssl", "SCRAM-SHA-512")
    assert settings.sasl_username == "user" and settings.has_sasl_password
    assert settings.ca_file == "/etc/rd-ca.pem" and settings.company == "My_Co"
    assert settings.properties == {"socket.timeout.ms": "10000", "ssl.key.password": "***",
                                   "enable.ssl.certificate.verification": "true"}
    assert SASL_SECRET not in repr(settings) and "sasl_password='***'" in repr(settings)
    assert not hasattr(settings, "sasl_password")
    plain = rd.KafkaSettings(bootstrap_servers="b:1", company="C", security="PLAINTEXT")
    assert plain.security == "plaintext" and not plain.has_sasl_password


@pytest.mark.parametrize("options, message", [
    ({"bootstrap_servers": ""}, "bootstrap_servers is empty"),
    ({"company": "My Company"}, "cannot be part of a Kafka topic name"),
    ({"company": ""}, "company is empty"),
    ({"security": "sasl_ssl", "sasl_password": None}, "SASL needs sasl_username and sasl_password"),
    ({"security": "kerberos"}, "is not a security protocol"),
])
def test_kafka_settings_are_checked(options, message):
    base = {"bootstrap_servers": "b:1", "company": "C", "sasl_username": "u",
            "sasl_password": SASL_SECRET}
    with pytest.raises(odoobridge.ConfigurationError) as caught:
        rd.KafkaSettings(**dict(base, **options))
    assert message in str(caught.value) and SASL_SECRET not in str(caught.value)
    with pytest.raises(TypeError, match="properties\\['a'\\] takes a str"):
        rd.KafkaSettings(**base, properties={"a": [1]})


def test_topic_names():
    assert rd.messages_in_topic("Test_Company") == "MESSAGES_IN_Test_Company"
    assert rd.messages_out_topic("Test_Company") == "MESSAGES_OUT_Test_Company"
    assert rd.sign_ups_topic("Test_Company") == "SIGN_UPS_Test_Company"


def _stub(name):
    return ast.parse((PACKAGE / f"{name}.pyi").read_text(encoding="utf-8"))


@pytest.mark.parametrize("module, stub", [(rd, "rosdomofon"),
                                          (rosdomofon_testing, "rosdomofon_testing")])
def test_each_stub_lists_the_modules_public_names(module, stub):
    for node in _stub(stub).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "__all__":
            assert sorted(ast.literal_eval(node.value)) == sorted(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)
    assert rd.testing is rosdomofon_testing


def test_record_annotations_match_the_stub():
    classes = {node.name: node for node in _stub("rosdomofon").body
               if isinstance(node, ast.ClassDef)}
    records = [name for name, node in classes.items()
               if any(isinstance(b, ast.Name) and b.id == "_Record" for b in node.bases)]
    assert len(records) == 14
    for name in records:
        annotated = {node.target.id: ast.unparse(node.annotation)
                     for node in classes[name].body if isinstance(node, ast.AnnAssign)}
        assert annotated == getattr(rd, name).__annotations__, name
