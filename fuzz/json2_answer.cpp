// Fuzz target: Odoo 19's JSON-2 answers (bare results, error bodies with real HTTP
// statuses, /doc-bearer method signatures), through the JSON-2 protocol's own entry points.
//
// Selector byte: bits 0-2 the HTTP status (200, 400, 401, 403, 404, 422, 500, 502); bits 3-4
// the content type (application/json, application/json; charset=utf-8, text/html, none);
// bits 5-7 the call answered with the body: 0 search_read, 1 create of one record, 2 read,
// 3 name_search, 4 GET /doc-bearer/<model>.json (a method outside the built-in signature
// table called with positional arguments), 5 authenticate (res.users.search), 6 version
// (/web/version), 7 the database list (a JSON-RPC route).

#include <array>
#include <memory>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>

#include "fuzz_support.hpp"

namespace {

namespace fz = odoobridge::fuzz;
namespace odoo = odoobridge::odoo;
namespace core = odoobridge::core;
using odoobridge::json;

odoo::Call call_for(int operation) {
    switch (operation) {
        case 1:
            return {"res.partner", "create", json::array({{{"name", "Fuzz"}}}), json::object()};
        case 2:
            return {"res.partner", "read", json::array({json::array({1, 2})}),
                    json{{"fields", {"name", "email"}}}};
        case 3:
            return {"res.partner", "name_search", json::array({"fu"}), json{{"limit", 5}}};
        case 4:
            return {"estate.property", "action_sold", json::array({json::array({1}), true}),
                    json::object()};
        default:
            return {"res.partner", "search_read", json::array({json::array()}),
                    json{{"fields", {"name"}}, {"limit", 5}}};
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::array<int, 8> statuses{200, 400, 401, 403, 404, 422, 500, 502};
    constexpr std::array<std::string_view, 4> media_types{
        "application/json", "application/json; charset=utf-8", "text/html; charset=utf-8", ""};
    const fz::Input input(data, size);
    const int operation = input.selector >> 5;
    const core::Response answer = fz::response(statuses[input.selector & 7],
                                               media_types[(input.selector >> 3) & 3], input.body);

    // Request 0 gets the answer under test; a call after a /doc-bearer fetch succeeds.
    auto transport = std::make_shared<fz::ScriptedTransport>(
        [&answer](const core::Request&, int index) {
            return index == 0 ? answer : fz::response(200, "application/json", "true");
        },
        2);
    fz::run_decoder([&] {
        const auto protocol = odoo::make_protocol(
            odoo::ProtocolKind::json2,
            {"https://erp.example.kz", "fuzzdb", odoo::ApiKey{"admin", std::string(fz::secret)},
             transport, nullptr});
        switch (operation) {
            case 5:
                (void)protocol->authenticate();
                break;
            case 6:
                (void)protocol->version();
                break;
            case 7:
                (void)protocol->list_databases();
                break;
            default:
                (void)protocol->execute_kw(call_for(operation));
                break;
        }
    });
    return 0;
}
