// Web-session protocol, the one Odoo's own web client speaks: log in once with
// POST /web/session/authenticate, keep the `session_id` cookie it sets, and send each ORM
// call as POST /web/dataset/call_kw/<model>/<method> with that cookie. An expired session
// (JSON-RPC error code 100) is renewed by logging in again, once for all the calls that
// found it expired at the same time. The session id is a credential: it is never logged
// and never put into a message.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jsonrpc_envelope.hpp"
#include "protocol_support.hpp"
#include "web_session.hpp"

namespace odoobridge::odoo::detail {

namespace {

constexpr std::string_view session_cookie = "session_id";

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(
        a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// RFC 7230 token character (what a cookie name is made of).
bool is_token_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/// True when `rest` (the text after a comma) starts a new cookie, `name=...`, rather than
/// continuing an attribute such as `Expires=Sun, 29 Nov 2026 ...`.
bool starts_cookie_pair(std::string_view rest) noexcept {
    rest = trim(rest);
    std::size_t length = 0;
    while (length < rest.size() && is_token_char(rest[length])) ++length;
    return length > 0 && length < rest.size() && rest[length] == '=';
}

/// Splits one Set-Cookie value into the cookies it carries: normally one, several when a
/// proxy or client folded repeated Set-Cookie headers into one comma-joined line.
std::vector<std::string_view> split_set_cookie(std::string_view value) {
    std::vector<std::string_view> cookies;
    std::size_t start = 0;
    for (std::size_t comma = value.find(','); comma != std::string_view::npos;
         comma = value.find(',', comma + 1)) {
        if (!starts_cookie_pair(value.substr(comma + 1))) continue;
        cookies.push_back(value.substr(start, comma - start));
        start = comma + 1;
    }
    cookies.push_back(value.substr(start));
    return cookies;
}

/// The value `name` gets from the response's Set-Cookie headers: the last one wins, as in a
/// browser; an empty value (a deletion) counts as no cookie.
std::optional<std::string> find_set_cookie(const core::Headers& headers, std::string_view name) {
    std::optional<std::string> found;
    for (const auto& [header, value] : headers) {
        if (!iequals(header, "Set-Cookie")) continue;
        for (std::string_view cookie : split_set_cookie(value)) {
            const std::string_view pair = cookie.substr(0, cookie.find(';'));
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
            std::string_view cookie_value = trim(pair.substr(equals + 1));
            if (cookie_value.size() >= 2 && cookie_value.front() == '"' &&
                cookie_value.back() == '"')
                cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
            if (cookie_value.empty())
                found.reset();
            else
                found = std::string(cookie_value);
        }
    }
    return found;
}

/// Appends `text` with everything but RFC 3986 unreserved characters percent-encoded.
void append_path_segment(std::string& escaped, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            escaped += c;
        } else {
            escaped += '%';
            escaped += hex[u >> 4];
            escaped += hex[u & 0x0f];
        }
    }
}

/// True when `response` is where Odoo sends a web request whose session is gone: a redirect
/// to /web/login, or (once the transport followed it) an HTML page where
/// `expected_media_type` was asked for.
bool is_login_page(const core::Response& response, std::string_view expected_media_type) {
    if (response.status >= 300 && response.status < 400) {
        const auto location = response.header("Location");
        return location && location->find("/web/login") != std::string_view::npos;
    }
    return response.status == 200 && !expected_media_type.empty() &&
           expected_media_type != "text/html" && response.media_type() == "text/html";
}

/// Which session a thread's last encoded call used. Protocol::execute_kw encodes, sends,
/// decodes and, on expiry, renews on one thread, so this tells `renew_session` whether the
/// session that expired is still the current one.
struct SessionUse {
    const void* protocol = nullptr;
    std::uint64_t generation = 0;
};
thread_local SessionUse last_session_use;

class SessionProtocol final : public Protocol {
public:
    explicit SessionProtocol(Connection connection)
        : Protocol(std::move(connection)),
          authenticate_url_(endpoint_url("/web/session/authenticate")),
          redacted_base_(core::redact_url(endpoint_url(""))) {}

    [[nodiscard]] ProtocolKind kind() const noexcept override { return ProtocolKind::session; }

    [[nodiscard]] ServerVersion version() override {
        const std::string url = endpoint_url("/web/webclient/version_info");
        return parse_server_version(route_call(url, "version_info"), core::redact_url(url));
    }

    [[nodiscard]] std::vector<std::string> list_databases() override {
        const std::string url = endpoint_url("/web/database/list");
        return database_names(route_call(url, "database.list"), core::redact_url(url));
    }

    int authenticate() override {
        std::lock_guard lock(mutex_);
        return login_locked();
    }

    /// GET `path` with the session cookie: logs in first when there is no session, and once
    /// more when the answer is Odoo's login page (`is_login_page`), then sends it again.
    /// The answer goes through `check_web_answer`.
    [[nodiscard]] core::Response web_get(std::string_view path,
                                         std::string_view expected_media_type) {
        for (bool renewed = false;; renewed = true) {
            core::Request request{"GET", endpoint_url(path), {}, {}, {"Cookie"}};
            std::uint64_t used = 0;
            {
                std::lock_guard lock(mutex_);
                if (session_id_.empty()) login_locked();
                request.headers.emplace_back("Cookie",
                                             std::string(session_cookie) + "=" + session_id_);
                used = generation_;
            }
            core::Response response = connection().transport->send(request);
            if (renewed || !is_login_page(response, expected_media_type))
                return check_web_answer(std::move(response), core::redact_url(request.url),
                                        expected_media_type);
            std::lock_guard lock(mutex_);
            if (used == generation_) login_locked();  // unless another thread just did
            connection().logger->info("odoo web session expired; logged in again for a GET");
        }
    }

protected:
    [[nodiscard]] core::Request encode_call(const Call& call) override {
        check_call_shape(call);
        std::string cookie_header;
        {
            std::lock_guard lock(mutex_);
            if (session_id_.empty()) login_locked();
            cookie_header = std::string(session_cookie) + "=" + session_id_;
            last_session_use = {this, generation_};
        }
        std::string body;
        body.reserve(512);
        begin_jsonrpc_body(body);
        try {
            body += R"({"args":)";
            core::append_json(body, call.args);
            body += R"(,"kwargs":)";
            if (call.kwargs.is_null())
                body += "{}";
            else
                core::append_json(body, call.kwargs);
            body += R"(,"method":)";
            core::append_json_string(body, call.method);
            body += R"(,"model":)";
            core::append_json_string(body, call.model);
            body += '}';
        } catch (const json::type_error&) {
            throw_not_utf8(call.model, call.method);
        }
        end_jsonrpc_body(body);
        core::Request request = jsonrpc_post(endpoint_url(call_kw_path(call)), std::move(body));
        request.headers.emplace_back("Cookie", std::move(cookie_header));
        request.secret_headers.emplace_back("Cookie");
        return request;
    }

    [[nodiscard]] json decode_call(const Call& call, const core::Response& response) override {
        return decode_jsonrpc_answer(response, call, kind(), redacted_base_ + call_kw_path(call));
    }

    void decode_records(const Call& call, const core::Response& response,
                        RecordsReceiver& receiver) override {
        decode_jsonrpc_records(response, call, kind(), redacted_base_ + call_kw_path(call),
                               receiver);
    }

    /// Logs in again unless another thread already did since this thread's failing call
    /// was encoded; either way the call is worth sending again.
    bool renew_session() override {
        std::lock_guard lock(mutex_);
        const bool renewed_meanwhile =
            last_session_use.protocol == this && last_session_use.generation != generation_;
        if (!renewed_meanwhile) login_locked();
        return true;
    }

private:
    /// "/web/dataset/call_kw/<model>/<method>", both escaped.
    [[nodiscard]] static std::string call_kw_path(const Call& call) {
        std::string path = "/web/dataset/call_kw/";
        append_path_segment(path, call.model);
        path += '/';
        append_path_segment(path, call.method);
        return path;
    }

    /// POSTs `{}` to a JSON route that needs no session and returns its result.
    json route_call(const std::string& url, const std::string& name) {
        const core::Response response =
            connection().transport->send(jsonrpc_request(url, json::object(), name));
        return decode_jsonrpc_answer(response, Call{"", name}, kind(), core::redact_url(url));
    }

    /// /web/session/authenticate; stores the uid and the session cookie. The caller holds
    /// `mutex_`.
    int login_locked() {
        const Connection& c = connection();
        const std::string endpoint = core::redact_url(authenticate_url_);
        const json params{{"db", c.database},
                          {"login", login_of(c.credentials)},
                          {"password", secret_of(c.credentials)}};
        const core::Response response =
            c.transport->send(jsonrpc_request(authenticate_url_, params, "session.authenticate"));
        json result;
        try {
            result =
                decode_jsonrpc_answer(response, Call{"", "session.authenticate"}, kind(), endpoint);
        } catch (const AuthenticationError&) {
            // Odoo raises AccessDenied ("Access Denied"); say which login and database.
            throw_login_refused(c, kind(), endpoint, response.status);
        }
        const json* uid_value = nullptr;
        if (result.is_object())
            if (auto it = result.find("uid"); it != result.end()) uid_value = &*it;
        if (uid_value == nullptr)
            // The answer is not quoted: some Odoo versions put the session id in it.
            throw MalformedResponseError(
                "the login answer from " + endpoint + " has no 'uid' (the result is a JSON " +
                    result.type_name() + "); check that the URL points at an Odoo server",
                endpoint, response.status);
        const int user = uid_from(*uid_value, endpoint);
        if (user == 0) throw_login_refused(c, kind(), endpoint, response.status);
        std::optional<std::string> session = find_set_cookie(response.headers, session_cookie);
        if (!session)
            throw UnexpectedResponseError(
                endpoint +
                    " accepted the login but set no session_id cookie, so later calls "
                    "could not use the session. A proxy in front of Odoo may strip "
                    "Set-Cookie headers; check it, or use the jsonrpc protocol.",
                endpoint, response.status);
        session_id_ = std::move(*session);
        ++generation_;
        set_uid(user);
        c.logger->debug("odoo web session opened for '{}' on database '{}': uid {}",
                        login_of(c.credentials), c.database, user);
        return user;
    }

    const std::string authenticate_url_;
    const std::string redacted_base_;  // the base URL as messages show it
    std::mutex mutex_;                 // guards session_id_ and generation_, serializes logins
    std::string session_id_;           // secret: never logged
    std::uint64_t generation_ = 0;     // incremented by every successful login
};

}  // namespace

std::unique_ptr<Protocol> make_session_protocol(Connection connection) {
    return std::make_unique<SessionProtocol>(std::move(connection));
}

core::Response session_web_get(Protocol& protocol, std::string_view path,
                               std::string_view expected_media_type) {
    auto* session = dynamic_cast<SessionProtocol*>(&protocol);
    if (session == nullptr)
        throw ConfigurationError("a web GET needs the session protocol, not " +
                                 std::string(to_string(protocol.kind())));
    return session->web_get(path, expected_media_type);
}

}  // namespace odoobridge::odoo::detail
