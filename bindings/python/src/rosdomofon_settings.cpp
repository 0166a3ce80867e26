// odoobridge.rosdomofon.KafkaSettings (over rosdomofon::KafkaOptions) and the topic-name
// functions.

#include <algorithm>
#include <cctype>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "convert.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

using rosdomofon::KafkaOptions;
using rosdomofon::SecurityProtocol;

bool is_secret(const std::string& name) {
    return name.find("password") != std::string::npos || name.find("secret") != std::string::npos ||
           name.find("key") != std::string::npos;
}

const char* security_name(SecurityProtocol security) {
    switch (security) {
        case SecurityProtocol::plaintext:
            return "plaintext";
        case SecurityProtocol::ssl:
            return "ssl";
        case SecurityProtocol::sasl_plaintext:
            return "sasl_plaintext";
        case SecurityProtocol::sasl_ssl:
            return "sasl_ssl";
    }
    return "sasl_ssl";
}

SecurityProtocol security_of(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (auto security : {SecurityProtocol::plaintext, SecurityProtocol::ssl,
                          SecurityProtocol::sasl_plaintext, SecurityProtocol::sasl_ssl})
        if (name == security_name(security)) return security;
    throw ConfigurationError("KafkaSettings(security='" + name +
                             "') is not a security protocol: use 'sasl_ssl' (RosDomofon's "
                             "brokers), 'ssl', 'sasl_plaintext' or 'plaintext'");
}

std::string property_value(py::handle value, const std::string& name) {
    PyObject* object = value.ptr();
    if (PyBool_Check(object)) return object == Py_True ? "true" : "false";
    if (PyUnicode_Check(object)) return utf8(value);
    if (PyLong_Check(object) || PyFloat_Check(object)) return py::str(value).cast<std::string>();
    throw py::type_error("KafkaSettings properties['" + name +
                         "'] takes a str, int, float or bool, not " + type_name(value));
}

KafkaOptions make_settings(const std::string& bootstrap_servers, const std::string& company,
                           const std::string& security, const std::string& sasl_mechanism,
                           const std::optional<std::string>& sasl_username,
                           const std::optional<std::string>& sasl_password,
                           const std::optional<std::string>& ca_file, py::handle properties) {
    KafkaOptions options;
    options.bootstrap_servers = bootstrap_servers;
    options.company = company;
    options.security = security_of(security);
    options.sasl_mechanism = sasl_mechanism;
    options.sasl_username = sasl_username.value_or("");
    options.sasl_password = sasl_password.value_or("");
    options.ca_file = ca_file.value_or("");
    if (!properties.is_none()) {
        if (!PyDict_Check(properties.ptr()))
            throw py::type_error(
                "KafkaSettings(properties=...) takes a dict of librdkafka "
                "settings, not " +
                type_name(properties));
        for (auto [name, value] : py::reinterpret_borrow<py::dict>(properties)) {
            const std::string key = py::str(name).cast<std::string>();
            options.properties.emplace_back(key, property_value(value, key));
        }
    }
    options.validate();
    return options;
}

py::dict visible_properties(const KafkaOptions& options) {
    py::dict out;
    for (const auto& [name, value] : options.properties)
        out[py::str(name)] = is_secret(name) ? std::string("***") : value;
    return out;
}

std::string settings_repr(const KafkaOptions& o) {
    const auto quoted = [](const std::string& text) {
        return py::repr(py::str(text)).cast<std::string>();
    };
    return "KafkaSettings(bootstrap_servers=" + quoted(o.bootstrap_servers) +
           ", company=" + quoted(o.company) + ", security='" + security_name(o.security) +
           "', sasl_mechanism=" + quoted(o.sasl_mechanism) +
           ", sasl_username=" + quoted(o.sasl_username) +
           ", sasl_password=" + (o.sasl_password.empty() ? "''" : "'***'") +
           ", ca_file=" + quoted(o.ca_file) +
           ", properties=" + py::repr(visible_properties(o)).cast<std::string>() + ")";
}

}  // namespace

void register_settings(py::module_& module) {
    py::class_<KafkaOptions>(module, "KafkaSettings",
                             R"(Where the Kafka brokers are and how to log in.

The defaults are RosDomofon's: security='sasl_ssl' with sasl_mechanism='SCRAM-SHA-512';
ca_file is the PEM file of the CA that signed the brokers' certificates (None: the system
store). `properties` passes further librdkafka settings. Checked at construction
(ConfigurationError). The SASL password (and any property whose name contains "password",
"secret" or "key") is never shown: repr and properties print '***'. Immutable.)")
        .def(py::init(&make_settings), py::kw_only(), py::arg("bootstrap_servers"),
             py::arg("company"), py::arg("security") = "sasl_ssl",
             py::arg("sasl_mechanism") = "SCRAM-SHA-512", py::arg("sasl_username") = py::none(),
             py::arg("sasl_password") = py::none(), py::arg("ca_file") = py::none(),
             py::arg("properties") = py::none())
        .def_readonly("bootstrap_servers", &KafkaOptions::bootstrap_servers)
        .def_readonly("company", &KafkaOptions::company,
                      "The company's short name; names the topics.")
        .def_property_readonly(
            "security",
            [](const KafkaOptions& o) { return std::string(security_name(o.security)); })
        .def_readonly("sasl_mechanism", &KafkaOptions::sasl_mechanism)
        .def_readonly("sasl_username", &KafkaOptions::sasl_username)
        .def_property_readonly(
            "has_sasl_password", [](const KafkaOptions& o) { return !o.sasl_password.empty(); },
            "Whether a SASL password is set (the password itself is not readable).")
        .def_readonly("ca_file", &KafkaOptions::ca_file)
        .def_property_readonly("properties", &visible_properties,
                               "The further librdkafka settings (secret values as '***').")
        .def("__repr__", &settings_repr)
        .attr("__module__") = kModule;

    module.def("messages_in_topic", &rosdomofon::topics::messages_in, py::arg("company"),
               "'MESSAGES_IN_<company>': messages from abonents.");
    module.def("messages_out_topic", &rosdomofon::topics::messages_out, py::arg("company"),
               "'MESSAGES_OUT_<company>': messages to abonents.");
    module.def("sign_ups_topic", &rosdomofon::topics::sign_ups, py::arg("company"),
               "'SIGN_UPS_<company>': sign-up events.");
}

}  // namespace odoobridge::python::rd
