#include "auth.hpp"

#include <algorithm>
#include <cctype>
#include <odoobridge/bitrix24/errors.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/form.hpp>
#include <odoobridge/core/json.hpp>

namespace odoobridge::bitrix24::detail {

namespace {

bool is_http_url(std::string_view url) {
    return url.starts_with("https://") || url.starts_with("http://");
}

std::string with_trailing_slash(std::string url) {
    if (url.empty() || url.back() != '/') url += '/';
    return url;
}

std::string string_member(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

OAuthTokens tokens_from(const json& answer) {
    OAuthTokens tokens;
    tokens.access_token = string_member(answer, "access_token");
    tokens.refresh_token = string_member(answer, "refresh_token");
    if (const auto it = answer.find("expires_in"); it != answer.end() && it->is_number_integer())
        tokens.expires_in = it->get<std::int64_t>();
    tokens.client_endpoint = string_member(answer, "client_endpoint");
    tokens.server_endpoint = string_member(answer, "server_endpoint");
    tokens.member_id = string_member(answer, "member_id");
    tokens.scope = string_member(answer, "scope");
    tokens.domain = string_member(answer, "domain");
    return tokens;
}

}  // namespace

/// "scheme://host[:port]" of `url`: safe to show whatever the path holds.
static std::string origin_of(std::string_view url) {
    const std::string redacted = core::redact_url(url);
    const auto scheme = redacted.find("://");
    const auto path = redacted.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return redacted.substr(0, path);
}

std::string webhook_base(std::string_view url) {
    const std::string hint =
        "; an incoming webhook URL looks like https://{portal}/rest/{user_id}/{code}/";
    if (url.empty()) throw ConfigurationError("Bitrix24 webhook URL is empty" + hint);
    if (!is_http_url(url))
        throw ConfigurationError("Bitrix24 webhook URL must start with https:// or http://" + hint);
    const auto authority = url.find('/', url.find("://") + 3);
    const auto rest =
        url.find("/rest/", authority == std::string_view::npos ? url.size() : authority);
    if (authority == std::string_view::npos || rest == std::string_view::npos)
        throw ConfigurationError("Bitrix24 webhook URL at " + origin_of(url) +
                                 " has no /rest/ path" + hint);
    const auto user_start = rest + 6;
    const auto user_end = url.find('/', user_start);
    const std::string_view user = url.substr(
        user_start, user_end == std::string_view::npos ? url.npos : user_end - user_start);
    if (user.empty() || !std::ranges::all_of(user, [](unsigned char c) { return std::isdigit(c); }))
        throw ConfigurationError("Bitrix24 webhook URL at " + origin_of(url) +
                                 " has no numeric user id after /rest/" + hint);
    if (user_end == std::string_view::npos || user_end + 1 >= url.size())
        throw ConfigurationError("Bitrix24 webhook URL at " + origin_of(url) +
                                 " has no webhook code after the user id" + hint);
    auto code_end = url.find_first_of("/?#", user_end + 1);
    if (code_end == std::string_view::npos) code_end = url.size();
    return std::string(url.substr(0, code_end)) + "/";
}

void validate_credentials(const Credentials& credentials) {
    if (const auto* webhook = std::get_if<Webhook>(&credentials)) {
        (void)webhook_base(webhook->url);
        return;
    }
    const auto& app = std::get<OAuthApp>(credentials);
    const auto missing = [](const char* field) {
        return ConfigurationError(std::string("Bitrix24 OAuthApp.") + field +
                                  " is empty: set it from the application's settings or its "
                                  "last token refresh");
    };
    if (app.portal_url.empty()) throw missing("portal_url");
    if (!is_http_url(app.portal_url))
        throw ConfigurationError("Bitrix24 OAuthApp.portal_url " + origin_of(app.portal_url) +
                                 " must start with https:// or http://");
    if (!is_http_url(app.oauth_url))
        throw ConfigurationError("Bitrix24 OAuthApp.oauth_url " + origin_of(app.oauth_url) +
                                 " must start with https:// or http://");
    if (app.client_id.empty()) throw missing("client_id");
    if (app.client_secret.empty()) throw missing("client_secret");
    if (app.access_token.empty()) throw missing("access_token");
    if (app.refresh_token.empty()) throw missing("refresh_token");
}

Authenticator::Authenticator(const Credentials& credentials,
                             std::shared_ptr<core::Transport> transport, core::LoggerPtr logger,
                             std::atomic<std::int64_t>& request_counter)
    : transport_(std::move(transport)),
      logger_(std::move(logger)),
      request_counter_(&request_counter) {
    validate_credentials(credentials);
    if (const auto* webhook = std::get_if<Webhook>(&credentials)) {
        base_ = webhook_base(webhook->url);
        return;
    }
    const auto& app = std::get<OAuthApp>(credentials);
    oauth_ = app;
    std::string portal = app.portal_url;
    while (!portal.empty() && portal.back() == '/') portal.pop_back();
    base_ = portal.ends_with("/rest") ? portal + "/" : portal + "/rest/";
    tokens_.access_token = app.access_token;
    tokens_.refresh_token = app.refresh_token;
    tokens_.client_endpoint = base_;
}

Target Authenticator::target(std::string_view method) const {
    std::lock_guard lock(mutex_);
    Target target;
    target.url = base_ + std::string(method) + ".json";
    target.endpoint = core::redact_url(target.url);
    if (oauth_) target.token = tokens_.access_token;
    target.generation = generation_;
    return target;
}

void Authenticator::refresh(std::uint64_t generation) {
    const std::uint64_t seen_attempts = attempts_.load();
    std::lock_guard refreshing(refresh_mutex_);
    OAuthTokens current;
    {
        std::lock_guard lock(mutex_);
        if (generation_ != generation) return;  // another caller refreshed meanwhile
        current = tokens_;
    }
    // Another caller tried while this one waited and failed: share its failure rather than
    // hammer the token endpoint once per waiting thread.
    if (attempts_.load() != seen_attempts && last_failure_) std::rethrow_exception(last_failure_);
    ++attempts_;
    try {
        refresh_now(current);
        last_failure_ = nullptr;
    } catch (...) {
        last_failure_ = std::current_exception();
        throw;
    }
}

void Authenticator::refresh_now(const OAuthTokens& current) {
    const std::string endpoint = core::redact_url(oauth_->oauth_url);
    core::Request request;
    request.method = "GET";
    request.url = oauth_->oauth_url +
                  (oauth_->oauth_url.find('?') == std::string::npos ? "?" : "&") +
                  core::form_encode({{"grant_type", "refresh_token"},
                                     {"client_id", oauth_->client_id},
                                     {"client_secret", oauth_->client_secret},
                                     {"refresh_token", current.refresh_token}});
    request.headers = {{"Accept", "application/json"}};
    logger_->info("bitrix24: access token expired; refreshing it at {}", endpoint);
    request_counter_->fetch_add(1, std::memory_order_relaxed);
    const core::Response response = transport_->send(request);
    const json answer = core::parse_json_body(response.body, endpoint, response.status);
    if (!answer.is_object())
        throw UnexpectedResponseError("the OAuth token endpoint " + endpoint +
                                          " answered with no JSON object; check OAuthApp.oauth_url",
                                      endpoint, response.status);
    if (answer.contains("error"))
        throw_server_error({string_member(answer, "error"),
                            string_member(answer, "error_description"), "oauth refresh_token", "",
                            endpoint, response.status});
    OAuthTokens fresh = tokens_from(answer);
    if (fresh.access_token.empty() || fresh.refresh_token.empty())
        throw UnexpectedResponseError("the OAuth token endpoint " + endpoint +
                                          " answered without access_token or refresh_token; "
                                          "check OAuthApp.oauth_url",
                                      endpoint, response.status);
    {
        std::lock_guard lock(mutex_);
        if (is_http_url(fresh.client_endpoint)) base_ = with_trailing_slash(fresh.client_endpoint);
        if (fresh.client_endpoint.empty()) fresh.client_endpoint = base_;
        tokens_ = fresh;
        ++generation_;
    }
    logger_->info("bitrix24: access token refreshed (expires in {} s)", fresh.expires_in);
    if (oauth_->on_tokens_refreshed) oauth_->on_tokens_refreshed(fresh);
}

OAuthTokens Authenticator::tokens() const {
    std::lock_guard lock(mutex_);
    return oauth_ ? tokens_ : OAuthTokens{};
}

std::string Authenticator::endpoint() const {
    std::lock_guard lock(mutex_);
    return core::redact_url(base_);
}

}  // namespace odoobridge::bitrix24::detail
