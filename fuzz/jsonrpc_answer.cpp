// Fuzz target: Odoo's JSON-RPC 2.0 envelope (/jsonrpc and the web-session routes), through
// the JSON-RPC and session protocols' own entry points.
//
// Selector byte: bits 0-2 the call answered with the body: 0 jsonrpc execute_kw, 1 session
// call_kw, 2 jsonrpc common.login, 3 session /web/session/authenticate (the body's first
// line is the Set-Cookie header's value, the rest the body), 4 jsonrpc version, 5 jsonrpc
// db.list, 6 session version, 7 session database list; bits 3-4 the HTTP status (200, 400,
// 500, 502); bit 5 the content type (application/json, text/html).

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

constexpr std::string_view login_answer = R"({"jsonrpc": "2.0", "id": 1, "result": 2})";
constexpr std::string_view session_answer =
    R"({"jsonrpc": "2.0", "id": 1, "result": {"uid": 2, "db": "fuzzdb", "is_admin": true}})";

struct Case {
    int operation = 0;
    core::Response answer;  ///< what the call under test receives
};
Case current;

bool is_login(const core::Request& request) {
    return request.url.ends_with("/web/session/authenticate") ||
           request.body.find(R"("method":"login")") != std::string::npos;
}

/// A protocol whose logins succeed (when `fixed_login`) and whose other calls get
/// `current.answer`.
std::unique_ptr<odoo::Protocol> make(odoo::ProtocolKind kind, bool fixed_login) {
    auto transport = std::make_shared<fz::ScriptedTransport>(
        [fixed_login](const core::Request& request, int) {
            if (!fixed_login || !is_login(request)) return current.answer;
            if (!request.url.ends_with("/web/session/authenticate"))
                return fz::response(200, "application/json", login_answer);
            core::Response answer = fz::response(200, "application/json", session_answer);
            answer.headers.emplace_back("Set-Cookie", "session_id=fz0a1b2c; Path=/; HttpOnly");
            return answer;
        },
        1 << 30);
    return odoo::make_protocol(
        kind, {"https://erp.example.kz", "fuzzdb", odoo::Password{"admin", std::string(fz::secret)},
               transport, nullptr});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto jsonrpc = make(odoo::ProtocolKind::jsonrpc, true);
    static const auto session = make(odoo::ProtocolKind::session, true);
    constexpr std::array<int, 4> statuses{200, 400, 500, 502};

    const fz::Input input(data, size);
    current.operation = input.selector & 7;
    std::string_view body = input.body;
    current.answer = core::Response{};
    current.answer.status = statuses[(input.selector >> 3) & 3];
    current.answer.headers.emplace_back(
        "Content-Type", (input.selector & 0x20) ? "text/html; charset=utf-8" : "application/json");
    if (current.operation == 3) {
        const auto line_end = body.find('\n');
        if (line_end != std::string_view::npos) {
            current.answer.headers.emplace_back("Set-Cookie",
                                                std::string(body.substr(0, line_end)));
            body.remove_prefix(line_end + 1);
        }
    }
    current.answer.body = std::string(body);

    const odoo::Call call{"res.partner", "search_read", json::array({json::array()}),
                          json{{"fields", {"name"}}, {"limit", 5}}};
    fz::run_decoder([&] {
        switch (current.operation) {
            case 0:
                (void)jsonrpc->execute_kw(call);
                break;
            case 1:
                (void)session->execute_kw(call);
                break;
            case 2:
                (void)make(odoo::ProtocolKind::jsonrpc, false)->authenticate();
                break;
            case 3:
                (void)make(odoo::ProtocolKind::session, false)->authenticate();
                break;
            case 4:
                (void)jsonrpc->version();
                break;
            case 5:
                (void)jsonrpc->list_databases();
                break;
            case 6:
                (void)session->version();
                break;
            default:
                (void)session->list_databases();
                break;
        }
    });
    return 0;
}
