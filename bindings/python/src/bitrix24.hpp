#pragma once
/// \file
/// What the Bitrix24 binding files share (`odoobridge.bitrix24`, built in the submodule
/// `odoobridge._native.bitrix24`): their registration functions, the connection behind a
/// Python `Client`, the exception conversion, and the page-mode and JSON-argument helpers.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <functional>
#include <memory>
#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/pager.hpp>
#include <string>
#include <utility>

#include "closable_client.hpp"

namespace odoobridge::python::bitrix24 {

namespace py = pybind11;
namespace b24 = odoobridge::bitrix24;

/// The module the classes are shown in.
inline constexpr const char* kPublicModule = "odoobridge.bitrix24";

/// Each registers its classes and functions in `module` (odoobridge._native.bitrix24).
/// Errors first: the others use the exception classes.
void register_errors(py::module_& module, py::module_& native);
void register_records(py::module_& module);
void register_batch(py::module_& module);
void register_list(py::module_& module);
void register_client(py::module_& module);
void register_events(py::module_& module);

/// The Python exception instance of `error`: the odoobridge.bitrix24 class of a Bitrix24
/// error, else what odoobridge's own translation gives (TransportError ...); an empty object
/// for exceptions that are not `odoobridge::Error`s. Needs the GIL.
[[nodiscard]] py::object exception_object(const std::exception_ptr& error);

/// "batched", "classic" or "fast" as a `PageMode`. \throws ValueError for anything else.
[[nodiscard]] b24::PageMode page_mode(const std::string& name);

/// A JSON object from a dict (None gives {}), for REST parameters; `what` names the
/// argument. \throws TypeError for anything but a dict.
[[nodiscard]] json params_of(py::handle value, const char* what);

/// The connection of one Python `Client`, shared with its list iterators.
using Connection = ClosableClient<b24::Client>;

/// A Python `odoobridge.bitrix24.Client`: the connection plus what is safe to show.
struct PyClient {
    std::shared_ptr<Connection> connection;
    std::string endpoint;  ///< REST base, webhook code masked
    std::string auth;      ///< "webhook" or "oauth"
};

/// Converts one row of a list to its Python object (a dict, or a record); runs with the
/// GIL held.
using RowConverter = std::function<py::object(const json& row)>;

/// A lazy `ListIterator` over `spec`'s rows, fetched through `client`'s connection.
/// \throws odoobridge.ConfigurationError when the spec cannot work (`Pager`'s checks).
[[nodiscard]] py::object make_list(const PyClient& client, b24::ListSpec spec, b24::PageMode mode,
                                   RowConverter convert);

/// Adds the typed methods (users, tasks, calendar, notifications, CRM) to `Client`.
void register_typed_methods(py::class_<PyClient>& client);

}  // namespace odoobridge::python::bitrix24
