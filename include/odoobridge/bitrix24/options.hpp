#pragma once
/// \file
/// Settings of `bitrix24::Client`: how to authenticate (incoming webhook or OAuth
/// application), the limits to keep under, retries, transport and logging. Plain structs
/// with defaults; `ClientOptions::validate()` runs when a client is made.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/options.hpp>
#include <odoobridge/core/retry.hpp>
#include <string>
#include <variant>

namespace odoobridge::bitrix24 {

/// An incoming webhook: `https://{portal}/rest/{user_id}/{code}/` (a trailing method or
/// slash is fine). The URL is the secret; logs and messages show the code masked.
struct Webhook {
    std::string url;
};

/// Tokens of an OAuth application, as `oauth.bitrix.info` hands them out.
struct OAuthTokens {
    std::string access_token;     ///< valid for about an hour
    std::string refresh_token;    ///< valid for 180 days; each refresh replaces it
    std::int64_t expires_in = 0;  ///< seconds the access token lives (0 = unknown)
    std::string client_endpoint;  ///< "https://{portal}/rest/"
    std::string server_endpoint;  ///< "https://oauth.bitrix.info/rest/"
    std::string member_id;        ///< the portal's id
    std::string scope;            ///< granted scopes, comma-separated
    std::string domain;           ///< portal host name
};

/// An OAuth application installed on a portal.
struct OAuthApp {
    std::string portal_url;  ///< "https://portal.bitrix24.kz" (REST calls go to portal_url/rest/)
    std::string client_id;
    std::string client_secret;
    std::string access_token;
    std::string refresh_token;
    /// Token endpoint for `grant_type=refresh_token`.
    std::string oauth_url = "https://oauth.bitrix.info/oauth/token/";
    /// Called after each successful refresh with the new tokens, so the caller can persist
    /// them (the old refresh token stops working). Runs on the thread that refreshed while
    /// other callers wait for the refresh; it must not call the client. May be empty.
    std::function<void(const OAuthTokens&)> on_tokens_refreshed;
};

/// How the client authenticates.
using Credentials = std::variant<Webhook, OAuthApp>;

/// The portal's leaky bucket: `burst` requests at once, then `per_second` more each
/// second. Defaults: the standard plans (50 and 2/s); `enterprise()`: 250 and 5/s.
struct RateLimit {
    int burst = 50;
    double per_second = 2.0;

    /// The Enterprise plan's bucket.
    [[nodiscard]] static RateLimit enterprise() noexcept { return {250, 5.0}; }
    /// \throws ConfigurationError when `burst < 1` or `per_second` is not positive.
    void validate() const;
};

/// Everything `Client` needs. Copyable value type.
struct ClientOptions {
    Credentials credentials;
    /// The bucket the client keeps under; shared by all threads using the client (and
    /// its copies). Lower it when other integrations call the same portal.
    RateLimit rate_limit;
    /// Operating time a method may use per 10 minutes (the portal's documented 480 s). The
    /// client stops calling a method whose reported `time.operating` reached it until the
    /// portal's `operating_reset_at`, instead of failing.
    std::chrono::milliseconds operating_budget{480'000};
    /// Retries: for limit refusals (QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT) of any
    /// call, since the portal did not run it; for 5xx answers, a proxy's 429 page and
    /// network errors only of calls safe to repeat (reads, or `CallOptions::idempotent`),
    /// waiting a proxy's Retry-After up to `max_retry_after` instead of the backoff.
    core::RetryPolicy retry{5, std::chrono::milliseconds{500}, std::chrono::milliseconds{30'000}};
    /// Transport settings used when `transport` is null.
    core::TransportOptions transport_options;
    /// A transport to use instead of a new `CurlTransport` (tests, shared pools).
    std::shared_ptr<core::Transport> transport;
    core::LoggerPtr logger;  ///< null = silent

    /// \throws ConfigurationError naming the missing or invalid field (never its secret).
    void validate() const;
};

}  // namespace odoobridge::bitrix24
