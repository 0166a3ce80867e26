// Fuzz target: Odoo's XML-RPC answers, through the XML-RPC protocol's own entry points.
// The input is the body of an HTTP 200 text/xml answer (no selector byte), given to
// `Protocol::execute_kw` (the reader, fault mapping and Python traceback parsing) and, when
// it is a valid non-fault answer, to `common.login`, `common.version` and `db.list` as well.

#include <memory>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>

#include "fuzz_support.hpp"

namespace {

namespace fz = odoobridge::fuzz;
namespace odoo = odoobridge::odoo;
using odoobridge::json;

constexpr std::string_view login_answer =
    "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><int>2</int></value>\n"
    "</param>\n</params>\n</methodResponse>\n";

/// The body under test, answered to every request after the login.
std::string current_body;

std::unique_ptr<odoo::Protocol> make(bool logged_in_answer) {
    auto transport = std::make_shared<fz::ScriptedTransport>(
        [logged_in_answer](const odoobridge::core::Request& request, int) {
            const bool login =
                logged_in_answer && request.body.find("<methodName>login<") != std::string::npos;
            return fz::response(200, "text/xml; charset=utf-8",
                                login ? login_answer : current_body);
        },
        1 << 30);
    return odoo::make_protocol(
        odoo::ProtocolKind::xmlrpc,
        {"https://erp.example.kz", "fuzzdb", odoo::Password{"admin", std::string(fz::secret)},
         transport, nullptr});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::unique_ptr<odoo::Protocol> protocol = make(true);
    current_body.assign(fz::raw_input(data, size));
    bool valid = false;
    fz::run_decoder([&] {
        const odoo::Call call{"res.partner", "search_read", json::array({json::array()}),
                              json{{"fields", {"name"}}, {"limit", 5}}};
        (void)protocol->execute_kw(call);
        valid = true;
    });
    if (!valid) return 0;
    fz::run_decoder([] { (void)make(false)->authenticate(); });
    fz::run_decoder([] { (void)protocol->version(); });
    fz::run_decoder([] { (void)protocol->list_databases(); });
    return 0;
}
