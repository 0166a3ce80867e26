#include "exit_codes.hpp"

#include "usage_error.hpp"

#include <odoobridge/core/errors.hpp>
#include <odoobridge/odoo/errors.hpp>

#include <array>

namespace odoobridge::cli {

namespace {

template <class E>
bool is(const std::exception* error) noexcept {
    return dynamic_cast<const E*>(error) != nullptr;
}

struct Rule {
    bool (*matches)(const std::exception*) noexcept;
    ErrorClass result;
};

// Most derived classes first: the first match wins.
constexpr std::array<Rule, 20> rules{{
    {is<UsageError>, {"UsageError", ExitCode::usage}},
    {is<ConfigurationError>, {"ConfigurationError", ExitCode::usage}},
    {is<odoo::AuthenticationError>, {"AuthenticationError", ExitCode::authentication}},
    {is<odoo::SessionExpiredError>, {"SessionExpiredError", ExitCode::authentication}},
    {is<odoo::AccessError>, {"AccessError", ExitCode::access}},
    {is<odoo::ValidationError>, {"ValidationError", ExitCode::user}},
    {is<odoo::MissingError>, {"MissingError", ExitCode::user}},
    {is<odoo::UserError>, {"UserError", ExitCode::user}},
    {is<odoo::ServerError>, {"ServerError", ExitCode::server}},
    {is<odoobridge::ServerError>, {"ServerError", ExitCode::server}},
    {is<ConnectionError>, {"ConnectionError", ExitCode::transport}},
    {is<TimeoutError>, {"TimeoutError", ExitCode::transport}},
    {is<TlsError>, {"TlsError", ExitCode::transport}},
    {is<ResponseTooLargeError>, {"ResponseTooLargeError", ExitCode::transport}},
    {is<TransportError>, {"TransportError", ExitCode::transport}},
    {is<UnexpectedResponseError>, {"UnexpectedResponseError", ExitCode::protocol}},
    {is<MalformedResponseError>, {"MalformedResponseError", ExitCode::protocol}},
    {is<ProtocolError>, {"ProtocolError", ExitCode::protocol}},
    {is<Error>, {"Error", ExitCode::internal}},
    {is<std::exception>, {"InternalError", ExitCode::internal}},
}};

}  // namespace

ErrorClass classify(const std::exception& error) noexcept {
    for (const auto& rule : rules)
        if (rule.matches(&error)) return rule.result;
    return {"InternalError", ExitCode::internal};
}

std::string error_line(const std::exception& error) {
    std::string line = "odoobridge: " + std::string(classify(error).name) + ": ";
    // Server messages span lines and indent with tabs; one line, single spaces.
    for (const char c : std::string_view(error.what())) {
        const bool blank = c == ' ' || (static_cast<unsigned char>(c) < 0x20);
        if (!blank)
            line += c;
        else if (line.back() != ' ')
            line += ' ';
    }
    while (line.back() == ' ') line.pop_back();
    return line;
}

}  // namespace odoobridge::cli
