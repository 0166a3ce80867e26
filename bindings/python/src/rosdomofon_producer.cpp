// odoobridge.rosdomofon.Producer: send() returns a concurrent.futures.Future of the
// message's DeliveryReport and may call an on_delivery callback (on the producer's thread,
// with the GIL); send_and_wait() and flush() wait with the GIL released.

#include <algorithm>
#include <future>
#include <memory>
#include <mutex>
#include <odoobridge/rosdomofon/producer.hpp>
#include <string>
#include <utility>

#include "bindings.hpp"
#include "convert.hpp"
#include "interrupt.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

using rosdomofon::KafkaOptions;

constexpr std::chrono::milliseconds kWaitSlice{50};

/// The Python objects one send() reports to: its future and its optional callback. Lives
/// in the C++ delivery callback, which runs (and is destroyed) on librdkafka's threads.
class PythonDelivery {
public:
    PythonDelivery(py::object future, py::object callback)
        : future_(std::move(future)), callback_(std::move(callback)) {}
    PythonDelivery(const PythonDelivery&) = delete;
    PythonDelivery& operator=(const PythonDelivery&) = delete;
    ~PythonDelivery() {
        if (!future_ && !callback_) return;
        if (python_finalizing()) {  // too late to touch Python: leak the references
            (void)future_.release();
            (void)callback_.release();
            return;
        }
        py::gil_scoped_acquire gil;
        future_ = py::object();
        callback_ = py::object();
    }

    /// Sets the future's result and calls the callback; their exceptions are logged.
    void deliver(const rosdomofon::DeliveryReport& report) noexcept {
        if (python_finalizing()) return;
        py::gil_scoped_acquire gil;
        try {
            py::object value = py::cast(report);
            try {
                future_.attr("set_result")(value);
            } catch (py::error_already_set& error) {
                log_callback_error(error, "setting the DeliveryReport future");
            }
            if (callback_) {
                try {
                    callback_(value);
                } catch (py::error_already_set& error) {
                    log_callback_error(error, "Producer on_delivery callback");
                }
            }
        } catch (...) {
        }
        future_ = py::object();
        callback_ = py::object();
    }

private:
    py::object future_;
    py::object callback_;
};

/// A Python Producer. close() and the destructor wait for outstanding deliveries with the
/// GIL released (their callbacks need it).
class PyProducer {
public:
    PyProducer(const KafkaOptions& settings, double delivery_timeout) {
        rosdomofon::ProducerOptions options{settings,
                                            seconds_option(delivery_timeout, "delivery_timeout")};
        producer_ = without_gil([&] { return std::make_shared<rosdomofon::Producer>(options); });
        topic_ = producer_->topic();
    }
    PyProducer(const PyProducer&) = delete;
    PyProducer& operator=(const PyProducer&) = delete;
    ~PyProducer() { reset_without_gil(producer_); }

    /// \throws ValueError when closed.
    [[nodiscard]] std::shared_ptr<rosdomofon::Producer> get() const {
        std::lock_guard lock(mutex_);
        if (!producer_)
            throw py::value_error(
                "this odoobridge.rosdomofon.Producer is closed (close() or the end of its "
                "`with` block); create a new Producer to send more");
        return producer_;
    }
    void close() {
        std::shared_ptr<rosdomofon::Producer> released;
        {
            std::lock_guard lock(mutex_);
            released.swap(producer_);
        }
        reset_without_gil(released);
    }
    [[nodiscard]] bool closed() const {
        std::lock_guard lock(mutex_);
        return !producer_;
    }
    [[nodiscard]] const std::string& topic() const noexcept { return topic_; }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<rosdomofon::Producer> producer_;
    std::string topic_;
};

/// Runs `work(producer)` with the GIL released. Should close() have run meanwhile, this
/// call holds the last reference: the producer is then destroyed without the GIL too.
template <class Work>
auto with_producer(const PyProducer& self, Work&& work) {
    struct Reference {
        std::shared_ptr<rosdomofon::Producer> producer;
        ~Reference() {
            if (producer.use_count() == 1) reset_without_gil(producer);
        }
    } reference{self.get()};
    return without_gil([&] { return work(*reference.producer); });
}

py::object send(const PyProducer& self, rosdomofon::OutgoingMessage message,
                py::object on_delivery) {
    if (!on_delivery.is_none() && PyCallable_Check(on_delivery.ptr()) == 0)
        throw py::type_error("Producer.send(on_delivery=...) takes a callable or None, not " +
                             type_name(on_delivery));
    py::object future = py::module_::import("concurrent.futures").attr("Future")();
    future.attr("set_running_or_notify_cancel")();  // not cancellable: it is being sent
    auto delivery = std::make_shared<PythonDelivery>(
        future, on_delivery.is_none() ? py::object() : on_delivery);
    with_producer(self, [&](rosdomofon::Producer& producer) {
        producer.send(message, [delivery](const rosdomofon::DeliveryReport& report) {
            delivery->deliver(report);
        });
    });
    return future;
}

rosdomofon::DeliveryReport send_and_wait(const PyProducer& self,
                                         rosdomofon::OutgoingMessage message) {
    const auto interrupted = interrupt_check();
    auto promise = std::make_shared<std::promise<rosdomofon::DeliveryReport>>();
    auto report = promise->get_future();
    const bool arrived = with_producer(self, [&](rosdomofon::Producer& producer) {
        producer.send(message, [promise](const rosdomofon::DeliveryReport& delivered) {
            promise->set_value(delivered);
        });
        while (report.wait_for(kWaitSlice) != std::future_status::ready)
            if (interrupted()) return false;  // Ctrl-C: the message may still be delivered
        return true;
    });
    if (!arrived) throw CancelledError("Producer.send_and_wait() was interrupted");
    return report.get();
}

bool flush(const PyProducer& self, double timeout) {
    const auto limit = seconds_option(timeout, "timeout", true);
    const auto interrupted = interrupt_check();
    return with_producer(self, [&](rosdomofon::Producer& producer) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (producer.flush(std::clamp(left, std::chrono::milliseconds(0), kWaitSlice)))
                return true;
            if (left <= kWaitSlice || interrupted()) return false;
        }
    });
}

}  // namespace

void register_producer(py::module_& module) {
    py::class_<PyProducer>(module, "Producer", R"(Writes messages to MESSAGES_OUT_<company>.

Idempotent, acknowledged by all in-sync replicas, keyed by the first recipient's abonent id.
send() returns a concurrent.futures.Future of the DeliveryReport; on_delivery callbacks run on
the producer's own thread and must not call flush() or close(). Thread-safe. Use it as a
context manager, or close() it (waits up to delivery_timeout for outstanding messages).)")
        .def(py::init<const KafkaOptions&, double>(), py::arg("settings"), py::kw_only(),
             py::arg("delivery_timeout") = 30.0,
             "Raises ConfigurationError or KafkaError (a setting librdkafka refuses).")
        .def("send", &send, py::arg("message"), py::arg("on_delivery") = py::none(),
             "Queues an OutgoingMessage; returns a Future of its DeliveryReport. Raises "
             "ConfigurationError (no recipient, no text) or KafkaError.")
        .def("send_and_wait", &send_and_wait, py::arg("message"),
             "Sends and waits for the DeliveryReport (GIL released; Ctrl-C stops waiting).")
        .def("flush", &flush, py::arg("timeout") = 30.0,
             "Waits until every queued message has its report; False when `timeout` passed.")
        .def_property_readonly("topic", &PyProducer::topic, "'MESSAGES_OUT_<company>'")
        .def_property_readonly("closed", &PyProducer::closed)
        .def("close", &PyProducer::close,
             "Waits up to delivery_timeout for outstanding messages (those left are reported "
             "failed), then releases the producer.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](PyProducer& self, py::handle, py::handle, py::handle) {
                self.close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__",
             [](const PyProducer& self) {
                 return "<odoobridge.rosdomofon.Producer topic='" + self.topic() + "'" +
                        (self.closed() ? " closed>" : ">");
             })
        .attr("__module__") = kModule;
}

}  // namespace odoobridge::python::rd
