#pragma once
// Internal helpers shared by the four protocol implementations (not installed).

#include <array>
#include <initializer_list>
#include <memory>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <string>
#include <string_view>

namespace odoobridge::odoo::detail {

/// Factories, one per protocol source file.
std::unique_ptr<Protocol> make_xmlrpc_protocol(Connection connection);
std::unique_ptr<Protocol> make_jsonrpc_protocol(Connection connection);
std::unique_ptr<Protocol> make_session_protocol(Connection connection);
std::unique_ptr<Protocol> make_json2_protocol(Connection connection);

/// Error details pre-filled with what the client knows about the call.
[[nodiscard]] ErrorDetails details_for(const Call& call, ProtocolKind kind,
                                       const std::string& endpoint, int http_status);

/// Copies `name`, `message` and `debug` of an Odoo error object (JSON-RPC `error.data`,
/// JSON-2 error body) into `details`.
void fill_from_error_object(const json& object, ErrorDetails& details);

/// Throws UnexpectedResponseError: "<endpoint> answered HTTP <status> (<type>) where
/// <expected> was expected: '<excerpt>'. <hint>".
[[noreturn]] void throw_unexpected_response(const core::Response& response,
                                            const std::string& endpoint, std::string_view expected);

/// True when the response's media type is one of `accepted`.
[[nodiscard]] bool has_media_type(const core::Response& response,
                                  std::initializer_list<std::string_view> accepted);

/// Throws AuthenticationError for a login the server refused (`false` from login, or an
/// empty uid), naming the login and database but never the secret.
[[noreturn]] void throw_login_refused(const Connection& connection, ProtocolKind kind,
                                      const std::string& endpoint, int http_status);

/// "model.method", the name of a call in messages and log lines. Kept on the stack when it
/// fits: most calls need the name at hand, but show it only when something fails.
class CallName {
public:
    explicit CallName(const Call& call);
    CallName(const CallName&) = delete;
    CallName& operator=(const CallName&) = delete;
    [[nodiscard]] std::string_view view() const noexcept { return {data_, size_}; }

private:
    std::array<char, 96> buffer_;
    std::string long_name_;  ///< the name when it does not fit in `buffer_`
    const char* data_;
    std::size_t size_;
};

}  // namespace odoobridge::odoo::detail
