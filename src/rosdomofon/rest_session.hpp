#pragma once
// Private: the HTTP side of rosdomofon::Client — the bearer token (fetched, renewed before
// expiry, renewed once on 401), sending, retries of safe calls and error mapping.

#include <chrono>
#include <mutex>
#include <odoobridge/rosdomofon/client.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace odoobridge::rosdomofon::detail {

/// One API call under `/abonents-service/api/v1`.
struct RestCall {
    std::string_view operation;       ///< client operation, for messages ("accounts")
    std::string_view method;          ///< "GET", "POST", "PUT", "DELETE"
    std::string path;                 ///< "/accounts/42/connections" (segments already encoded)
    std::string query;                ///< "page=0&size=50" or ""
    std::optional<std::string> body;  ///< JSON text
    bool safe_to_repeat = false;      ///< retried on transient failures
};

/// A 2xx answer.
struct RestAnswer {
    int status = 0;
    std::string body;
    std::string endpoint;  ///< redacted URL, for decode errors
};

/// Thread-safe; shared by copies of one Client.
class RestSession {
public:
    explicit RestSession(ClientOptions options);

    /// Sends `call` with a valid token and returns its 2xx answer.
    /// \throws the errors documented on `Client`.
    RestAnswer call(const RestCall& call);
    /// Fetches a new token now.
    void authenticate();
    [[nodiscard]] const ClientOptions& options() const noexcept { return options_; }

private:
    using Clock = std::chrono::steady_clock;

    std::string current_token();
    void renew_token(const std::string& rejected);
    void fetch_token_locked();
    core::Response send_once(const RestCall& call, const std::string& token);
    RestAnswer checked(const RestCall& call, core::Response response, const std::string& url,
                       const std::string& token);
    [[noreturn]] void throw_for(std::string_view operation, std::string_view method,
                                const std::string& endpoint, const core::Response& response,
                                const std::string& token);
    /// `text` with the password and `token` shown as "<redacted>" (servers may echo them).
    [[nodiscard]] std::string scrub(std::string text, const std::string& token) const;

    ClientOptions options_;
    core::LoggerPtr logger_;
    std::shared_ptr<core::Transport> transport_;
    std::string base_;  // url without trailing slash

    std::mutex token_mutex_;
    std::string token_;           // guarded by token_mutex_
    Clock::time_point renew_at_;  // guarded by token_mutex_
};

}  // namespace odoobridge::rosdomofon::detail
