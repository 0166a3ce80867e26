// odoobridge._native: the compiled half of the odoobridge Python package. Import the public
// modules instead: `odoobridge` (errors) and `odoobridge.odoo` (Client, Model, F ...).

#include <odoobridge/version.hpp>

#include "bindings.hpp"
#include "errors.hpp"
#include "interrupt.hpp"

PYBIND11_MODULE(_native, module) {
    namespace python = odoobridge::python;
    module.doc() =
        "odoobridge's compiled core; use the `odoobridge` and `odoobridge.odoo` modules.";
    module.attr("__version__") = odoobridge::version;
    python::init_interrupt();
    python::register_errors(module);
    python::register_domain(module);
    python::register_client(module);
    python::register_model(module);
    python::register_models(module);
    python::register_bitrix24(module);
    python::register_rosdomofon(module);
}
