#pragma once
/// \file
/// Private pieces of `CurlTransport` (not installed): handle types and pools, the exchange
/// of one request across redirects, the curl-code-to-exception mapping and the redirect
/// policy. See curl_transport.cpp for the thread-safety model.

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/core/http.hpp>
#include <odoobridge/core/logging.hpp>
#include <odoobridge/core/options.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace odoobridge::core::curl_detail {

using Clock = std::chrono::steady_clock;

/// Idle multi handles kept for later `send_all` calls (each keeps its connections open).
constexpr std::size_t kMaxIdleMultiHandles = 2;

struct EasyCleanup {
    void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;

struct MultiCleanup {
    void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};
using MultiHandle = std::unique_ptr<CURLM, MultiCleanup>;

struct SlistCleanup {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistCleanup>;

struct UrlCleanup {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlCleanup>;

// ---- text helpers (curl_handles.cpp) ----

bool iequals(std::string_view a, std::string_view b) noexcept;
std::string_view trim(std::string_view text) noexcept;
/// RFC 9110 token characters (method and header names).
bool is_token(std::string_view text) noexcept;
/// The user info ("user:password") of `url`, or "" when it has none.
std::string_view userinfo_of(std::string_view url) noexcept;
/// The query string and fragment of `url` (from '?' or '#'), or "".
std::string_view query_of(std::string_view url) noexcept;
long clamp_to_long(long long value) noexcept;

// ---- global init, options, share object and handle pools (curl_handles.cpp) ----

/// Runs `curl_global_init` once per process. \throws TransportError when it fails.
void ensure_curl_initialised();

/// \throws std::bad_alloc or the ConfigurationError explaining why libcurl refused `option`.
[[noreturn]] void throw_option_refused(CURLoption option, CURLcode code);

/// `curl_easy_setopt` with its result checked. libcurl reads `long`, `curl_off_t`,
/// pointers or function pointers: never `int` or `bool`.
template <class T>
void set_option(CURL* easy, CURLoption option, T value) {
    static_assert(!std::is_same_v<T, int> && !std::is_same_v<T, bool>,
                  "libcurl options take long or curl_off_t, not int or bool");
    const CURLcode code = curl_easy_setopt(easy, option, value);
    if (code != CURLE_OK) throw_option_refused(option, code);
}

/// \throws std::bad_alloc or TransportError (naming `what`) unless `code` is CURLM_OK.
void check_multi(CURLMcode code, const char* what);

/// DNS and TLS session caches shared by every handle of one transport, with one mutex per
/// kind of data as libcurl requires for use from several threads.
class Share {
public:
    /// \throws std::bad_alloc, or TransportError when libcurl refuses the lock callbacks.
    Share();
    ~Share();
    Share(const Share&) = delete;
    Share& operator=(const Share&) = delete;

    [[nodiscard]] CURLSH* get() const noexcept { return share_; }

private:
    static std::size_t slot(curl_lock_data data) noexcept;
    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
    static void unlock(CURL*, curl_lock_data data, void* self);

    std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes_;
    CURLSH* share_;
};

/// A pooled easy handle with what it keeps between calls. Libcurl copies a URL and reads a
/// header list at every perform, so an unchanged URL is not set again and an unchanged
/// header list is reused instead of rebuilt (the list is checked once, when it is built).
/// The URL is also kept parsed (`parsed_url`): given only the text, libcurl would parse it
/// and write it out again at every transfer. Owned by one thread at a time, like the handle.
struct Easy {
    std::string url;                ///< what CURLOPT_URL holds ("" before the first call)
    UrlHandle parsed_url;           ///< `url` parsed, what CURLOPT_CURLU points at (see
                                    ///< Exchange::use_url); null: libcurl parses the text
    Headers header_source;          ///< the request headers `header_list` was built from
    bool header_body = true;        ///< whether `header_list` kept the body's headers
    HeaderList header_list;         ///< what CURLOPT_HTTPHEADER points at (null: not set)
    curl_off_t max_file_size = -1;  ///< what CURLOPT_MAXFILESIZE_LARGE holds
    std::array<char, CURL_ERROR_SIZE> error_buffer{};  ///< CURLOPT_ERRORBUFFER, set once
    EasyHandle handle;  ///< declared last: closed before the list and buffer it points to

    [[nodiscard]] CURL* get() const noexcept { return handle.get(); }
};
using EasyPtr = std::unique_ptr<Easy>;

/// What every transfer of one transport has in common.
struct Settings {
    TransportOptions options;
    LoggerPtr logger;
    std::string user_agent;
    /// Whether, when the transport was created, the environment named a proxy for http://
    /// or https:// URLs (see `environment_names_proxy`).
    bool environment_proxy = false;

    /// Applies the transport-wide options (timeouts, TLS, proxy, encoding, user agent,
    /// callbacks) to a new easy handle, once: they stay set while the handle is pooled.
    void apply(CURL* easy) const;

    /// The CURLOPT_MAXFILESIZE_LARGE value that enforces `options.max_response_bytes`.
    [[nodiscard]] curl_off_t max_file_size() const noexcept;
};

/// True when one of the variables libcurl reads for the proxy of an http:// or https:// URL
/// (http_proxy, https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY) is set and not empty.
[[nodiscard]] bool environment_names_proxy() noexcept;

/// The handles of one transport: settings, the share object and the idle pools.
/// Every method may be called from several threads at once.
class Connections {
public:
    /// \throws ConfigurationError when `options.validate()` fails, TransportError when
    ///         libcurl cannot be initialised.
    Connections(TransportOptions options, LoggerPtr logger);
    ~Connections();
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;

    [[nodiscard]] const Settings& settings() const noexcept { return settings_; }

    /// An idle easy handle, or a new one attached to the share object with the settings
    /// applied. \throws std::bad_alloc, or ConfigurationError when libcurl refuses an option.
    EasyPtr acquire_easy();
    /// Clears the pointers `easy` holds into the finished exchange and request and returns
    /// it to the pool (keeping its transport-wide options, its URL and header list for the
    /// next call, and its open connections), or closes it when `max_connections` handles
    /// are idle already.
    void release_easy(EasyPtr easy) noexcept;
    /// An idle multi handle, or a new one limited to `max_connections` connections.
    MultiHandle acquire_multi();
    /// Returns `multi` (no transfer attached) to the pool, or closes it.
    void release_multi(MultiHandle multi) noexcept;

private:
    Settings settings_;
    std::optional<Share> share_;
    std::mutex mutex_;
    std::vector<EasyPtr> idle_easy_;
    std::vector<MultiHandle> idle_multi_;
};

/// An easy handle borrowed from the pool for the lifetime of this object.
class EasyLease {
public:
    explicit EasyLease(Connections& connections)
        : connections_(connections), easy_(connections.acquire_easy()) {}
    ~EasyLease() { connections_.release_easy(std::move(easy_)); }
    EasyLease(const EasyLease&) = delete;
    EasyLease& operator=(const EasyLease&) = delete;
    [[nodiscard]] Easy& operator*() const noexcept { return *easy_; }
    [[nodiscard]] CURL* get() const noexcept { return easy_->get(); }

private:
    Connections& connections_;
    EasyPtr easy_;
};

// ---- curl code -> exception (curl_errors.cpp) ----

/// "<what> while calling <endpoint>: <detail>; <hint>".
std::string failure_message(std::string_view endpoint, std::string_view what,
                            std::string_view detail, std::string_view hint);

/// Throws `E` (a TransportError or ConfigurationError class) with the message
/// failure_message(endpoint, what, detail, hint) and `endpoint` as its endpoint.
template <class E>
[[noreturn]] void throw_at(const std::string& endpoint, std::string_view what,
                           std::string_view detail, std::string_view hint) {
    throw E(failure_message(endpoint, what, detail, hint), endpoint);
}

/// What a failed hop leaves behind for the error thrown about it.
struct HopFailure {
    const TransportOptions& options;
    const std::string& url;       ///< with query string: only used to redact libcurl's text
    const std::string& endpoint;  ///< redact_url(url)
    const char* error_buffer;     ///< libcurl's CURLOPT_ERRORBUFFER ("" when it is empty)
    const Response& response;     ///< what was received of the answer
    bool too_large;               ///< a callback refused the answer's size
};

/// Throws the exception (a TransportError subclass, ConfigurationError or std::bad_alloc)
/// that describes `code` on `easy`, with every secret of the URL and proxy redacted.
[[noreturn]] void throw_failure(CURL* easy, CURLcode code, const HopFailure& hop);

// ---- same-host redirect policy (curl_redirects.cpp) ----

/// True for 301, 302, 303, 307 and 308.
bool is_redirect_status(int status) noexcept;

/// True when a `status` redirect continues a `method` request as GET without body (like
/// browsers and libcurl: 303 always, and 301/302 after a POST).
bool redirect_becomes_get(int status, std::string_view method) noexcept;

/// \throws ConnectionError when `target` is not on the scheme, host and port of `url`, or
///         when `redirects` (already followed, this one included) is above the limit.
void check_redirect(const std::string& url, const std::string& target, int status, int redirects,
                    const std::string& endpoint);

// ---- one request across redirects (curl_exchange.cpp) ----

/// One request from its first byte to its final response, across same-host redirects.
/// Owns everything libcurl's callbacks write into (the error buffer belongs to the pooled
/// `Easy`), so it must stay at one address (it is neither copyable nor movable) while a
/// transfer runs. Used by one thread at a time.
class Exchange {
public:
    /// \throws ConfigurationError when the request's URL or method is invalid.
    Exchange(const Request& request, const Settings& settings);
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    /// Configures `easy` (which carries the transport-wide options already) for the current
    /// hop (the original URL, or the target of a redirect being followed), overwriting every
    /// per-call option a previous call or hop may have set.
    /// \throws ConfigurationError when a request header is invalid.
    void prepare(Easy& easy);

    /// Interprets the hop that just ended on `easy` with `code`.
    /// \returns true when a same-host redirect must be followed (call `prepare` again),
    ///          false when the final response is ready for `take_response`.
    /// \throws the TransportError (subclass) matching the failure.
    bool finish(Easy& easy, CURLcode code);

    /// The final response (call once, after `finish` returned false).
    [[nodiscard]] Response take_response() { return std::move(response_); }

private:
    friend struct Settings;  // sets the callbacks once per handle

    void validate() const;
    void validate_headers() const;
    void use_url(Easy& easy) const;
    void use_headers(Easy& easy) const;
    [[nodiscard]] HeaderList build_header_list(bool with_body_headers) const;
    [[nodiscard]] bool sends_body() const noexcept;
    [[nodiscard]] bool is_secret(std::string_view name) const noexcept;
    void log_request_details() const;
    void log_response_details() const;
    template <class Store>
    std::size_t receive(std::size_t& received, std::size_t bytes, Store&& store) noexcept;
    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    void add_header_line(std::string_view line);
    bool follow_redirect(CURL* easy);
    [[noreturn]] void throw_failure(Easy& easy, CURLcode code) const;
    /// redact_url(url_), computed on first use (errors and log lines only).
    [[nodiscard]] const std::string& endpoint() const;

    const Request& request_;
    const Settings& settings_;
    std::string method_;
    const std::string* url_;    ///< current hop (request URL or redirect_url_), with query
                                ///< string: never logged or reported
    std::string redirect_url_;  ///< the target of the redirect being followed
    mutable std::optional<std::string> endpoint_;  ///< see endpoint()
    bool body_dropped_ = false;
    int redirects_ = 0;

    Response response_;
    std::size_t body_bytes_ = 0;    ///< decoded body bytes of this hop
    std::size_t header_bytes_ = 0;  ///< header bytes of this hop (all interim answers too)
    bool too_large_ = false;
    std::exception_ptr callback_error_;
    Clock::time_point started_{};  ///< start of the hop, taken only while debug logs are on
};

}  // namespace odoobridge::core::curl_detail
