#pragma once
/// \file
/// Where and how each call authenticates: the webhook's URL, or the OAuth application's
/// access token with one shared refresh when it expires.

#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <odoobridge/bitrix24/options.hpp>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/logging.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::bitrix24::detail {

/// The URL of one method call, and the token to put in its body.
struct Target {
    std::string url;                   ///< full URL (contains the webhook code: never log)
    std::string endpoint;              ///< the same URL redacted, for logs and errors
    std::optional<std::string> token;  ///< OAuth access token for the `auth` parameter
    std::uint64_t generation = 0;      ///< token generation the target was built from
};

/// Thread-safe holder of the credentials.
class Authenticator {
public:
    /// \throws ConfigurationError for a webhook URL or OAuth settings that cannot work.
    Authenticator(const Credentials& credentials, std::shared_ptr<core::Transport> transport,
                  core::LoggerPtr logger, std::atomic<std::int64_t>& request_counter);

    /// The target for `method` with the current token.
    [[nodiscard]] Target target(std::string_view method) const;
    /// True for an OAuth application (the only kind that can refresh).
    [[nodiscard]] bool can_refresh() const noexcept { return oauth_.has_value(); }
    /// Refreshes the access token unless another caller already did since `generation`
    /// was read; concurrent callers wait for the one refresh. Calls the application's
    /// `on_tokens_refreshed`.
    /// \throws AuthenticationError when the token endpoint refuses the refresh token;
    ///         TransportError / ProtocolError when it cannot be reached or answers oddly.
    void refresh(std::uint64_t generation);
    /// The current tokens (empty for a webhook).
    [[nodiscard]] OAuthTokens tokens() const;
    /// The REST base with the webhook code masked.
    [[nodiscard]] std::string endpoint() const;

private:
    std::shared_ptr<core::Transport> transport_;
    core::LoggerPtr logger_;
    std::atomic<std::int64_t>* request_counter_;
    std::optional<OAuthApp> oauth_;
    mutable std::mutex mutex_;  // guards base_, tokens_ and generation_
    std::string base_;          // ".../rest/" or ".../rest/<user>/<code>/"
    OAuthTokens tokens_;
    std::uint64_t generation_ = 0;
    std::mutex refresh_mutex_;                // one refresh at a time
    std::atomic<std::uint64_t> attempts_{0};  // refresh attempts started
    std::exception_ptr last_failure_;         // of the last attempt (under refresh_mutex_)

    void refresh_now(const OAuthTokens& current);
};

/// \throws ConfigurationError when the webhook URL or the OAuth settings cannot work.
void validate_credentials(const Credentials& credentials);

/// `https://p/rest/1/code/` from any URL of the webhook (with or without a method).
/// \throws ConfigurationError naming what is wrong (never the code).
[[nodiscard]] std::string webhook_base(std::string_view url);

}  // namespace odoobridge::bitrix24::detail
