#pragma once
// The answers of the benchmark's canned Odoo server, built once at start-up from the real
// Odoo wire captures of tests/data/wire, and the routing of a request to its answer.
// Routing looks only at the method, the path and a few substrings of the body, so the
// server costs far less per call than any client it serves.

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace bench {

/// What the router needs of one HTTP request.
struct HttpRequest {
    std::string_view method;  ///< "POST", "GET" ...
    std::string_view target;  ///< path and query as sent
    std::string_view body;
};

/// The kinds of request the server tells apart, for the per-route counters.
enum class Route : std::size_t {
    xmlrpc_login,
    xmlrpc_version,
    xmlrpc_read,
    jsonrpc_login,
    jsonrpc_version,
    jsonrpc_read,
    session_authenticate,
    session_version,
    session_read,
    json2_version,
    json2_read,
    json2_search_users,
    json2_doc,
    stats,
    unsupported,
    count_,
};

/// "xmlrpc_read", ... for the summary printed at exit.
[[nodiscard]] std::string_view route_name(Route route) noexcept;

/// Counters shared by every connection thread.
struct ServerStats {
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> requests{0};
    std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Route::count_)> routes{};
};

/// Canned answers of an Odoo 16 server (XML-RPC, JSON-RPC, web session) that also speaks
/// Odoo 19's JSON-2, all serving the same `res.partner` record (the first record of the
/// `partner_search_read` capture). Immutable after construction: safe to share between
/// threads.
class CannedOdoo {
public:
    /// Loads the captures under `wire_dir` (the tests/data/wire directory).
    /// \throws std::runtime_error naming the capture file that is missing or not shaped
    ///         as expected.
    explicit CannedOdoo(const std::filesystem::path& wire_dir);

    /// Appends the complete HTTP/1.1 response (status line, headers, body) for `request`
    /// to `out`, counts it in `stats`, and returns the route it took.
    Route answer(const HttpRequest& request, ServerStats& stats, std::string& out) const;

private:
    std::string xml_login_;
    std::string xml_version_;
    std::string xml_read_;
    std::string json_version_result_;  // the `result` member of common.version
    std::string json_read_result_;     // a JSON list holding the one record
    std::string session_result_;       // the `result` member of /web/session/authenticate
    std::string web_version_;          // GET /web/version of Odoo 19
    std::string doc_bearer_partner_;   // GET /doc-bearer/res.partner.json of Odoo 19
};

}  // namespace bench
