#pragma once
/// \file
/// The models a Python `Client.model(...)` returns: `odoobridge.odoo.Model` for a name,
/// the typed model of a record class of `odoobridge.models`.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "bindings.hpp"

namespace odoobridge::python {

/// A new Model for `name` on the session of `client` (the Python Client object, kept for
/// the `client` attribute). \throws odoobridge.ConfigurationError when `name` is empty.
[[nodiscard]] py::object make_model(py::object client, std::shared_ptr<Session> session,
                                    const std::string& name);

/// Makes the typed model of one record class: `client.model(EstateProperty)`.
using TypedModelFactory = py::object (*)(py::object client, std::shared_ptr<Session> session);

/// Registers `factory` for the Python record class `record_class` (at import).
void register_typed_model(py::handle record_class, TypedModelFactory factory);

/// The typed model of `record_class` on the session of `client`.
/// \throws TypeError when `record_class` is no record class of odoobridge.models.
[[nodiscard]] py::object make_typed_model(py::handle record_class, py::object client,
                                          std::shared_ptr<Session> session);

}  // namespace odoobridge::python
