#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <odoobridge/odoo/protocol.hpp>
#include <optional>
#include <utility>

#include "protocol_support.hpp"

namespace odoobridge::odoo {

namespace {
constexpr std::array<std::pair<std::string_view, ProtocolKind>, 6> protocol_names{{
    {"automatic", ProtocolKind::automatic},
    {"auto", ProtocolKind::automatic},
    {"xmlrpc", ProtocolKind::xmlrpc},
    {"jsonrpc", ProtocolKind::jsonrpc},
    {"session", ProtocolKind::session},
    {"json2", ProtocolKind::json2},
}};
}  // namespace

std::string_view to_string(ProtocolKind kind) noexcept {
    for (const auto& [name, value] : protocol_names)
        if (value == kind) return name;
    return "unknown";
}

ProtocolKind parse_protocol_kind(std::string_view name) {
    for (const auto& [known, value] : protocol_names)
        if (known == name) return value;
    throw ConfigurationError("unknown Odoo protocol '" + std::string(name) +
                             "': use one of auto, xmlrpc, jsonrpc, session, json2");
}

const std::string& login_of(const Credentials& credentials) noexcept {
    return std::visit([](const auto& c) -> const std::string& { return c.login; }, credentials);
}

const std::string& secret_of(const Credentials& credentials) noexcept {
    struct Visitor {
        const std::string& operator()(const Password& p) const { return p.password; }
        const std::string& operator()(const ApiKey& k) const { return k.key; }
    };
    return std::visit(Visitor{}, credentials);
}

Protocol::Protocol(Connection connection) : connection_(std::move(connection)) {
    if (!connection_.transport)
        throw ConfigurationError("Odoo protocol needs a transport (Connection.transport is null)");
    connection_.logger = core::logger_or_silent(std::move(connection_.logger));
    while (!connection_.url.empty() && connection_.url.back() == '/') connection_.url.pop_back();
}

std::string Protocol::endpoint_url(std::string_view path) const {
    return connection_.url + std::string(path);
}

template <class Decode>
auto Protocol::send_and_decode(const Call& call, Decode&& decode) {
    const bool timed = connection_.logger->should_log(spdlog::level::debug);
    const auto started =
        timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
    for (bool renewed = false;; renewed = true) {
        const core::Request request = encode_call(call);
        const core::Response response = connection_.transport->send(request);
        try {
            auto result = decode(response);
            if (timed)
                connection_.logger->debug("odoo {}.{} over {}: {} ms", call.model, call.method,
                                          to_string(kind()),
                                          std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - started)
                                              .count());
            return result;
        } catch (const ProtocolError&) {
            core::rethrow_with_secrets_masked({secret_of(connection_.credentials)});
        } catch (const SessionExpiredError&) {
            if (renewed || !renew_session()) throw;
            connection_.logger->info("odoo session expired; re-authenticated once, resending {}.{}",
                                     call.model, call.method);
        }
    }
}

json Protocol::execute_kw(const Call& call) {
    return send_and_decode(
        call, [&](const core::Response& response) { return decode_call(call, response); });
}

void Protocol::execute_records(const Call& call, RecordsReceiver& receiver) {
    send_and_decode(call, [&](const core::Response& response) {
        decode_records(call, response, receiver);
        return true;
    });
}

std::vector<core::Outcome<json>> Protocol::execute_all(std::span<const Call> calls) {
    // Calls whose request cannot be built fail alone; the others go out together.
    std::vector<std::optional<core::Outcome<json>>> outcomes(calls.size());
    std::vector<core::Request> requests;
    std::vector<std::size_t> sent;  // index in `calls` of each request
    requests.reserve(calls.size());
    sent.reserve(calls.size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        try {
            requests.push_back(encode_call(calls[i]));
            sent.push_back(i);
        } catch (...) {
            outcomes[i].emplace(std::current_exception());
        }
    }
    // Each answer is decoded as soon as it is in, while the others are still on the way.
    // Calls that found the session expired are sent again after the batch, through
    // execute_kw, which renews the session once for all of them.
    std::vector<std::size_t> expired;
    connection_.transport->send_each(
        requests, [&](std::size_t r, core::Outcome<core::Response> response) {
            const std::size_t i = sent[r];
            try {
                outcomes[i].emplace(decode_call(calls[i], response.value()));
            } catch (const SessionExpiredError&) {
                expired.push_back(i);
            } catch (const ProtocolError&) {
                try {
                    core::rethrow_with_secrets_masked({secret_of(connection_.credentials)});
                } catch (...) {
                    outcomes[i].emplace(std::current_exception());
                }
            } catch (...) {
                outcomes[i].emplace(std::current_exception());
            }
        });
    std::ranges::sort(expired);  // resend in call order
    for (const std::size_t i : expired) {
        try {
            outcomes[i].emplace(execute_kw(calls[i]));
        } catch (...) {
            outcomes[i].emplace(std::current_exception());
        }
    }
    std::vector<core::Outcome<json>> results;
    results.reserve(calls.size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        if (!outcomes[i])  // a transport that skipped a request breaks its contract
            outcomes[i].emplace(std::make_exception_ptr(
                TransportError("the transport gave no outcome for call " + std::to_string(i) +
                               " (" + calls[i].model + "." + calls[i].method +
                               ") of execute_many; this is a bug "
                               "in the transport: report it")));
        results.push_back(std::move(*outcomes[i]));
    }
    return results;
}

std::unique_ptr<Protocol> make_protocol(ProtocolKind kind, Connection connection) {
    switch (kind) {
        case ProtocolKind::xmlrpc:
            return detail::make_xmlrpc_protocol(std::move(connection));
        case ProtocolKind::jsonrpc:
            return detail::make_jsonrpc_protocol(std::move(connection));
        case ProtocolKind::session:
            return detail::make_session_protocol(std::move(connection));
        case ProtocolKind::json2:
            if (!std::holds_alternative<ApiKey>(connection.credentials))
                throw ConfigurationError(
                    "the JSON-2 protocol authenticates with an API key only: pass "
                    "odoo::ApiKey{login, key} (create one in Odoo under Preferences > Account "
                    "Security) or choose another protocol");
            return detail::make_json2_protocol(std::move(connection));
        case ProtocolKind::automatic:
            break;
    }
    throw ConfigurationError(
        "make_protocol needs a concrete protocol; Client::connect resolves "
        "'automatic'");
}

ServerVersion parse_server_version(const json& raw, const std::string& endpoint) {
    const json* info = nullptr;
    if (raw.is_object()) {
        if (auto it = raw.find("server_version_info"); it != raw.end())
            info = &*it;
        else if (auto it2 = raw.find("version_info"); it2 != raw.end())
            info = &*it2;
    }
    if (info == nullptr || !info->is_array() || info->empty() || !(*info)[0].is_number_integer())
        throw MalformedResponseError("the version answer from " + endpoint +
                                         " has no server_version_info/version_info list: '" +
                                         core::body_excerpt(raw.dump()) + "'",
                                     endpoint);
    ServerVersion version;
    version.major = (*info)[0].get<int>();
    if (info->size() > 1 && (*info)[1].is_number_integer()) version.minor = (*info)[1].get<int>();
    if (auto it = raw.find("server_version"); it != raw.end() && it->is_string())
        version.version = it->get<std::string>();
    else if (auto it2 = raw.find("version"); it2 != raw.end() && it2->is_string())
        version.version = it2->get<std::string>();
    else
        version.version = std::to_string(version.major) + "." + std::to_string(version.minor);
    version.raw = raw;
    return version;
}

namespace detail {

CallName::CallName(const Call& call) : size_(call.model.size() + 1 + call.method.size()) {
    if (size_ > buffer_.size()) {
        long_name_ = call.model + "." + call.method;
        data_ = long_name_.data();
        return;
    }
    char* end = std::copy(call.model.begin(), call.model.end(), buffer_.data());
    *end++ = '.';
    std::copy(call.method.begin(), call.method.end(), end);
    data_ = buffer_.data();
}

ErrorDetails details_for(const Call& call, ProtocolKind kind, const std::string& endpoint,
                         int http_status) {
    ErrorDetails details;
    details.model = call.model;
    details.method = call.method;
    details.protocol = std::string(to_string(kind));
    details.endpoint = endpoint;
    details.http_status = http_status;
    return details;
}

void fill_from_error_object(const json& object, ErrorDetails& details) {
    if (!object.is_object()) return;
    if (auto it = object.find("name"); it != object.end() && it->is_string())
        details.server_class = it->get<std::string>();
    if (auto it = object.find("message"); it != object.end() && it->is_string())
        details.server_message = it->get<std::string>();
    if (auto it = object.find("debug"); it != object.end() && it->is_string())
        details.debug = it->get<std::string>();
}

bool has_media_type(const core::Response& response,
                    std::initializer_list<std::string_view> accepted) {
    // Response::media_type() without its lower-cased copy and locale calls: this runs for
    // every answer. `lower_case` is ASCII lower case.
    const auto equals_lower = [](std::string_view text, std::string_view lower_case) {
        return std::ranges::equal(text, lower_case, [](char a, char b) {
            return (a >= 'A' && a <= 'Z' ? static_cast<char>(a | 0x20) : a) == b;
        });
    };
    const auto header = std::ranges::find_if(
        response.headers, [&](const auto& h) { return equals_lower(h.first, "content-type"); });
    if (header == response.headers.end()) return false;
    std::string_view type = std::string_view(header->second).substr(0, header->second.find(';'));
    const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!type.empty() && is_space(type.back())) type.remove_suffix(1);
    while (!type.empty() && is_space(type.front())) type.remove_prefix(1);
    return std::ranges::any_of(
        accepted, [&](std::string_view lower_case) { return equals_lower(type, lower_case); });
}

void throw_unexpected_response(const core::Response& response, const std::string& endpoint,
                               std::string_view expected) {
    const std::string type = response.media_type();
    std::string hint;
    if (response.status == 429)
        hint =
            "Odoo or a proxy in front of it limits the request rate (Too Many Requests); send "
            "fewer calls at once or slow down.";
    else if (response.status == 502 || response.status == 503 || response.status == 504)
        hint =
            "A proxy or load balancer in front of Odoo could not reach it; retry later or check "
            "the Odoo service.";
    else if (response.status == 404)
        hint =
            "Check the URL (it must be Odoo's base URL, e.g. https://erp.example.com) and the "
            "database name.";
    else if (type == "text/html")
        hint =
            "This looks like a web page, not an Odoo RPC answer: check the URL and any proxy "
            "or login page in front of Odoo.";
    else
        hint =
            "Check that the URL points at an Odoo server of a version that supports this "
            "protocol.";
    throw UnexpectedResponseError(endpoint + " answered HTTP " + std::to_string(response.status) +
                                      " (" +
                                      (type.empty() ? std::string("no content type") : type) +
                                      ") where " + std::string(expected) + " was expected: '" +
                                      core::body_excerpt(response.body) + "'. " + hint,
                                  endpoint, response.status, response.retry_after());
}

void throw_login_refused(const Connection& connection, ProtocolKind kind,
                         const std::string& endpoint, int http_status) {
    ErrorDetails details;
    details.server_class = "odoo.exceptions.AccessDenied";
    details.server_message = "login '" + login_of(connection.credentials) +
                             "' was refused for database '" + connection.database +
                             "': wrong login, password or API key";
    details.method = "login";
    details.protocol = std::string(to_string(kind));
    details.endpoint = endpoint;
    details.http_status = http_status;
    throw AuthenticationError(std::move(details));
}

}  // namespace detail
}  // namespace odoobridge::odoo
