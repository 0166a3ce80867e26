#include "envelope.hpp"

#include <charconv>
#include <cmath>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/json.hpp>

namespace odoobridge::bitrix24::detail {

namespace {

bool looks_like_json(const core::Response& response) {
    const std::string type = response.media_type();
    if (type == "application/json" || type.ends_with("+json")) return true;
    for (const char c : response.body) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        return c == '{';
    }
    return false;
}

std::string text_member(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

std::optional<std::int64_t> integer_of(const json& value) noexcept {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number_float()) {
        // Only whole numbers within std::int64_t's range may be converted: the cast of
        // anything else (1e300 as a `total`) is undefined behaviour.
        constexpr double two_to_63 = 9223372036854775808.0;
        const double number = value.get<double>();
        if (!(number >= -two_to_63 && number < two_to_63) || number != std::trunc(number))
            return std::nullopt;
        return static_cast<std::int64_t>(number);
    }
    if (!value.is_string()) return std::nullopt;
    const auto& text = value.get_ref<const std::string&>();
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return number;
}

ErrorDetails error_details(const json& error, std::string_view method, const std::string& endpoint,
                           int http_status) {
    ErrorDetails details;
    details.code = text_member(error, "error");
    details.description = text_member(error, "error_description");
    details.method = std::string(method);
    details.endpoint = endpoint;
    details.http_status = http_status;
    return details;
}

Answer decode_answer(const core::Response& response, std::string_view method,
                     const std::string& endpoint) {
    const std::string where = std::string(method) + " at " + endpoint;
    if (!looks_like_json(response))
        throw UnexpectedResponseError(
            "HTTP " + std::to_string(response.status) + " with a non-JSON body calling " + where +
                " (content type '" + response.media_type() + "', body starts with '" +
                core::body_excerpt(response.body) +
                "'); check that the URL points at the portal and that no proxy answers instead",
            endpoint, response.status, response.retry_after());
    const json body = core::parse_json_body(response.body, endpoint, response.status);
    if (body.is_object() && body.contains("error"))
        throw_server_error(error_details(body, method, endpoint, response.status));
    if (response.status != 200 || !body.is_object() || !body.contains("result"))
        throw UnexpectedResponseError(
            "HTTP " + std::to_string(response.status) + " calling " + where +
                " with neither 'result' nor 'error' in the JSON body (starts with '" +
                core::body_excerpt(response.body) +
                "'); check that the URL is a Bitrix24 REST endpoint",
            endpoint, response.status, response.retry_after());
    Answer answer;
    answer.result = body.at("result");
    if (const auto it = body.find("total"); it != body.end()) answer.total = integer_of(*it);
    if (const auto it = body.find("next"); it != body.end()) answer.next = integer_of(*it);
    if (const auto it = body.find("time"); it != body.end() && it->is_object()) answer.time = *it;
    return answer;
}

std::string webhook_code_of(std::string_view url) {
    const auto rest = url.find("/rest/");
    if (rest == std::string_view::npos) return {};
    const auto user_end = url.find('/', rest + 6);
    if (user_end == std::string_view::npos) return {};
    const auto code_end = url.find('/', user_end + 1);
    if (code_end == std::string_view::npos) return {};  // OAuth: /rest/<method>
    return std::string(url.substr(user_end + 1, code_end - user_end - 1));
}

}  // namespace odoobridge::bitrix24::detail
