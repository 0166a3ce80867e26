#pragma once
// Loads the wire captures in tests/data/wire (copied from real Odoo 16/19 servers) and
// turns them into fake-transport answers, so decoders are tested against real bytes.

#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace odoobridge::test {

/// Directory of the wire captures (set by CMake).
inline std::string wire_dir() { return ODOOBRIDGE_TEST_WIRE_DIR; }

/// One recorded request/response pair.
struct Capture {
    std::string note;
    std::string request_method;
    std::string request_path;
    json request_headers = json::object();
    std::string request_body;  ///< exact bytes (Odoo 19 JSON bodies re-serialized)
    int status = 0;
    core::Headers response_headers;
    std::string response_body;  ///< exact bytes (Odoo 19 JSON bodies re-serialized)

    /// The response as a transport would return it.
    [[nodiscard]] core::Response response() const {
        return core::Response{status, response_headers, response_body};
    }
};

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Loads `relative` (e.g. "odoo16/jsonrpc/partner_search_read.json").
inline Capture load_capture(const std::string& relative) {
    // ordered_json keeps the recorded key order when bodies stored parsed are re-serialized.
    const nlohmann::ordered_json file =
        nlohmann::ordered_json::parse(read_text_file(wire_dir() + "/" + relative));
    auto text = [](const nlohmann::ordered_json& body) -> std::string {
        if (body.is_null()) return {};
        return body.is_string() ? body.get<std::string>() : body.dump();
    };
    Capture capture;
    capture.note = file.value("note", "");
    capture.request_method = file.at("request").at("method").get<std::string>();
    capture.request_path = file.at("request").at("path").get<std::string>();
    capture.request_headers = json::parse(file.at("request").value("headers", nlohmann::ordered_json::object()).dump());
    capture.request_body = text(file.at("request").at("body"));
    capture.status = file.at("response").at("status").get<int>();
    for (const auto& [name, value] : file.at("response").at("headers").items())
        capture.response_headers.emplace_back(name, value.get<std::string>());
    capture.response_body = text(file.at("response").at("body"));
    return capture;
}

}  // namespace odoobridge::test
