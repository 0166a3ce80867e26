// odoobridge.rosdomofon.Consumer: rosdomofon::Consumer with a Python handler.
//
// run() starts the C++ consumer's loop on a helper thread and waits with the GIL released.
// Each message the C++ loop hands to its handler (or to on_malformed) is passed back to the
// thread that called run(), which takes the GIL only to call the Python callable, so the
// handler always runs on the caller's thread (thread-locals, sqlite connections ... work).
// While waiting, the main thread looks for Ctrl-C every 50 ms (interrupt.hpp): a
// KeyboardInterrupt stops the consumer gracefully (handled messages committed, group left)
// and is raised once run() ends.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <odoobridge/rosdomofon/consumer.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "bindings.hpp"
#include "interrupt.hpp"
#include "rosdomofon.hpp"

namespace odoobridge::python::rd {

namespace {

/// What the C++ consumer sees when a Python callback raised: the failure's text only (the
/// Python exception stays with the PyConsumer, under the GIL).
class CallbackRaised : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// "ValueError: CRM is down". Needs the GIL.
std::string describe(py::error_already_set& error) {
    try {
        return py::str(error.type().attr("__name__")).cast<std::string>() + ": " +
               py::str(error.value()).cast<std::string>();
    } catch (py::error_already_set&) {
        return "an exception that cannot be shown";
    }
}

class PyConsumer {
public:
    PyConsumer(const rosdomofon::KafkaOptions& settings, py::object handler,
               py::object on_malformed, const std::optional<std::string>& group_id,
               int handler_attempts, double retry_delay, const std::string& start_from)
        : handler_(std::move(handler)), on_malformed_(std::move(on_malformed)) {
        if (PyCallable_Check(handler_.ptr()) == 0)
            throw py::type_error("Consumer(handler=...) takes a callable (message, origin), not " +
                                 std::string(Py_TYPE(handler_.ptr())->tp_name));
        if (!on_malformed_.is_none() && PyCallable_Check(on_malformed_.ptr()) == 0)
            throw py::type_error("Consumer(on_malformed=...) takes a callable or None, not " +
                                 std::string(Py_TYPE(on_malformed_.ptr())->tp_name));
        rosdomofon::ConsumerOptions options;
        options.kafka = settings;
        options.group_id = group_id.value_or("");
        options.handler_attempts = handler_attempts;
        options.retry_delay = seconds_option(retry_delay, "retry_delay", true);
        options.start_from = start_from;
        options.handler = [this](const rosdomofon::IncomingMessage& message,
                                 const rosdomofon::MessageOrigin& origin) {
            Job job;
            job.call = [&] { handler_(py::cast(message), py::cast(origin)); };
            post(job);
        };
        if (!on_malformed_.is_none())
            options.on_malformed = [this](const rosdomofon::MalformedMessage& message) {
                Job job;
                job.call = [&] { on_malformed_(py::cast(message)); };
                job.is_handler = false;
                post(job);
            };
        consumer_ =
            without_gil([&] { return std::make_unique<rosdomofon::Consumer>(std::move(options)); });
        topic_ = consumer_->topic();
    }
    PyConsumer(const PyConsumer&) = delete;
    PyConsumer& operator=(const PyConsumer&) = delete;
    ~PyConsumer() { reset_without_gil(consumer_); }

    void run();

    void stop() noexcept {
        if (consumer_) consumer_->stop();
    }

    void close() {
        if (running_.load())
            throw py::value_error(
                "Consumer.close() while run() is running: call stop() and let run() return "
                "first");
        reset_without_gil(consumer_);
    }

    [[nodiscard]] const rosdomofon::Consumer& consumer() const {
        if (!consumer_)
            throw py::value_error(
                "this odoobridge.rosdomofon.Consumer is closed; create a new Consumer");
        return *consumer_;
    }
    [[nodiscard]] bool closed() const noexcept { return !consumer_; }
    [[nodiscard]] bool running() const noexcept { return running_.load(); }
    [[nodiscard]] const std::string& topic() const noexcept { return topic_; }

private:
    /// One call of a Python callable, handed from the C++ loop to the run() thread.
    struct Job {
        std::function<void()> call;  // runs with the GIL held
        bool is_handler = true;      // false: on_malformed
        bool done = false;
        std::optional<std::string> failure;
    };

    /// C++ loop thread: has `job` run on the run() thread, waits for it, and throws when the
    /// Python callable failed (so that the message is not committed).
    void post(Job& job) {
        {
            std::unique_lock lock(mutex_);
            job_ = &job;
            changed_.notify_all();
            changed_.wait(lock, [&] { return job.done; });
        }
        if (job.failure) throw CallbackRaised(*job.failure);
    }

    /// run() thread, GIL not held: calls the Python callable of `job`.
    void serve(Job& job) {
        py::gil_scoped_acquire gil;
        if (stopping_.load() || PyErr_Occurred() != nullptr) {
            job.failure = "the consumer is stopping";
            return;
        }
        try {
            job.call();
        } catch (py::error_already_set& error) {
            if (!error.matches(PyExc_Exception)) {  // KeyboardInterrupt, SystemExit ...
                fatal_.emplace(std::move(error));
                stopping_.store(true);
                consumer_->stop();
                job.failure = "the consumer is stopping";
            } else if (job.is_handler) {
                job.failure = describe(error);
                last_error_ = error.value();
            } else {
                log_callback_error(error, "Consumer on_malformed callback");
            }
        } catch (const std::exception& error) {
            job.failure = error.what();
        }
    }

    /// run() thread, GIL not held: serves jobs until the C++ loop ended.
    void serve_until_done() {
        const auto interrupted = interrupt_check();
        std::unique_lock lock(mutex_);
        while (!loop_done_) {
            if (job_ != nullptr) {
                Job& job = *std::exchange(job_, nullptr);
                lock.unlock();
                serve(job);
                lock.lock();
                job.done = true;
                changed_.notify_all();
                continue;
            }
            changed_.wait_for(lock, std::chrono::milliseconds(50),
                              [&] { return job_ != nullptr || loop_done_; });
            if (job_ != nullptr || loop_done_ || stopping_.load()) continue;
            lock.unlock();
            if (interrupted()) {  // Ctrl-C: a KeyboardInterrupt is now pending
                stopping_.store(true);
                consumer_->stop();
            }
            lock.lock();
        }
    }

    void raise_outcome(std::exception_ptr failure);

    py::object handler_;
    py::object on_malformed_;
    std::unique_ptr<rosdomofon::Consumer> consumer_;
    std::string topic_;
    std::mutex mutex_;
    std::condition_variable changed_;
    Job* job_ = nullptr;      // guarded by mutex_
    bool loop_done_ = false;  // guarded by mutex_
    std::atomic<bool> started_{false};
    std::atomic<bool> running_{false};
    std::atomic<bool> stopping_{false};           // Ctrl-C or a BaseException: refuse further calls
    py::object last_error_;                       // the handler's last exception (GIL)
    std::optional<py::error_already_set> fatal_;  // a BaseException to raise (GIL)
};

void PyConsumer::run() {
    (void)consumer();  // ValueError when closed
    if (started_.exchange(true))
        throw ConfigurationError(
            "Consumer.run() was already called; create a new Consumer to consume again");
    running_.store(true);
    std::exception_ptr failure;
    {
        py::gil_scoped_release release;
        std::thread loop([&] {
            try {
                consumer_->run();
            } catch (...) {
                failure = std::current_exception();
            }
            std::lock_guard lock(mutex_);
            loop_done_ = true;
            changed_.notify_all();
        });
        serve_until_done();
        loop.join();
    }
    running_.store(false);
    raise_outcome(failure);
}

/// Raises what ended run(), most important first: a BaseException of the handler, the
/// pending Ctrl-C, the C++ loop's error (HandlerFailedError with the handler's exception as
/// its cause).
void PyConsumer::raise_outcome(std::exception_ptr failure) {
    if (fatal_) {
        py::error_already_set error = std::move(*fatal_);
        fatal_.reset();
        throw error;
    }
    raise_pending_signal();
    if (!failure) return;
    try {
        std::rethrow_exception(failure);
    } catch (const rosdomofon::HandlerFailedError&) {
        py::object error = exception_object(failure);
        if (last_error_) {
            error.attr("cause") = last_error_;
            PyException_SetCause(error.ptr(), last_error_.inc_ref().ptr());  // steals a reference
        }
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
        throw py::error_already_set();
    }
}

}  // namespace

void register_consumer(py::module_& module) {
    py::class_<PyConsumer>(module, "Consumer", R"(Reads MESSAGES_IN_<company> in a consumer group.

handler(message: IncomingMessage, origin: MessageOrigin) is called for each message, on the
thread that called run(). At-least-once: a message is committed only after its handler
returned. A handler that raises is tried handler_attempts times (retry_delay seconds apart);
then run() raises HandlerFailedError (its __cause__ is the handler's exception) and the
message stays uncommitted, so a restarted consumer of the group receives it again.
on_malformed(MalformedMessage) receives messages that are no valid incoming message (they
are skipped; its exceptions are logged on the "odoobridge.rosdomofon" logger).)")
        .def(py::init<const rosdomofon::KafkaOptions&, py::object, py::object,
                      const std::optional<std::string>&, int, double, const std::string&>(),
             py::arg("settings"), py::kw_only(), py::arg("handler"),
             py::arg("on_malformed") = py::none(), py::arg("group_id") = py::none(),
             py::arg("handler_attempts") = 3, py::arg("retry_delay") = 0.5,
             py::arg("start_from") = "earliest",
             "Connects and subscribes. group_id defaults to the company; start_from "
             "('earliest' or 'latest') applies to a group without committed offsets.")
        .def("run", &PyConsumer::run,
             "Consumes until stop(), then commits the handled messages and leaves the group. "
             "Waits with the GIL released. Ctrl-C stops it the same way and raises "
             "KeyboardInterrupt. Raises HandlerFailedError or KafkaError. Once per consumer.")
        .def("stop", &PyConsumer::stop,
             "Makes run() return after the message being handled. From any thread, or from "
             "the handler.")
        .def_property_readonly("topic", &PyConsumer::topic, "'MESSAGES_IN_<company>'")
        .def_property_readonly(
            "handled", [](const PyConsumer& self) { return self.consumer().handled(); },
            "Messages handled successfully so far.")
        .def_property_readonly(
            "malformed", [](const PyConsumer& self) { return self.consumer().malformed(); },
            "Malformed messages skipped so far.")
        .def_property_readonly("running", &PyConsumer::running)
        .def_property_readonly("closed", &PyConsumer::closed)
        .def("close", &PyConsumer::close,
             "Leaves the group (if run() never ran) and releases the consumer.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](PyConsumer& self, py::handle, py::handle, py::handle) {
                self.stop();
                if (!self.running()) self.close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc"), py::arg("traceback"))
        .def("__repr__",
             [](const PyConsumer& self) {
                 return "<odoobridge.rosdomofon.Consumer topic='" + self.topic() + "'" +
                        (self.closed()    ? " closed>"
                         : self.running() ? " running>"
                                          : ">");
             })
        .attr("__module__") = kModule;
}

}  // namespace odoobridge::python::rd
