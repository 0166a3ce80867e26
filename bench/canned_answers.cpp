#include "canned_answers.hpp"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bench {

namespace {

constexpr std::string_view kXmlType = "text/xml; charset=utf-8";
constexpr std::string_view kJsonType = "application/json; charset=utf-8";
constexpr std::string_view kTextType = "text/plain; charset=utf-8";

// A fixed session id: the benchmark has one user and nothing to protect.
constexpr std::string_view kSessionCookie =
    "Set-Cookie: session_id=bench0000000000000000000000000000000000; HttpOnly; Path=/\r\n";

struct Capture {
    std::filesystem::path file;
    nlohmann::json data;

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("capture " + file.string() + ": " + what +
                                 "; restore it from the repository (tests/data/wire)");
    }
    // The response body as the server sent it (Odoo 19 captures store JSON parsed).
    [[nodiscard]] std::string response_body() const {
        const auto& body = data.at("response").at("body");
        return body.is_string() ? body.get<std::string>() : body.dump();
    }
};

Capture load_capture(const std::filesystem::path& wire_dir, std::string_view relative) {
    Capture capture{wire_dir / relative, {}};
    std::ifstream in(capture.file);
    if (!in) capture.fail("cannot be opened (pass the wire directory with --wire-dir)");
    try {
        capture.data = nlohmann::json::parse(in);
        (void)capture.data.at("response").at("body");
    } catch (const nlohmann::json::exception& e) {
        capture.fail(std::string("is not a capture file: ") + e.what());
    }
    return capture;
}

// Index just past the JSON value that starts at `pos` (after any blanks), or npos when the
// text ends first. Understands strings with escapes and nested arrays and objects.
std::size_t json_value_end(std::string_view text, std::size_t pos) {
    pos = text.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos) return pos;
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"') {
                in_string = false;
                if (depth == 0) return i + 1;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                break;
            case '[':
            case '{':
                ++depth;
                break;
            case ']':
            case '}':
                if (depth == 0) return i;  // end of a scalar that closes its container
                if (--depth == 0) return i + 1;
                break;
            case ',':
                if (depth == 0) return i;
                break;
            default:
                break;
        }
    }
    return depth == 0 && !in_string ? text.size() : std::string_view::npos;
}

// The text of the value of the first member called `key` ("key" followed by a colon).
std::string_view json_member_text(std::string_view text, std::string_view key) {
    std::string quoted(1, '"');
    quoted.append(key).push_back('"');
    for (std::size_t at = text.find(quoted); at != std::string_view::npos;
         at = text.find(quoted, at + 1)) {
        std::size_t colon = text.find_first_not_of(" \t\r\n", at + quoted.size());
        if (colon == std::string_view::npos || text[colon] != ':') continue;
        const std::size_t start = text.find_first_not_of(" \t\r\n", colon + 1);
        const std::size_t end = json_value_end(text, start);
        if (start == std::string_view::npos || end == std::string_view::npos) return {};
        return text.substr(start, end - start);
    }
    return {};
}

// The text of the first element of the JSON array `array_text`.
std::string_view first_array_element(std::string_view array_text) {
    if (array_text.empty() || array_text.front() != '[') return {};
    const std::size_t start = array_text.find_first_not_of(" \t\r\n", 1);
    const std::size_t end = json_value_end(array_text, start);
    if (start == std::string_view::npos || end == std::string_view::npos) return {};
    return array_text.substr(start, end - start);
}

std::string jsonrpc_result(const Capture& capture) {
    const std::string body = capture.response_body();
    const std::string_view result = json_member_text(body, "result");
    if (result.empty()) capture.fail("has no JSON-RPC \"result\" member");
    return std::string(result);
}

// "[<first record>]" from a search_read capture, bytes exactly as Odoo sent them.
std::string first_record_list(const Capture& capture) {
    const std::string result = jsonrpc_result(capture);
    const std::string_view record = first_array_element(result);
    if (record.empty() || record.front() != '{') capture.fail("has no record in its result");
    std::string list(1, '[');
    list.append(record).push_back(']');
    return list;
}

// An XML-RPC answer holding a list of the first record of a search_read capture.
std::string first_record_xml(const Capture& capture) {
    const std::string body = capture.response_body();
    constexpr std::string_view open = "<value><struct>";
    constexpr std::string_view close = "</struct></value>";
    const std::size_t start = body.find(open);
    const std::size_t end = start == std::string::npos ? start : body.find(close, start);
    if (end == std::string::npos) capture.fail("has no <struct> record");
    return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
           "<value><array><data>\n" +
           body.substr(start, end + close.size() - start) +
           "\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n";
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        default:
            return "Error";
    }
}

void append_response(std::string& out, int status, std::string_view content_type,
                     std::string_view body, std::string_view extra_headers = {}) {
    char length[24];
    const auto [end, ec] = std::to_chars(length, length + sizeof length, body.size());
    out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ");
    out.append(reason_phrase(status)).append("\r\nContent-Type: ").append(content_type);
    out.append("\r\nContent-Length: ").append(length, end).append("\r\n");
    out.append(extra_headers).append("\r\n").append(body);
}

// The JSON-RPC request id as sent (a number or a string), "null" when absent.
std::string_view jsonrpc_id(std::string_view body) {
    const std::string_view id = json_member_text(body, "id");
    return id.empty() ? std::string_view("null") : id;
}

void append_jsonrpc(std::string& out, std::string_view request_body, std::string_view result,
                    std::string_view extra_headers = {}) {
    std::string body;
    body.reserve(result.size() + 48);
    body.append(R"({"jsonrpc": "2.0", "id": )").append(jsonrpc_id(request_body));
    body.append(R"(, "result": )").append(result).append("}");
    append_response(out, 200, kJsonType, body, extra_headers);
}

void append_jsonrpc_unsupported(std::string& out, const HttpRequest& request) {
    std::string body = R"({"jsonrpc": "2.0", "id": )";
    body.append(jsonrpc_id(request.body));
    body.append(R"(, "error": {"code": 200, "message": "Odoo Server Error", "data": )"
                R"({"name": "builtins.NotImplementedError", "message": "canned_odoo_server )"
                R"(answers only login, version and res.partner read on )");
    body.append(request.target).append(R"(", "arguments": [], "context": {}, "debug": ""}}})");
    append_response(out, 200, kJsonType, body);
}

void append_xml_fault(std::string& out, std::string_view target) {
    std::string body =
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n"
        "<name>faultCode</name>\n<value><int>1</int></value>\n</member>\n<member>\n"
        "<name>faultString</name>\n<value><string>canned_odoo_server answers only login, "
        "version and res.partner read on ";
    body.append(target).append(
        "</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
    append_response(out, 200, kXmlType, body);
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view route_name(Route route) noexcept {
    constexpr std::array<std::string_view, static_cast<std::size_t>(Route::count_)> names{
        "xmlrpc_login",    "xmlrpc_version", "xmlrpc_read",          "jsonrpc_login",
        "jsonrpc_version", "jsonrpc_read",   "session_authenticate", "session_version",
        "session_read",    "json2_version",  "json2_read",           "json2_search_users",
        "json2_doc",       "stats",          "unsupported"};
    return names[static_cast<std::size_t>(route)];
}

CannedOdoo::CannedOdoo(const std::filesystem::path& wire_dir) {
    xml_login_ = load_capture(wire_dir, "odoo16/xmlrpc/common_login.json").response_body();
    xml_version_ = load_capture(wire_dir, "odoo16/xmlrpc/common_version.json").response_body();
    xml_read_ = first_record_xml(load_capture(wire_dir, "odoo16/xmlrpc/partner_search_read.json"));
    json_version_result_ =
        jsonrpc_result(load_capture(wire_dir, "odoo16/jsonrpc/common_version.json"));
    json_read_result_ =
        first_record_list(load_capture(wire_dir, "odoo16/jsonrpc/partner_search_read.json"));
    session_result_ = jsonrpc_result(load_capture(wire_dir, "odoo16/session/authenticate.json"));
    web_version_ = load_capture(wire_dir, "odoo19/01_web_version.json").response_body();
    doc_bearer_partner_ =
        load_capture(wire_dir, "odoo19/40_doc_bearer_res_partner.json").response_body();
}

Route CannedOdoo::answer(const HttpRequest& request, ServerStats& stats, std::string& out) const {
    const auto route = [&] {
        const std::string_view path = request.target.substr(0, request.target.find('?'));
        const std::string_view body = request.body;
        if (request.method == "GET") {
            if (path == "/web/version") {
                append_response(out, 200, kJsonType, web_version_);
                return Route::json2_version;
            }
            if (path == "/doc-bearer/res.partner.json") {
                append_response(out, 200, kJsonType, doc_bearer_partner_);
                return Route::json2_doc;
            }
            if (path == "/bench/stats") {
                const std::string counters =
                    R"({"connections": )" + std::to_string(stats.connections.load()) +
                    R"(, "requests": )" + std::to_string(stats.requests.load()) + "}";
                append_response(out, 200, kJsonType, counters);
                return Route::stats;
            }
        } else if (request.method == "POST") {
            if (path == "/xmlrpc/2/object") {
                if (contains(body, "<methodName>execute_kw</methodName>") &&
                    contains(body, ">read<")) {
                    append_response(out, 200, kXmlType, xml_read_);
                    return Route::xmlrpc_read;
                }
                append_xml_fault(out, request.target);
                return Route::unsupported;
            }
            if (path == "/xmlrpc/2/common") {
                if (contains(body, "<methodName>version</methodName>")) {
                    append_response(out, 200, kXmlType, xml_version_);
                    return Route::xmlrpc_version;
                }
                if (contains(body, "<methodName>login</methodName>") ||
                    contains(body, "<methodName>authenticate</methodName>")) {
                    append_response(out, 200, kXmlType, xml_login_);
                    return Route::xmlrpc_login;
                }
                append_xml_fault(out, request.target);
                return Route::unsupported;
            }
            if (path == "/jsonrpc") {
                if (contains(body, "\"execute_kw\"") && contains(body, "\"read\"")) {
                    append_jsonrpc(out, body, json_read_result_);
                    return Route::jsonrpc_read;
                }
                if (contains(body, "\"version\"")) {
                    append_jsonrpc(out, body, json_version_result_);
                    return Route::jsonrpc_version;
                }
                if (contains(body, "\"login\"") || contains(body, "\"authenticate\"")) {
                    append_jsonrpc(out, body, "2");
                    return Route::jsonrpc_login;
                }
                append_jsonrpc_unsupported(out, request);
                return Route::unsupported;
            }
            if (path == "/web/dataset/call_kw/res.partner/read" ||
                (path == "/web/dataset/call_kw" && contains(body, "\"read\""))) {
                append_jsonrpc(out, body, json_read_result_);
                return Route::session_read;
            }
            if (path == "/web/session/authenticate") {
                append_jsonrpc(out, body, session_result_, kSessionCookie);
                return Route::session_authenticate;
            }
            if (path == "/web/webclient/version_info") {
                append_jsonrpc(out, body, json_version_result_);
                return Route::session_version;
            }
            if (path == "/json/2/res.partner/read") {
                append_response(out, 200, kJsonType, json_read_result_);
                return Route::json2_read;
            }
            if (path == "/json/2/res.users/search") {
                append_response(out, 200, kJsonType, "[2]");
                return Route::json2_search_users;
            }
            if (path == "/web/version") {
                append_response(out, 200, kJsonType, web_version_);
                return Route::json2_version;
            }
            if (path.starts_with("/web/")) {
                append_jsonrpc_unsupported(out, request);
                return Route::unsupported;
            }
        } else {
            append_response(out, 405, kTextType,
                            "canned_odoo_server: only GET and POST are supported\n",
                            "Allow: GET, POST\r\n");
            return Route::unsupported;
        }
        std::string text = "canned_odoo_server: no canned answer for ";
        text.append(request.method).append(" ").append(path).append("\n");
        append_response(out, 404, kTextType, text);
        return Route::unsupported;
    }();
    stats.requests.fetch_add(1, std::memory_order_relaxed);
    stats.routes[static_cast<std::size_t>(route)].fetch_add(1, std::memory_order_relaxed);
    return route;
}

}  // namespace bench
