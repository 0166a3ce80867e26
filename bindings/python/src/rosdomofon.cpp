// register_rosdomofon: the submodule odoobridge._native.rosdomofon (re-exported by the
// pure-Python odoobridge.rosdomofon) and its own submodule `testing` (re-exported by
// odoobridge.rosdomofon_testing).

#include "rosdomofon.hpp"

#include <cmath>
#include <odoobridge/core/errors.hpp>
#include <string>

#include "bindings.hpp"

namespace odoobridge::python {

void register_rosdomofon(py::module_& module) {
    py::module_ rosdomofon = module.def_submodule(
        "rosdomofon", "RosDomofon's compiled half; use the `odoobridge.rosdomofon` module.");
    rd::register_errors(module, rosdomofon);
    rd::register_records(rosdomofon);
    rd::register_client(rosdomofon);
    rd::register_settings(rosdomofon);
    rd::register_producer(rosdomofon);
    rd::register_consumer(rosdomofon);
    py::module_ testing = rosdomofon.def_submodule(
        "testing", "RosDomofon test helpers; use the `odoobridge.rosdomofon_testing` module.");
    rd::register_testing(testing);
}

namespace rd {

std::chrono::milliseconds seconds_option(double seconds, const char* name, bool allow_zero) {
    if (!std::isfinite(seconds) || seconds < 0 || (seconds == 0 && !allow_zero))
        throw ConfigurationError(
            std::string(name) + "=" + std::to_string(seconds) + " is not " +
            (allow_zero ? "a number of seconds >= 0" : "a positive number of seconds"));
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

}  // namespace rd

}  // namespace odoobridge::python
