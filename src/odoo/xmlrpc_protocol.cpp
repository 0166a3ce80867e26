// The XML-RPC protocol: POST <url>/xmlrpc/2/{common,object,db}, documents written and read by
// the project's own codec (xmlrpc_codec.hpp), Odoo's numeric fault codes mapped to the same
// exception classes the other protocols report.

#include <array>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/errors.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "protocol_support.hpp"
#include "xmlrpc_codec.hpp"

namespace odoobridge::odoo {

namespace {

/// How Odoo's /xmlrpc/2 endpoints report an exception (odoo/addons/base/controllers/rpc.py,
/// `xmlrpc_handle_exception_int`), and the server class we recover from each fault. The
/// first row whose code matches and whose prefix starts the faultString wins.
///
///   code  Odoo raised                            faultString          server_class reported
///   ----  -------------------------------------  -------------------  ----------------------
///   1     any other exception                    Python traceback     read from the
///                                                                     traceback's exception
///                                                                     line ("builtins." added
///                                                                     for built-in classes)
///   2     UserError and subclasses, including    str(exception)       by message prefix:
///         MissingError, ValidationError and                           MissingError,
///         "Object x doesn't exist"                                    ValidationError (the
///                                                                     wording of required
///                                                                     fields and SQL
///                                                                     constraints), else
///                                                                     UserError
///   3     AccessDenied                           str(exception)       AccessDenied
///   4     AccessError                            str(exception)       AccessError
///   else  (not sent by Odoo)                     as sent              none: ServerError, the
///                                                                     code in the message
///
/// Code 2 loses the class, so the message decides. The prefixes are Odoo's English wording
/// (the same server answer gives these classes over JSON-RPC, see the odoo16 captures);
/// a ValidationError raised by a Python constraint, or a message translated into the
/// user's language, arrives as UserError, which ValidationError and MissingError derive from.
struct FaultRule {
    int code;
    std::string_view message_prefix;
    std::string_view server_class;  ///< empty: read the class from the traceback
};
constexpr std::array<FaultRule, 6> fault_rules{{
    {1, "", ""},
    {2, "Record does not exist or has been deleted", "odoo.exceptions.MissingError"},
    {2, "The operation cannot be completed", "odoo.exceptions.ValidationError"},
    {2, "", "odoo.exceptions.UserError"},
    {3, "", "odoo.exceptions.AccessDenied"},
    {4, "", "odoo.exceptions.AccessError"},
}};

constexpr std::string_view expected_answer = "an XML-RPC answer (HTTP 200, text/xml)";

std::string_view trim(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool is_class_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.back() == '.' ||
        (name.front() >= '0' && name.front() <= '9'))
        return false;
    for (const char c : name) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '.';
        if (!word) return false;
    }
    return true;
}

struct PythonException {
    std::string server_class;
    std::string message;
};

/// The exception a Python traceback ends with. After the last "Traceback (most recent call
/// last):" come indented frame lines, then, at column 0, "module.Class: message" (the
/// message may continue on further lines), or "Class: message" for built-in classes.
std::optional<PythonException> parse_traceback(std::string_view text) {
    constexpr std::string_view marker = "Traceback (most recent call last):";
    const auto start = text.rfind(marker);
    if (start == std::string_view::npos) return std::nullopt;
    std::string_view rest = text.substr(start + marker.size());
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        if (!line.empty() && line.front() != ' ' && line.front() != '\t') break;
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    const auto line_end = rest.find('\n');
    const auto colon = rest.find(':');
    const bool has_message = colon != std::string_view::npos && colon < line_end;
    const std::string_view name = trim(rest.substr(0, has_message ? colon : line_end));
    if (!is_class_name(name)) return std::nullopt;
    PythonException exception;
    exception.server_class = name.find('.') == std::string_view::npos
                                 ? "builtins." + std::string(name)
                                 : std::string(name);
    if (has_message) exception.message = std::string(trim(rest.substr(colon + 1)));
    return exception;
}

/// Fills the server class and message of `details` from `fault` (see `fault_rules`).
void fill_from_fault(const detail::xmlrpc::Fault& fault, ErrorDetails& details) {
    details.debug = fault.message;
    for (const FaultRule& rule : fault_rules) {
        if (rule.code != fault.code || !fault.message.starts_with(rule.message_prefix)) continue;
        if (!rule.server_class.empty()) {
            details.server_class = std::string(rule.server_class);
            details.server_message = fault.message;
        } else if (auto exception = parse_traceback(fault.message)) {
            details.server_class = std::move(exception->server_class);
            details.server_message = std::move(exception->message);
        } else {
            details.server_message = std::string(trim(fault.message));
        }
        return;
    }
    details.server_message = "XML-RPC fault " + std::to_string(fault.code) +
                             " (Odoo sends codes 1 to 4 only; is this an Odoo server?): " +
                             std::string(trim(fault.message));
}

/// One of Odoo's XML-RPC services.
struct Service {
    std::string name;      ///< "common", "object", "db"
    std::string url;       ///< full URL
    std::string endpoint;  ///< redacted URL, for messages
};

class XmlRpcProtocol final : public Protocol {
public:
    explicit XmlRpcProtocol(Connection connection)
        : Protocol(std::move(connection)),
          common_(service("common")),
          object_(service("object")),
          db_(service("db")),
          database_(this->connection().database),
          secret_(secret_of(this->connection().credentials)) {}

    [[nodiscard]] ProtocolKind kind() const noexcept override { return ProtocolKind::xmlrpc; }

    [[nodiscard]] ServerVersion version() override {
        return parse_server_version(call_service(common_, "version", {}), common_.endpoint);
    }

    [[nodiscard]] std::vector<std::string> list_databases() override {
        const json names = call_service(db_, "list", {});
        std::vector<std::string> databases;
        if (names.is_array()) {
            for (const auto& name : names) {
                if (!name.is_string()) break;
                databases.push_back(name.get<std::string>());
            }
        }
        if (!names.is_array() || databases.size() != names.size())
            throw MalformedResponseError(
                db_.endpoint + " answered db.list with '" + core::body_excerpt(names.dump()) +
                    "' where a list of database names was expected; check that the URL points "
                    "at an Odoo server",
                db_.endpoint, 200);
        return databases;
    }

    int authenticate() override {
        std::lock_guard lock(login_mutex_);
        return log_in();
    }

protected:
    [[nodiscard]] core::Request encode_call(const Call& call) override {
        const detail::CallName call_name(call);
        if (!call.args.is_array())
            throw ConfigurationError("the args of " + std::string(call_name.view()) +
                                     " must be a JSON array, got " +
                                     std::string(call.args.type_name()));
        if (!call.kwargs.is_object())
            throw ConfigurationError("the kwargs of " + std::string(call_name.view()) +
                                     " must be a JSON object, got " +
                                     std::string(call.kwargs.type_name()));
        if (uid() == 0) {
            // Log in lazily, once even when several threads make their first call together.
            std::lock_guard lock(login_mutex_);
            if (uid() == 0) log_in();
        }
        const json user = uid();
        const json model = call.model;
        const json method = call.method;
        const std::array<detail::xmlrpc::NamedParam, 7> params{{{"database", database_},
                                                                {"uid", user},
                                                                {"password", secret_},
                                                                {"model", model},
                                                                {"method", method},
                                                                {"args", call.args},
                                                                {"kwargs", call.kwargs}}};
        // execute_kw(db, uid, password, model, method, args[, kwargs]): Odoo treats a missing
        // kwargs as {}, so an empty one is not sent.
        const std::size_t count = call.kwargs.empty() ? params.size() - 1 : params.size();
        std::string body = detail::xmlrpc::write_call("execute_kw", std::span(params).first(count),
                                                      call_name.view());
        return make_request(object_, std::move(body));
    }

    [[nodiscard]] json decode_call(const Call& call, const core::Response& response) override {
        return decode(call, response, object_.endpoint);
    }

    void decode_records(const Call& call, const core::Response& response,
                        RecordsReceiver& receiver) override {
        receiver.from_value(decode(call, response, object_.endpoint),
                            {call.model, object_.endpoint, response.status});
    }

private:
    [[nodiscard]] Service service(std::string name) const {
        std::string url = endpoint_url("/xmlrpc/2/" + name);
        std::string endpoint = core::redact_url(url);
        return Service{std::move(name), std::move(url), std::move(endpoint)};
    }

    [[nodiscard]] static core::Request make_request(const Service& service, std::string body) {
        core::Request request;
        request.method = "POST";
        request.url = service.url;
        request.headers = {{"Content-Type", "text/xml"}};
        request.body = std::move(body);  // holds the password: never logged
        return request;
    }

    /// The result in `response`, or the mapped exception. Shared by object calls and the
    /// common/db service calls.
    [[nodiscard]] json decode(const Call& call, const core::Response& response,
                              const std::string& endpoint) const {
        if (response.status != 200 || !detail::has_media_type(response, {"text/xml"}))
            detail::throw_unexpected_response(response, endpoint, expected_answer);
        detail::xmlrpc::Reply reply =
            detail::xmlrpc::read_response(response.body, endpoint, response.status);
        if (auto* result = std::get_if<json>(&reply)) return std::move(*result);
        ErrorDetails details = detail::details_for(call, kind(), endpoint, response.status);
        fill_from_fault(std::get<detail::xmlrpc::Fault>(reply), details);
        throw_server_error(std::move(details));
    }

    /// Calls `service.method(params...)` and returns its result.
    [[nodiscard]] json call_service(const Service& service, std::string_view method,
                                    std::initializer_list<detail::xmlrpc::NamedParam> params) {
        const std::string call_name = service.name + "." + std::string(method);
        const core::Request request = make_request(
            service,
            detail::xmlrpc::write_call(method, {params.begin(), params.size()}, call_name));
        const core::Response response = connection().transport->send(request);
        return decode(Call{"", std::string(method)}, response, service.endpoint);
    }

    /// common.login; the caller holds `login_mutex_`.
    int log_in() {
        const Connection& c = connection();
        const json database = c.database;
        const json login = login_of(c.credentials);
        const json secret = secret_of(c.credentials);
        const json result = call_service(
            common_, "login", {{"database", database}, {"login", login}, {"password", secret}});
        // decode() lets only HTTP 200 answers through.
        constexpr int http_ok = 200;
        if (result.is_boolean() && !result.get<bool>())
            detail::throw_login_refused(c, kind(), common_.endpoint, http_ok);
        if (!result.is_number_integer() || result.get<std::int64_t>() <= 0 ||
            result.get<std::int64_t>() > INT_MAX)
            throw MalformedResponseError(
                common_.endpoint + " answered common.login with '" +
                    core::body_excerpt(result.dump()) +
                    "' where a user id or false was expected; check that the URL points at an "
                    "Odoo server",
                common_.endpoint, http_ok);
        const int user = static_cast<int>(result.get<std::int64_t>());
        set_uid(user);
        c.logger->debug("odoo login '{}' on database '{}' over xmlrpc: uid {}",
                        login.get_ref<const std::string&>(), c.database, user);
        return user;
    }

    Service common_;
    Service object_;
    Service db_;
    const json database_;  // the first two parameters of every object call, made once
    const json secret_;    // secret: never logged
    std::mutex login_mutex_;
};

}  // namespace

namespace detail {

std::unique_ptr<Protocol> make_xmlrpc_protocol(Connection connection) {
    return std::make_unique<XmlRpcProtocol>(std::move(connection));
}

}  // namespace detail
}  // namespace odoobridge::odoo
