// odoobridge._native.bitrix24: the compiled half of odoobridge.bitrix24 (the Bitrix24
// client, its records, batches, lists, errors and outbound events), and the small
// functions of bitrix24/client.hpp and query.hpp.

#include <odoobridge/bitrix24/client.hpp>
#include <odoobridge/bitrix24/query.hpp>
#include <string>

#include "bindings.hpp"
#include "bitrix24.hpp"
#include "convert.hpp"

namespace odoobridge::python {

namespace bitrix24 {

json params_of(py::handle value, const char* what) { return object_or_empty(value, what); }

}  // namespace bitrix24

void register_bitrix24(py::module_& module) {
    namespace b24 = bitrix24;
    py::module_ sub = module.def_submodule(
        "bitrix24", "odoobridge's compiled Bitrix24 client; use the `odoobridge.bitrix24` module.");
    b24::register_errors(sub, module);
    b24::register_records(sub);
    b24::register_batch(sub);
    b24::register_list(sub);
    b24::register_client(sub);
    b24::register_events(sub);
    sub.def("is_read_method", &odoobridge::bitrix24::is_read_method, py::arg("method"),
            "True for methods that only read (user.get, tasks.task.list, crm.item.fields ...), "
            "which the client retries after transient failures.");
    sub.def(
        "encode_php_query",
        [](py::handle params) {
            return odoobridge::bitrix24::encode_php_query(b24::params_of(params, "params"));
        },
        py::arg("params"),
        "A dict as a PHP query string (fields[PHONE][0][VALUE]=...), as batch commands send "
        "their parameters.");
    sub.def(
        "decode_php_form",
        [](py::handle body) {
            return from_json(odoobridge::bitrix24::decode_php_form(text_view(body, "body")));
        },
        py::arg("body"),
        "A form-encoded body with PHP-style keys as nested dicts of str (how events arrive).");
}

}  // namespace odoobridge::python
