// odoobridge.rosdomofon's value classes: Phone (and normalize_phone), the REST records of
// types.hpp, the Kafka messages of kafka_messages.hpp, and the consumer's and producer's
// reports (MessageOrigin, MalformedMessage, DeliveryReport).

#include "rosdomofon_records.hpp"

#include <odoobridge/rosdomofon/consumer.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <odoobridge/rosdomofon/producer.hpp>
#include <odoobridge/rosdomofon/types.hpp>
#include <string>

namespace odoobridge::python::rd {

namespace {

std::string quoted(const std::string& value) {
    return py::repr(py::str(value)).cast<std::string>();
}

void bind_phone(py::module_& module) {
    py::class_<rosdomofon::Phone>(module, "Phone",
                                  R"(A phone number as RosDomofon stores it: 79061234567.

Phone("+7 (906) 123-45-67"), Phone("8 906 123 45 67"), Phone(79061234567) ... Spaces, '-',
'.' and one pair of parentheses may separate the digits; a leading 8 becomes 7. Anything
else raises PhoneNumberError (a ValueError) saying why. Immutable and hashable.)")
        .def(py::init([](py::handle value) { return phone_of(value, "Phone()"); }),
             py::arg("value"))
        .def_static(
            "try_parse",
            [](const std::string& text) -> py::object {
                auto phone = rosdomofon::Phone::try_parse(text);
                return phone ? py::cast(*phone) : py::none();
            },
            py::arg("text"), "The phone, or None when `text` is no RosDomofon phone.")
        .def_property_readonly("digits", &rosdomofon::Phone::digits, "'79061234567'")
        .def_property_readonly("number", &rosdomofon::Phone::number, "79061234567")
        .def_property_readonly("formatted", &rosdomofon::Phone::formatted,
                               "'+7 (906) 123-45-67', for people")
        .def("__int__", &rosdomofon::Phone::number)
        .def("__str__", &rosdomofon::Phone::formatted)
        .def("__repr__",
             [](const rosdomofon::Phone& phone) { return "Phone('" + phone.digits() + "')"; })
        .def("__eq__",
             [](const rosdomofon::Phone& a, py::handle b) {
                 return py::isinstance<rosdomofon::Phone>(b) &&
                        a == b.cast<const rosdomofon::Phone&>();
             })
        .def("__lt__", [](const rosdomofon::Phone& a, const rosdomofon::Phone& b) { return a < b; })
        .def("__hash__",
             [](const rosdomofon::Phone& phone) { return py::hash(py::int_(phone.number())); })
        .attr("__module__") = kModule;
    module.def(
        "normalize_phone",
        [](py::handle value) { return phone_of(value, "normalize_phone()").digits(); },
        py::arg("value"),
        "The 11 digits of a phone ('79061234567') from what a person typed or an int. Raises "
        "PhoneNumberError (a ValueError) saying what is wrong.");
}

void bind_rest_records(py::module_& module) {
    bind_record<rosdomofon::Abonent>(module, "Abonent", "An abonent as answers reference one.");
    bind_record<rosdomofon::Company>(module, "Company",
                                     "The company of an account; shortName names its topics.");
    bind_record<rosdomofon::Account>(module, "Account", "An abonent account (accounts()).");
    bind_record<rosdomofon::CreatedAccount>(module, "CreatedAccount",
                                            "The answer of create_account().");
    bind_record<rosdomofon::Service>(module, "Service", "A service offered at an entrance.");
    bind_record<rosdomofon::Flat>(module, "Flat", "A flat (the answer of create_flat()).");
    bind_record<rosdomofon::Connection>(module, "Connection", "A service connected to a flat.");
    bind_record<rosdomofon::Message>(module, "Message",
                                     "One message of an abonent's conversation.");
    bind_record<rosdomofon::MessagePage>(module, "MessagePage",
                                         "One page of messages (0-based `number`).");
    bind_record<rosdomofon::Recipient>(module, "Recipient",
                                       "Who receives a message: an abonent id, a phone, or both.")
        .def_static("abonent", &rosdomofon::Recipient::abonent, py::arg("abonent_id"),
                    "The abonent with this id.")
        .def_static(
            "phone_number",
            [](py::handle phone) {
                return rosdomofon::Recipient::phone_number(phone_of(phone, "phone"));
            },
            py::arg("phone"), "The abonent with this phone (Phone, str or int).");
}

void bind_kafka_records(py::module_& module) {
    bind_record<rosdomofon::KafkaAbonent>(module, "KafkaAbonent", "An abonent on a Kafka message.");
    bind_record<rosdomofon::LocalizedPush>(module, "LocalizedPush",
                                           "The localized push of an incoming message.");
    bind_record<rosdomofon::IncomingMessage>(module, "IncomingMessage",
                                             "A message an abonent sent (MESSAGES_IN_<company>).")
        .def_property_readonly(
            "text", [](const rosdomofon::IncomingMessage& m) { return from_json(json(m.text())); },
            "`message` when set and not empty, else `localizedPush.message`, else ''.");
    bind_record<rosdomofon::OutgoingMessage>(module, "OutgoingMessage",
                                             "A message to abonents (MESSAGES_OUT_<company>).")
        .def_static("reply_to", &rosdomofon::OutgoingMessage::reply_to, py::arg("incoming"),
                    py::arg("text"),
                    "A reply on the same channel to the abonent who sent `incoming`.");
}

void bind_reports(py::module_& module) {
    using rosdomofon::DeliveryReport;
    using rosdomofon::MalformedMessage;
    using rosdomofon::MessageOrigin;
    py::class_<MessageOrigin>(module, "MessageOrigin", "Where a consumed message came from.")
        .def_readonly("topic", &MessageOrigin::topic)
        .def_readonly("partition", &MessageOrigin::partition)
        .def_readonly("offset", &MessageOrigin::offset)
        .def("__repr__",
             [](const MessageOrigin& o) {
                 return "MessageOrigin(topic=" + quoted(o.topic) +
                        ", partition=" + std::to_string(o.partition) +
                        ", offset=" + std::to_string(o.offset) + ")";
             })
        .attr("__module__") = kModule;
    py::class_<MalformedMessage>(module, "MalformedMessage",
                                 "A consumed message that is no valid incoming message; it is "
                                 "skipped after on_malformed.")
        .def_readonly("origin", &MalformedMessage::origin)
        .def_property_readonly(
            "payload", [](const MalformedMessage& m) { return py::bytes(m.payload); },
            "The raw bytes as received.")
        .def_readonly("reason", &MalformedMessage::reason, "What is wrong with it.")
        .def("__repr__",
             [](const MalformedMessage& m) {
                 return "MalformedMessage(origin=" +
                        py::repr(py::cast(m.origin)).cast<std::string>() +
                        ", reason=" + quoted(m.reason) + ")";
             })
        .attr("__module__") = kModule;
    py::class_<DeliveryReport>(module, "DeliveryReport", "The fate of one message a Producer sent.")
        .def_readonly("topic", &DeliveryReport::topic)
        .def_readonly("partition", &DeliveryReport::partition)
        .def_readonly("offset", &DeliveryReport::offset,
                      "Position in the partition when delivered.")
        .def_readonly("key", &DeliveryReport::key, "The first recipient's abonent id.")
        .def_readonly("error_code", &DeliveryReport::error_code,
                      "librdkafka's code, 0 = delivered.")
        .def_readonly("error", &DeliveryReport::error, "What went wrong ('' when delivered).")
        .def_property_readonly("delivered", &DeliveryReport::delivered,
                               "True when the brokers acknowledged the message.")
        .def("__repr__",
             [](const DeliveryReport& r) {
                 return "DeliveryReport(topic=" + quoted(r.topic) +
                        ", partition=" + std::to_string(r.partition) +
                        ", offset=" + std::to_string(r.offset) + ", key=" + quoted(r.key) +
                        ", delivered=" + (r.delivered() ? "True" : "False") +
                        (r.delivered() ? "" : ", error=" + quoted(r.error)) + ")";
             })
        .attr("__module__") = kModule;
}

}  // namespace

rosdomofon::Phone phone_of(py::handle value, const char* what) {
    PyObject* object = value.ptr();
    if (py::isinstance<rosdomofon::Phone>(value)) return value.cast<rosdomofon::Phone>();
    if (PyUnicode_Check(object)) return rosdomofon::Phone(utf8(value));
    if (PyLong_Check(object) && !PyBool_Check(object)) {
        int overflow = 0;
        const long long number = PyLong_AsLongLongAndOverflow(object, &overflow);
        if (number == -1 && PyErr_Occurred()) throw py::error_already_set();
        if (overflow != 0) return rosdomofon::Phone(py::str(value).cast<std::string>());
        return rosdomofon::Phone(static_cast<std::int64_t>(number));
    }
    throw py::type_error(std::string(what) + " takes a phone as a Phone, a str or an int, not " +
                         py::repr(value).cast<std::string>() + " (" + type_name(value) + ")");
}

void register_records(py::module_& module) {
    bind_phone(module);
    bind_rest_records(module);
    bind_kafka_records(module);
    bind_reports(module);
}

}  // namespace odoobridge::python::rd
