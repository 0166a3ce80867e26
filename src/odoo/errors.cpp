#include <odoobridge/odoo/errors.hpp>

#include <string_view>
#include <utility>

namespace odoobridge::odoo {

namespace {

std::string describe(const ErrorDetails& details) {
    std::string_view short_class = details.server_class;
    if (const auto dot = short_class.rfind('.'); dot != std::string_view::npos)
        short_class.remove_prefix(dot + 1);
    std::string text = short_class.empty() ? std::string("Odoo error") : std::string(short_class);
    if (!details.method.empty()) {
        text += " calling ";
        text += details.model.empty() ? details.method : details.model + "." + details.method;
    }
    if (!details.protocol.empty()) text += " over " + details.protocol;
    if (!details.endpoint.empty()) text += " at " + details.endpoint;
    if (details.http_status != 0 && details.http_status != 200)
        text += " (HTTP " + std::to_string(details.http_status) + ")";
    text += ": ";
    text += details.server_message.empty() ? "(no message from the server)" : details.server_message;
    return text;
}

}  // namespace

ServerError::ServerError(ErrorDetails details)
    : odoobridge::ServerError(describe(details), details.endpoint), details_(std::move(details)) {}

void throw_server_error(ErrorDetails details) {
    const std::string_view name = details.server_class;
    if (name == "odoo.exceptions.AccessDenied" || name == "werkzeug.exceptions.Unauthorized")
        throw AuthenticationError(std::move(details));
    if (name == "odoo.exceptions.AccessError" || name == "werkzeug.exceptions.Forbidden")
        throw AccessError(std::move(details));
    if (name == "odoo.http.SessionExpiredException") throw SessionExpiredError(std::move(details));
    if (name == "odoo.exceptions.ValidationError") throw ValidationError(std::move(details));
    if (name == "odoo.exceptions.MissingError") throw MissingError(std::move(details));
    if (name == "odoo.exceptions.UserError" || name == "odoo.exceptions.RedirectWarning" ||
        name == "odoo.exceptions.except_orm")
        throw UserError(std::move(details));
    throw ServerError(std::move(details));
}

}  // namespace odoobridge::odoo
