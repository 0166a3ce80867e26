// odoobridge.rosdomofon_testing (also reachable as odoobridge.rosdomofon.testing):
// MockCluster, librdkafka's in-process Kafka cluster (rosdomofon::MockCluster), for tests and
// demos without a broker.

#include <map>
#include <memory>
#include <odoobridge/rosdomofon/mock_cluster.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "convert.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

using rosdomofon::MockCluster;

MockCluster::Api api_of(const std::string& name) {
    if (name == "produce") return MockCluster::Api::produce;
    if (name == "fetch") return MockCluster::Api::fetch;
    if (name == "offset_commit") return MockCluster::Api::offset_commit;
    if (name == "join_group") return MockCluster::Api::join_group;
    throw ConfigurationError("MockCluster.push_request_errors(api='" + name +
                             "'): use 'produce', 'fetch', 'offset_commit' or 'join_group'");
}

/// A Python MockCluster; close() (or the end of its `with` block) stops it.
class PyMockCluster {
public:
    explicit PyMockCluster(int brokers)
        : cluster_(without_gil([&] { return std::make_unique<MockCluster>(brokers); })),
          bootstrap_(cluster_->bootstrap_servers()) {}
    ~PyMockCluster() { reset_without_gil(cluster_); }
    PyMockCluster(const PyMockCluster&) = delete;
    PyMockCluster& operator=(const PyMockCluster&) = delete;

    [[nodiscard]] MockCluster& get() const {
        if (!cluster_) throw py::value_error("this MockCluster is closed; start a new one");
        return *cluster_;
    }
    void close() { reset_without_gil(cluster_); }
    [[nodiscard]] const std::string& bootstrap_servers() const noexcept { return bootstrap_; }

private:
    std::unique_ptr<MockCluster> cluster_;
    std::string bootstrap_;
};

rosdomofon::KafkaOptions settings(
    const PyMockCluster& self, const std::string& company,
    const std::optional<std::map<std::string, std::string>>& properties) {
    rosdomofon::KafkaOptions options = self.get().options(company);
    if (properties)
        for (const auto& [name, value] : *properties) options.properties.emplace_back(name, value);
    options.validate();
    return options;
}

void produce(const PyMockCluster& self, const std::string& topic, py::iterable payloads,
             std::int32_t partition) {
    std::vector<std::string> messages;
    for (py::handle payload : payloads) messages.emplace_back(text_view(payload, "payloads"));
    MockCluster& cluster = self.get();
    without_gil([&] { cluster.produce(topic, messages, partition); });
}

py::list read(const PyMockCluster& self, const std::string& topic, std::size_t count,
              double timeout) {
    MockCluster& cluster = self.get();
    const auto limit = seconds_option(timeout, "timeout", true);
    const auto payloads = without_gil([&] { return cluster.read(topic, count, limit); });
    py::list out;
    for (const std::string& payload : payloads) out.append(py::bytes(payload));
    return out;
}

}  // namespace

void register_testing(py::module_& module) {
    py::class_<PyMockCluster>(module, "MockCluster",
                              R"(librdkafka's in-process Kafka cluster, for tests.

MockCluster(brokers=1) listens on loopback ports; settings(company) gives plaintext
KafkaSettings for it. Experimental in librdkafka: never use it in production. The mock holds
a rebalance for the joining members' session timeout, so tests pass
properties={"session.timeout.ms": "4000", "heartbeat.interval.ms": "1000"} to settings() for
a restarted consumer to join within seconds.)")
        .def(py::init<int>(), py::arg("brokers") = 1)
        .def_property_readonly("bootstrap_servers", &PyMockCluster::bootstrap_servers,
                               "'127.0.0.1:port,...'")
        .def("settings", &settings, py::arg("company"), py::arg("properties") = py::none(),
             "Plaintext KafkaSettings for this cluster and `company`, plus librdkafka "
             "`properties`.")
        .def(
            "create_topic",
            [](const PyMockCluster& self, const std::string& topic, int partitions) {
                self.get().create_topic(topic, partitions);
            },
            py::arg("topic"), py::arg("partitions") = 1)
        .def(
            "push_request_errors",
            [](const PyMockCluster& self, const std::string& api, const std::vector<int>& codes) {
                self.get().push_request_errors(api_of(api), codes);
            },
            py::arg("api"), py::arg("error_codes"),
            "Makes the next requests of `api` ('produce', 'fetch', 'offset_commit', "
            "'join_group') fail with these Kafka error codes (6 NOT_LEADER_OR_FOLLOWER ...).")
        .def("produce", &produce, py::arg("topic"), py::arg("payloads"), py::arg("partition") = -1,
             "Writes raw payloads (bytes or str) and waits until all are acknowledged.")
        .def("read", &read, py::arg("topic"), py::arg("count"), py::arg("timeout") = 10.0,
             "Reads `topic` from the beginning until `count` payloads arrived or `timeout` "
             "seconds passed; returns the payloads read.")
        .def("close", &PyMockCluster::close, "Stops the cluster.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](PyMockCluster& self, py::handle, py::handle, py::handle) {
                self.close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__",
             [](const PyMockCluster& self) {
                 return "<odoobridge.rosdomofon_testing.MockCluster bootstrap_servers='" +
                        self.bootstrap_servers() + "'>";
             })
        .attr("__module__") = "odoobridge.rosdomofon_testing";
}

}  // namespace odoobridge::python::rd
