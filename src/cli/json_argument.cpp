#include "json_argument.hpp"

#include "usage_error.hpp"

#include <string>

namespace odoobridge::cli {

json parse_json_argument(std::string_view text, std::string_view what, JsonShape shape) {
    json value;
    try {
        value = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1,
        // column 5: syntax error while parsing value - ...; last read: '...'".
        std::string detail = e.what();
        if (const auto bracket = detail.find("] ");
            detail.starts_with("[json.") && bracket != std::string::npos)
            detail.erase(0, bracket + 2);
        const std::string where =
            e.byte > text.size()
                ? "at the end of its " + std::to_string(text.size()) + " bytes"
                : "at byte " + std::to_string(e.byte) + " of " + std::to_string(text.size());
        throw UsageError(std::string(what) + " is not valid JSON (" + where + "): " + detail +
                         "; put the argument in single quotes so the shell keeps its double "
                         "quotes");
    }
    const bool matches = shape == JsonShape::array ? value.is_array() : value.is_object();
    if (!matches)
        throw UsageError(std::string(what) + " must be a JSON " +
                         (shape == JsonShape::array ? "array, e.g. '[[1, 2]]'"
                                                    : "object, e.g. '{\"limit\": 5}'") +
                         ", got a JSON " + value.type_name());
    return value;
}

}  // namespace odoobridge::cli
