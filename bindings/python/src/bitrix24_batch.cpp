// odoobridge.bitrix24.BatchResult and BatchEntry: the outcome of every command of
// Client.batch, each command's error kept as its typed exception (never swallowed: reading a
// failed command's value raises it).

#include <odoobridge/bitrix24/batch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "bitrix24.hpp"
#include "convert.hpp"

namespace odoobridge::python::bitrix24 {

namespace {

/// The Python value of an entry, or its error raised.
py::object value_of(const b24::BatchEntry& entry) {
    if (!entry.outcome.ok()) std::rethrow_exception(entry.outcome.error());
    return from_json(entry.outcome.value());
}

/// The exception object of a failed entry, or None.
py::object error_of(const b24::BatchEntry& entry) {
    if (entry.outcome.ok()) return py::none();
    py::object error = exception_object(entry.outcome.error());
    if (!error) std::rethrow_exception(entry.outcome.error());
    return error;
}

/// One command's outcome (a copy; BatchResult.entries builds them).
struct PyEntry {
    b24::BatchEntry entry;
};

void bind_entry(py::module_& module) {
    py::class_<PyEntry>(module, "BatchEntry",
                        "What one batch command returned: its result, or its typed error.")
        .def_property_readonly("key", [](const PyEntry& e) { return e.entry.key; })
        .def_property_readonly("method", [](const PyEntry& e) { return e.entry.method; })
        .def_property_readonly(
            "ok", [](const PyEntry& e) { return e.entry.outcome.ok(); },
            "True when the command succeeded.")
        .def_property_readonly(
            "result",
            [](const PyEntry& e) {
                return e.entry.outcome.ok() ? from_json(e.entry.outcome.value()) : py::none();
            },
            "The command's result, or None when it failed (see `error`).")
        .def_property_readonly(
            "error", [](const PyEntry& e) { return error_of(e.entry); },
            "The command's exception (an odoobridge.bitrix24 ServerError subclass or "
            "SkippedCommandError), or None when it succeeded.")
        .def_property_readonly(
            "total", [](const PyEntry& e) { return e.entry.total; },
            "`result_total[key]` when the portal sent it.")
        .def_property_readonly(
            "next", [](const PyEntry& e) { return e.entry.next; },
            "`result_next[key]` when the portal sent it.")
        .def(
            "value", [](const PyEntry& e) { return value_of(e.entry); },
            "The result; raises the command's own error when it failed.")
        .def("__repr__",
             [](const PyEntry& e) {
                 return "BatchEntry(key='" + e.entry.key + "', method='" + e.entry.method +
                        "', ok=" + (e.entry.outcome.ok() ? "True" : "False") + ")";
             })
        .attr("__module__") = kPublicModule;
}

const b24::BatchEntry& entry_of(const b24::BatchResult& result, const std::string& key) {
    for (const auto& entry : result.entries())
        if (entry.key == key) return entry;
    throw py::key_error("no batch command has the key '" + key + "'");
}

}  // namespace

void register_batch(py::module_& module) {
    bind_entry(module);
    py::class_<b24::BatchResult>(module, "BatchResult",
                                 R"(The outcomes of Client.batch, one per command, in command order.

result["key"] (or value("key")) is a command's result and raises that command's own error
when it failed; errors maps the failed keys to their exceptions, results the others to their
results; failed_keys lists the failures in order. Iterating gives the keys. Immutable.)")
        .def("__len__", [](const b24::BatchResult& r) { return r.entries().size(); })
        .def("__iter__",
             [](const b24::BatchResult& r) {
                 py::list keys;
                 for (const auto& entry : r.entries()) keys.append(entry.key);
                 return py::iter(keys);
             })
        .def("__contains__",
             [](const b24::BatchResult& r, const std::string& key) {
                 for (const auto& entry : r.entries())
                     if (entry.key == key) return true;
                 return false;
             })
        .def(
            "__getitem__",
            [](const b24::BatchResult& r, const std::string& key) {
                return value_of(entry_of(r, key));
            },
            py::arg("key"))
        .def(
            "value",
            [](const b24::BatchResult& r, const std::string& key) {
                return value_of(entry_of(r, key));
            },
            py::arg("key"),
            "The result of command `key`; raises its own error when it failed, KeyError for "
            "an unknown key.")
        .def(
            "ok",
            [](const b24::BatchResult& r, const std::string& key) {
                return entry_of(r, key).outcome.ok();
            },
            py::arg("key"), "True when command `key` succeeded.")
        .def(
            "error",
            [](const b24::BatchResult& r, const std::string& key) {
                return error_of(entry_of(r, key));
            },
            py::arg("key"), "The exception of command `key`, or None when it succeeded.")
        .def_property_readonly(
            "entries",
            [](const b24::BatchResult& r) {
                std::vector<PyEntry> entries;
                for (const auto& entry : r.entries()) entries.push_back(PyEntry{entry});
                return entries;
            },
            "Every command's BatchEntry, in command order.")
        .def_property_readonly(
            "results",
            [](const b24::BatchResult& r) {
                py::dict results;
                for (const auto& entry : r.entries())
                    if (entry.outcome.ok()) results[entry.key.c_str()] = value_of(entry);
                return results;
            },
            "The results of the commands that succeeded, by key.")
        .def_property_readonly(
            "errors",
            [](const b24::BatchResult& r) {
                py::dict errors;
                for (const auto& entry : r.entries())
                    if (!entry.outcome.ok()) errors[entry.key.c_str()] = error_of(entry);
                return errors;
            },
            "The exceptions of the commands that failed or were skipped, by key.")
        .def_property_readonly(
            "failed_keys", [](const b24::BatchResult& r) { return r.failed_keys(); },
            "Keys of the commands that failed or were skipped, in command order.")
        .def(
            "rethrow_first_error", [](const b24::BatchResult& r) { r.rethrow_first_error(); },
            "Raises the error of the first failed command; does nothing when all succeeded.")
        .def_property_readonly(
            "requests", [](const b24::BatchResult& r) { return r.requests(); },
            "HTTP requests the batch took (one per chunk of at most 50 commands).")
        .def("__repr__",
             [](const b24::BatchResult& r) {
                 return "<odoobridge.bitrix24.BatchResult " + std::to_string(r.entries().size()) +
                        " commands, " + std::to_string(r.failed_keys().size()) + " failed, " +
                        std::to_string(r.requests()) + " requests>";
             })
        .attr("__module__") = kPublicModule;
}

}  // namespace odoobridge::python::bitrix24
