#include <odoobridge/core/logging.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace odoobridge::core {

LoggerPtr silent_logger() {
    // A logger with no sinks; constructed directly so spdlog's registry never sees it.
    static const LoggerPtr logger = [] {
        auto created = std::make_shared<spdlog::logger>("odoobridge");
        created->set_level(spdlog::level::off);
        return created;
    }();
    return logger;
}

namespace {

/// Replaces the secret code of a Bitrix24-style incoming webhook path
/// (`/rest/<user id>/<code>/...`) after `path_start` with "<redacted>".
void mask_webhook_code(std::string& url, std::size_t path_start) {
    const auto rest = url.find("/rest/", path_start);
    if (rest == std::string::npos) return;
    const auto user_start = rest + 6;
    const auto user_end = url.find('/', user_start);
    if (user_end == std::string::npos || user_end == user_start) return;
    for (auto i = user_start; i < user_end; ++i)
        if (std::isdigit(static_cast<unsigned char>(url[i])) == 0) return;
    const auto code_end = std::min(url.find('/', user_end + 1), url.size());
    if (code_end > user_end + 1) url.replace(user_end + 1, code_end - user_end - 1, "<redacted>");
}

}  // namespace

std::string redact_url(std::string_view url) {
    const auto scheme_end = url.find("://");
    const std::size_t authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    auto authority_end = url.find_first_of("/?#", authority_start);
    if (authority_end == std::string_view::npos) authority_end = url.size();
    std::string_view authority = url.substr(authority_start, authority_end - authority_start);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view path = url.substr(authority_end);
    path = path.substr(0, path.find_first_of("?#"));
    std::string redacted(url.substr(0, authority_start));
    redacted += authority;
    redacted += path;
    mask_webhook_code(redacted, authority_start + authority.size());
    return redacted;
}

bool is_secret_header(std::string_view name) noexcept {
    static constexpr std::array<std::string_view, 6> secret_names{
        "authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key",
        "x-openerp-session-id"};
    return std::ranges::any_of(secret_names, [name](std::string_view secret) {
        return std::ranges::equal(secret, name, [](unsigned char a, unsigned char b) {
            return a == std::tolower(b);
        });
    });
}

}  // namespace odoobridge::core
