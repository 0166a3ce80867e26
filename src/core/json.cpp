#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>

namespace odoobridge::core {

std::string body_excerpt(std::string_view body, std::size_t max_bytes) {
    std::string excerpt;
    excerpt.reserve(std::min(body.size(), max_bytes) + 3);
    for (std::size_t i = 0; i < body.size() && i < max_bytes; ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        excerpt.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
    }
    if (body.size() > max_bytes) excerpt += "…";
    return excerpt;
}

json parse_json_body(std::string_view body, const std::string& endpoint, int http_status) {
    try {
        return json::parse(body);
    } catch (const json::parse_error& error) {
        const bool truncated = error.id == 101 && error.byte >= body.size();
        throw MalformedResponseError(
            std::string(truncated ? "truncated JSON" : "invalid JSON") + " from " + endpoint +
                " (HTTP " + std::to_string(http_status) + ", " + std::to_string(body.size()) +
                " bytes, error at byte " + std::to_string(error.byte) + "); the body starts with '" +
                body_excerpt(body) + "'. Check that the URL points at the service and that no proxy "
                "rewrites or cuts the answer.",
            endpoint, http_status);
    }
}

}  // namespace odoobridge::core
