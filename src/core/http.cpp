#include <odoobridge/core/http.hpp>

#include <algorithm>
#include <cctype>

namespace odoobridge::core {

namespace {
bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}
}  // namespace

std::optional<std::string_view> find_header(const Headers& headers,
                                            std::string_view name) noexcept {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return std::string_view(value);
    return std::nullopt;
}

std::string Response::media_type() const {
    const auto content_type = header("Content-Type");
    if (!content_type) return {};
    std::string_view type = *content_type;
    type = type.substr(0, type.find(';'));
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back())))
        type.remove_suffix(1);
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front())))
        type.remove_prefix(1);
    std::string lowered(type);
    std::ranges::transform(lowered, lowered.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered;
}

std::vector<Outcome<Response>> Transport::send_all(std::span<const Request> requests) {
    std::vector<Outcome<Response>> outcomes;
    outcomes.reserve(requests.size());
    for (const auto& request : requests) {
        try {
            outcomes.emplace_back(send(request));
        } catch (...) {
            outcomes.emplace_back(std::current_exception());
        }
    }
    return outcomes;
}

}  // namespace odoobridge::core
