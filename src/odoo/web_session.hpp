#pragma once
// Internal: GET requests on Odoo's web routes (report PDFs, downloads) with a web session,
// for `Client::web_get` (not installed).

#include <odoobridge/core/http.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>
#include <string_view>

namespace odoobridge::odoo::detail {

/// GET `path` over `protocol`'s web session (session_protocol.cpp): logs in when there is
/// no session yet, renews it once when the answer is Odoo's login page, and returns the
/// answer checked by `check_web_answer`.
/// \throws ConfigurationError when `protocol` is not the session protocol; what the login
///         and `check_web_answer` throw; transport errors.
[[nodiscard]] core::Response session_web_get(Protocol& protocol, std::string_view path,
                                             std::string_view expected_media_type);

/// `response` when it is a 200 answer of `expected_media_type` (any type when empty), else
/// the error of Odoo's http layer it stands for (web_answer.cpp): a werkzeug error page of
/// 400 is the UserError (MissingError for a record that does not exist) a route raised,
/// 403 an AccessError, 500 a hidden server error; anything else, including an HTML page
/// where another type was expected (the login page), is an UnexpectedResponseError.
/// `endpoint` is the redacted URL, for messages.
[[nodiscard]] core::Response check_web_answer(core::Response response, const std::string& endpoint,
                                              std::string_view expected_media_type);

}  // namespace odoobridge::odoo::detail
