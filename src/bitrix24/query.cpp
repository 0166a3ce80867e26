#include <odoobridge/bitrix24/query.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/form.hpp>
#include <vector>

namespace odoobridge::bitrix24 {

namespace {

std::string scalar_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
    return value.dump();
}

void append_pairs(std::string& out, const std::string& key, const json& value) {
    if (value.is_null()) return;
    if (value.is_object() || value.is_array()) {
        std::size_t index = 0;
        for (auto it = value.begin(); it != value.end(); ++it, ++index) {
            const std::string child =
                value.is_object() ? core::url_encode(it.key()) : std::to_string(index);
            append_pairs(out, key + "[" + child + "]", *it);
        }
        return;
    }
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += core::url_encode(scalar_text(value));
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%') {
            const bool complete = i + 2 < text.size();
            const int high = complete ? hex_value(text[i + 1]) : -1;
            const int low = complete ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                throw ConfigurationError("malformed percent escape at byte " + std::to_string(i) +
                                         " of a form-encoded text: '%' must be followed by two "
                                         "hexadecimal digits");
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// "a[b][]" → {"a", "b", ""}.
std::vector<std::string> key_path(const std::string& key) {
    std::vector<std::string> path;
    const auto open = key.find('[');
    path.push_back(key.substr(0, open));
    for (std::size_t at = open; at != std::string::npos && at < key.size();) {
        const auto close = key.find(']', at);
        if (key[at] != '[' || close == std::string::npos) break;  // PHP ignores the rest
        path.push_back(key.substr(at + 1, close - at - 1));
        at = close + 1;
    }
    return path;
}

[[noreturn]] void conflict(const std::string& key) {
    throw ConfigurationError("form field '" + key +
                             "' is both a value and a list or object in the same form; each "
                             "key must be either a plain value or have [sub] keys");
}

void assign(json& root, const std::vector<std::string>& path, std::string value,
            const std::string& key) {
    json* node = &root;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const bool last = i + 1 == path.size();
        const std::string& segment = path[i];
        if (!node->is_object() && !node->is_array()) conflict(key);
        json* child = nullptr;
        if (segment.empty() && i > 0) {
            if (node->is_object() && node->empty()) *node = json::array();
            if (!node->is_array()) conflict(key);
            node->push_back(nullptr);
            child = &node->back();
        } else {
            if (node->is_array()) conflict(key);
            child = &(*node)[segment];
        }
        if (last) {
            if (child->is_object() || child->is_array()) conflict(key);
            *child = std::move(value);
            return;
        }
        if (child->is_null()) *child = json::object();
        node = child;
    }
}

}  // namespace

std::string encode_php_query(const json& params) {
    if (!params.is_object())
        throw ConfigurationError("method parameters must be a JSON object, got " +
                                 std::string(params.type_name()));
    std::string out;
    for (const auto& [key, value] : params.items()) append_pairs(out, core::url_encode(key), value);
    return out;
}

json decode_php_form(std::string_view body) {
    json root = json::object();
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view pair = body.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        const std::string key = percent_decode(pair.substr(0, equals));
        std::string value = equals == std::string_view::npos
                                ? std::string()
                                : percent_decode(pair.substr(equals + 1));
        if (key.empty() || key.front() == '[') continue;  // PHP drops nameless fields
        assign(root, key_path(key), std::move(value), key);
    }
    return root;
}

}  // namespace odoobridge::bitrix24
