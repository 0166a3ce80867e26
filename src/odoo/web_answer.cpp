// The answers of Odoo's web (http) routes, as its http layer gives them: a route that raises
// UserError answers 400, AccessError 403, anything else 500, each with werkzeug's error page
// (`<title>..</title><h1>..</h1><p>message</p>`), and a request without a valid session is
// redirected to the login page. Proxies' error pages have no `<p>` message and are reported
// as unexpected answers.

#include <array>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "protocol_support.hpp"
#include "web_session.hpp"

namespace odoobridge::odoo::detail {

namespace {

/// `text` with the entities werkzeug's escape() writes turned back into characters, and
/// `<br>` (how werkzeug writes a newline) into "\n".
std::string unescape_html(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> entities{{
        {"<br>", "\n"},
        {"&amp;", "&"},
        {"&lt;", "<"},
        {"&gt;", ">"},
        {"&quot;", "\""},
        {"&#34;", "\""},
        {"&#39;", "'"},
        {"&#x27;", "'"},
    }};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        for (const auto& [entity, character] : entities) {
            if (text.substr(i, entity.size()) == entity) {
                out += character;
                i += entity.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

/// The message of a werkzeug error page (its `<p>` paragraph), or nothing when `body` is
/// not one.
std::optional<std::string> werkzeug_message(const core::Response& response) {
    if (response.media_type() != "text/html") return std::nullopt;
    const std::string_view body = response.body;
    const auto open = body.find("<p>");
    const auto close = body.rfind("</p>");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    return unescape_html(body.substr(open + 3, close - open - 3));
}

[[noreturn]] void throw_route_error(const core::Response& response, const std::string& endpoint,
                                    std::string server_class, std::string message) {
    ErrorDetails details;
    details.server_class = std::move(server_class);
    details.server_message = std::move(message);
    details.method = "web GET";
    details.protocol = std::string(to_string(ProtocolKind::session));
    details.endpoint = endpoint;
    details.http_status = response.status;
    throw_server_error(std::move(details));
}

constexpr std::string_view missing_record_message = "Record does not exist or has been deleted";

}  // namespace

core::Response check_web_answer(core::Response response, const std::string& endpoint,
                                std::string_view expected_media_type) {
    const std::string type = response.media_type();
    const std::string expected = expected_media_type.empty()
                                     ? std::string("a successful answer")
                                     : "an answer of type " + std::string(expected_media_type);
    if (response.status == 200) {
        if (expected_media_type.empty() || type == expected_media_type) return response;
        if (type == "text/html")
            throw UnexpectedResponseError(
                endpoint + " answered an HTML page where " + expected +
                    " was expected, even after logging in again: most likely Odoo's login "
                    "page. Odoo refuses API keys for web logins, so a web route needs the "
                    "user's password (ClientOptions.credentials = odoo::Password{...}); also "
                    "check that no proxy drops the session_id cookie.",
                endpoint, response.status);
        throw_unexpected_response(response, endpoint, expected);
    }
    if (response.status == 404)
        throw UnexpectedResponseError(
            endpoint +
                " answered HTTP 404: the server has no such web route. Check the path "
                "(e.g. the report name) and that the Odoo module serving it is installed.",
            endpoint, response.status);
    if (auto message = werkzeug_message(response)) {
        if (response.status == 400) {
            const bool missing = message->starts_with(missing_record_message);
            throw_route_error(
                response, endpoint,
                missing ? "odoo.exceptions.MissingError" : "odoo.exceptions.UserError",
                std::move(*message));
        }
        if (response.status == 403)
            throw_route_error(response, endpoint, "werkzeug.exceptions.Forbidden",
                              std::move(*message));
        if (response.status == 500)
            throw_route_error(response, endpoint, "werkzeug.exceptions.InternalServerError",
                              *message +
                                  " (Odoo hides the cause of a 500 from web routes: its "
                                  "server log has the traceback; a wrong report name is "
                                  "a common one)");
    }
    throw_unexpected_response(response, endpoint, expected);
}

}  // namespace odoobridge::odoo::detail
