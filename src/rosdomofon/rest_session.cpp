#include "rest_session.hpp"

#include <algorithm>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/form.hpp>
#include <odoobridge/core/json.hpp>
#include <odoobridge/core/secret_mask.hpp>
#include <thread>
#include <utility>

namespace odoobridge::rosdomofon::detail {

namespace {

constexpr std::string_view kApiPrefix = "/abonents-service/api/v1";
constexpr std::string_view kTokenPath = "/authserver-service/oauth/token";
/// The longest `expires_in` taken as given (30 days; the service's tokens last hours). A
/// larger one is cut to this, so that the renewal instant stays representable (steady_clock
/// counts nanoseconds in 64 bits: ~292 years) instead of overflowing; a token revoked
/// earlier is renewed on the first 401 anyway.
constexpr long long kMaxTokenLifetime = 30LL * 24 * 3600;

std::string string_member(const json& body, const char* name) {
    const auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// 429 and 502-504 come from a rate limiter or proxy, not from the API: never mapped to
/// the API's error classes, so that they stay transient (retried for safe calls).
bool is_rate_limit_or_proxy(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

std::string unavailable_hint(int status) {
    return status == 429 ? "; the service limits the request rate (Too Many Requests), slow "
                           "down or try again later"
                         : "; the service or a proxy is unavailable, try again later";
}

bool is_json(const core::Response& response) {
    const std::string type = response.media_type();
    return type.empty() || type == "application/json" || type.ends_with("+json");
}

}  // namespace

RestSession::RestSession(ClientOptions options)
    : options_(std::move(options)), logger_(core::logger_or_silent(options_.logger)) {
    transport_ = options_.transport
                     ? options_.transport
                     : core::make_default_transport(options_.transport_options, logger_);
    base_ = options_.url;
    while (base_.ends_with('/')) base_.pop_back();
}

std::string RestSession::scrub(std::string text, const std::string& token) const {
    return core::mask_secrets(std::move(text), {options_.password, token});
}

void RestSession::authenticate() {
    std::lock_guard lock(token_mutex_);
    fetch_token_locked();
}

std::string RestSession::current_token() {
    std::lock_guard lock(token_mutex_);
    if (token_.empty() || Clock::now() >= renew_at_) fetch_token_locked();
    return token_;
}

void RestSession::renew_token(const std::string& rejected) {
    std::lock_guard lock(token_mutex_);
    if (token_ == rejected) fetch_token_locked();  // else another thread already renewed it
}

void RestSession::fetch_token_locked() {
    const std::string url = base_ + std::string(kTokenPath);
    const std::string endpoint = core::redact_url(url);
    core::Request request{
        "POST",
        url,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
        core::form_encode({{"grant_type", "password"},
                           {"client_id", "machine"},
                           {"username", options_.username},
                           {"password", options_.password}}),
        {}};
    const core::Response response =
        core::with_retries(options_.retry, logger_, "rosdomofon authentication", [&] {
            core::Response answer = transport_->send(request);
            const int status = answer.status;
            if (is_rate_limit_or_proxy(status))
                throw UnexpectedResponseError("the RosDomofon token endpoint " + endpoint +
                                                  " answered HTTP " + std::to_string(status) +
                                                  unavailable_hint(status),
                                              endpoint, status, answer.retry_after());
            return answer;
        });
    if (response.status == 400 || response.status == 401) {
        ErrorDetails details{"authenticate", "POST", endpoint, response.status, {}, {}};
        if (is_json(response)) {
            try {
                const json body = json::parse(response.body);
                details.error = string_member(body, "error");
                details.server_message = string_member(body, "error_description");
                if (details.server_message.empty())
                    details.server_message = string_member(body, "message");
            } catch (const json::exception&) {
            }
        }
        details.server_message = scrub(std::move(details.server_message), {});
        details.error = scrub(std::move(details.error), {});
        throw AuthenticationError(std::move(details));
    }
    if (response.status < 200 || response.status >= 300)
        throw_for("authenticate", "POST", endpoint, response, {});
    const json body = core::parse_json_body(response.body, endpoint, response.status);
    const auto token = body.is_object() ? body.find("access_token") : body.end();
    if (token == body.end() || !token->is_string() || token->get_ref<const std::string&>().empty())
        throw UnexpectedResponseError("the RosDomofon token endpoint " + endpoint +
                                          " answered without an access_token; check that "
                                          "ClientOptions.url points at RosDomofon",
                                      endpoint, response.status);
    long long lifetime = 3600;
    if (const auto expires = body.find("expires_in");
        expires != body.end() && expires->is_number_integer())
        lifetime = std::clamp<long long>(expires->get<long long>(), 0, kMaxTokenLifetime);
    const long long margin = std::min<long long>(options_.token_renew_margin.count(), lifetime / 2);
    token_ = token->get<std::string>();
    renew_at_ = Clock::now() + std::chrono::seconds(lifetime - margin);
    logger_->info("rosdomofon: authenticated as {} at {}; token valid for {} s", options_.username,
                  core::redact_url(base_), lifetime);
}

core::Response RestSession::send_once(const RestCall& call, const std::string& token) {
    core::Request request;
    request.method = std::string(call.method);
    request.url = base_ + std::string(kApiPrefix) + call.path;
    if (!call.query.empty()) request.url += "?" + call.query;
    request.headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
    if (call.body) {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = *call.body;
    }
    const auto started = Clock::now();
    core::Response response = transport_->send(request);
    logger_->debug(
        "rosdomofon {} {} {} -> HTTP {} in {} ms", call.operation, call.method,
        core::redact_url(request.url), response.status,
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
    return response;
}

RestAnswer RestSession::call(const RestCall& call) {
    const std::string url = base_ + std::string(kApiPrefix) + call.path;
    auto attempt = [&] {
        std::string token = current_token();
        core::Response response = send_once(call, token);
        if (response.status == 401) {
            logger_->info("rosdomofon {}: HTTP 401, fetching a new token and sending once more",
                          call.operation);
            renew_token(token);
            token = current_token();
            response = send_once(call, token);
        }
        return checked(call, std::move(response), url, token);
    };
    if (!call.safe_to_repeat) return attempt();
    return core::with_retries(options_.retry, logger_, "rosdomofon " + std::string(call.operation),
                              attempt);
}

RestAnswer RestSession::checked(const RestCall& call, core::Response response,
                                const std::string& url, const std::string& token) {
    const std::string endpoint = core::redact_url(url);
    if (response.status < 200 || response.status >= 300)
        throw_for(call.operation, call.method, endpoint, response, token);
    if (!is_json(response) && !response.body.empty())
        throw UnexpectedResponseError(
            "RosDomofon answered " + std::string(call.method) + " " + endpoint + " with " +
                response.media_type() + " instead of JSON (HTTP " +
                std::to_string(response.status) + ", body starts with '" +
                core::body_excerpt(scrub(response.body, token)) +
                "'); check that ClientOptions.url points at the RosDomofon API",
            endpoint, response.status);
    return RestAnswer{response.status, std::move(response.body), endpoint};
}

void RestSession::throw_for(std::string_view operation, std::string_view method,
                            const std::string& endpoint, const core::Response& response,
                            const std::string& token) {
    const int status = response.status;
    if (!is_rate_limit_or_proxy(status) && is_json(response)) {
        try {
            const json body = json::parse(response.body);
            if (body.is_object()) {
                ErrorDetails details{std::string(operation),
                                     std::string(method),
                                     endpoint,
                                     status,
                                     string_member(body, "error"),
                                     {}};
                details.server_message = string_member(body, "message");
                if (details.server_message.empty())
                    details.server_message = string_member(body, "error_description");
                details.server_message = scrub(std::move(details.server_message), token);
                throw_server_error(std::move(details));
            }
        } catch (const json::exception&) {
        }
    }
    if (status == 401 || status == 403)
        throw_server_error({std::string(operation), std::string(method), endpoint, status, {}, {}});
    throw UnexpectedResponseError(
        "RosDomofon answered " + std::string(method) + " " + endpoint + " (" +
            std::string(operation) + ") with HTTP " + std::to_string(status) +
            (response.body.empty() ? std::string(" and no body")
                                   : " and a body starting with '" +
                                         core::body_excerpt(scrub(response.body, token)) + "'") +
            (is_rate_limit_or_proxy(status)
                 ? unavailable_hint(status)
                 : "; this is not an answer of the RosDomofon API, check ClientOptions.url"),
        endpoint, status, response.retry_after());
}

}  // namespace odoobridge::rosdomofon::detail
