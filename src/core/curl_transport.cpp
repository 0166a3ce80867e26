/// \file
/// `CurlTransport`: HTTP(S) over libcurl.
///
/// Thread-safety model
/// -------------------
/// * `curl_global_init` runs once per process (`std::call_once`) before the first handle is
///   created. It is never undone: `curl_global_cleanup` is not thread-safe and other
///   transports (or the application) may still use libcurl.
/// * A curl easy handle is used by one thread at a time. `send` borrows one from the idle
///   pool (a mutex-guarded LIFO stack), runs `curl_easy_perform` on it and gives it back.
///   Each easy handle keeps its own connection cache, so the connections it opened stay open
///   and the next call that borrows it reuses them (keep-alive). The pool keeps at most
///   `max_connections` idle handles; surplus handles are closed when returned.
/// * `send_all` borrows a curl multi handle from a second idle pool and drives its transfers
///   (easy handles from the same easy pool) on the calling thread only. The multi handle owns
///   the connection cache of those transfers and goes back to the pool afterwards, so the
///   next `send_all` reuses its connections.
/// * One curl share object per transport holds the DNS cache and the TLS session cache for
///   all its handles; libcurl serialises access through the lock callbacks below (one mutex
///   per kind of data). The connection cache is deliberately not shared: libcurl documents
///   that sharing connections between concurrent threads is not supported.
/// * Options, user agent and logger are immutable after construction. Log lines may come
///   from several threads at once, so a caller's logger needs thread-safe (`_mt`) sinks.

#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>
#include <odoobridge/version.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace odoobridge::core {

namespace {

using Clock = std::chrono::steady_clock;

/// Redirects followed per request before giving up.
constexpr int kMaxRedirects = 5;
/// Idle multi handles kept for later `send_all` calls (each keeps its connections open).
constexpr std::size_t kMaxIdleMultiHandles = 2;

void ensure_curl_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
            throw TransportError(std::string("cannot initialise libcurl: ") +
                                 curl_easy_strerror(code) +
                                 "; check that libcurl and its TLS library are installed");
    });
}

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

bool iequals(std::string_view a, std::string_view b) noexcept {
    return std::ranges::equal(
        a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

/// RFC 9110 token characters (method and header names).
bool is_token(std::string_view text) noexcept {
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::ranges::all_of(text, [](unsigned char c) {
        return std::isalnum(c) || extra.find(static_cast<char>(c)) != std::string_view::npos;
    });
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
}

/// The user info ("user:password") of `url`, or "" when it has none.
std::string_view userinfo_of(std::string_view url) noexcept {
    const auto scheme_end = url.find("://");
    const std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const auto authority_end = url.find_first_of("/?#", start);
    const auto authority =
        url.substr(start, authority_end == std::string_view::npos ? std::string_view::npos
                                                                  : authority_end - start);
    const auto at = authority.rfind('@');
    return at == std::string_view::npos ? std::string_view{} : authority.substr(0, at);
}

/// The query string and fragment of `url` (from '?' or '#'), or "".
std::string_view query_of(std::string_view url) noexcept {
    const auto at = url.find_first_of("?#");
    return at == std::string_view::npos ? std::string_view{} : url.substr(at);
}

long clamp_to_long(long long value) noexcept {
    return static_cast<long>(std::clamp<long long>(value, 0, std::numeric_limits<long>::max()));
}

/// `curl_easy_setopt` with its result checked. libcurl reads `long`, `curl_off_t`,
/// pointers or function pointers: never `int` or `bool`.
template <class T>
void set_option(CURL* easy, CURLoption option, T value) {
    static_assert(!std::is_same_v<T, int> && !std::is_same_v<T, bool>,
                  "libcurl options take long or curl_off_t, not int or bool");
    const CURLcode code = curl_easy_setopt(easy, option, value);
    if (code == CURLE_OK) return;
    if (code == CURLE_OUT_OF_MEMORY) throw std::bad_alloc();
    const curl_easyoption* described = curl_easy_option_by_id(option);
    throw ConfigurationError(std::string("libcurl ") + curl_version_info(CURLVERSION_NOW)->version +
                             " rejected option CURLOPT_" +
                             (described ? described->name : std::to_string(option)) + ": " +
                             curl_easy_strerror(code) +
                             "; this libcurl lacks the feature: install a libcurl built with it "
                             "or leave the matching TransportOptions field at its default");
}

void check_multi(CURLMcode code, const char* what) {
    if (code == CURLM_OK) return;
    if (code == CURLM_OUT_OF_MEMORY) throw std::bad_alloc();
    throw TransportError(std::string("libcurl's multi interface failed in ") + what + ": " +
                         curl_multi_strerror(code) +
                         "; this is a libcurl or odoobridge bug: please report it");
}

/// DNS and TLS session caches shared by every handle of one transport, with one mutex per
/// kind of data as libcurl requires for use from several threads.
class Share {
public:
    Share() : share_(curl_share_init()) {
        if (!share_) throw std::bad_alloc();
        if (curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &Share::lock) != CURLSHE_OK ||
            curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &Share::unlock) != CURLSHE_OK ||
            curl_share_setopt(share_, CURLSHOPT_USERDATA, static_cast<void*>(this)) != CURLSHE_OK) {
            curl_share_cleanup(share_);
            throw TransportError(
                "libcurl refused the lock callbacks of its share object; this libcurl cannot be "
                "used from several threads: install a thread-safe build of libcurl");
        }
        // A refusal here only leaves that cache unshared: slower, same results.
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    ~Share() { curl_share_cleanup(share_); }
    Share(const Share&) = delete;
    Share& operator=(const Share&) = delete;

    [[nodiscard]] CURLSH* get() const noexcept { return share_; }

private:
    static std::size_t slot(curl_lock_data data) noexcept {
        const auto index = static_cast<std::size_t>(data);
        return index < CURL_LOCK_DATA_LAST ? index : 0;
    }
    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
        static_cast<Share*>(self)->mutexes_[slot(data)].lock();
    }
    static void unlock(CURL*, curl_lock_data data, void* self) {
        static_cast<Share*>(self)->mutexes_[slot(data)].unlock();
    }

    std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes_;
    CURLSH* share_;
};

/// What every transfer of one transport has in common.
struct Settings {
    TransportOptions options;
    LoggerPtr logger;
    std::string user_agent;

    /// Applies the transport-wide options to a freshly reset easy handle.
    void apply(CURL* easy) const {
        set_option(easy, CURLOPT_NOSIGNAL, 1L);
        set_option(easy, CURLOPT_CONNECTTIMEOUT_MS, clamp_to_long(options.connect_timeout.count()));
        set_option(easy, CURLOPT_TIMEOUT_MS, clamp_to_long(options.total_timeout.count()));
        set_option(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
        set_option(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
        if (!options.ca_file.empty()) set_option(easy, CURLOPT_CAINFO, options.ca_file.c_str());
        if (!options.ca_path.empty()) set_option(easy, CURLOPT_CAPATH, options.ca_path.c_str());
        // Without CURLOPT_PROXY libcurl honours http_proxy, https_proxy and no_proxy.
        if (!options.proxy.empty()) set_option(easy, CURLOPT_PROXY, options.proxy.c_str());
        // "" = every encoding this libcurl can decode; the body arrives decoded.
        if (options.compression) set_option(easy, CURLOPT_ACCEPT_ENCODING, "");
        set_option(easy, CURLOPT_USERAGENT, user_agent.c_str());
        // Redirects are followed by Exchange::finish, which checks the target's origin.
        set_option(easy, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
        set_option(easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        set_option(easy, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        set_option(easy, CURLOPT_TCP_KEEPALIVE, 1L);
        // Refuses up front a body whose Content-Length is above the cap (the write callback
        // enforces the cap on the decoded body as it arrives).
        set_option(easy, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(std::min<std::size_t>(
                       options.max_response_bytes,
                       static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max()))));
    }
};

/// One request from its first byte to its final response, across same-host redirects.
/// Owns everything libcurl's callbacks write into, so it must stay at one address (it is
/// neither copyable nor movable) while a transfer runs.
class Exchange {
public:
    Exchange(const Request& request, const Settings& settings)
        : request_(request),
          settings_(settings),
          method_(request.method),
          url_(request.url),
          endpoint_(redact_url(request.url)) {
        validate();
        headers_ = build_header_list(true);
    }
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    /// Resets `easy` and configures it for the current hop (the original URL, or the target
    /// of a redirect being followed).
    void prepare(CURL* easy) {
        curl_easy_reset(easy);
        settings_.apply(easy);
        response_ = Response{};
        body_bytes_ = 0;
        header_bytes_ = 0;
        too_large_ = false;
        callback_error_ = nullptr;
        error_buffer_[0] = '\0';
        started_ = Clock::now();

        set_option(easy, CURLOPT_ERRORBUFFER, error_buffer_.data());
        set_option(easy, CURLOPT_URL, url_.c_str());
        set_option(easy, CURLOPT_HTTPHEADER, headers_.get());
        set_option(easy, CURLOPT_WRITEFUNCTION, &Exchange::on_body);
        set_option(easy, CURLOPT_WRITEDATA, static_cast<void*>(this));
        set_option(easy, CURLOPT_HEADERFUNCTION, &Exchange::on_header);
        set_option(easy, CURLOPT_HEADERDATA, static_cast<void*>(this));

        if (method_ == "HEAD") {
            set_option(easy, CURLOPT_NOBODY, 1L);
            set_option(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t{0});  // no body to cap
        } else if (sends_body()) {
            set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request_.body.size()));
            set_option(easy, CURLOPT_POSTFIELDS, request_.body.c_str());
            if (method_ != "POST") set_option(easy, CURLOPT_CUSTOMREQUEST, method_.c_str());
        } else {
            set_option(easy, CURLOPT_HTTPGET, 1L);
            if (method_ != "GET") set_option(easy, CURLOPT_CUSTOMREQUEST, method_.c_str());
        }
        log_request_details();
    }

    /// Interprets the hop that just ended on `easy` with `code`.
    /// \returns true when a same-host redirect must be followed (call `prepare` again),
    ///          false when the final response is ready for `take_response`.
    /// \throws the TransportError (subclass) matching the failure.
    bool finish(CURL* easy, CURLcode code) {
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_);
        if (code != CURLE_OK) {
            try {
                throw_failure(easy, code);
            } catch (const std::exception& error) {
                settings_.logger->debug("{} {} failed after {} ms: {}", method_, endpoint_,
                                        elapsed.count(), error.what());
                throw;
            }
        }
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        response_.status = static_cast<int>(status);
        settings_.logger->debug("{} {} -> {} ({} bytes in {} ms)", method_, endpoint_, status,
                                response_.body.size(), elapsed.count());
        log_response_details();
        return follow_redirect(easy);
    }

    /// The final response (call once, after `finish` returned false).
    [[nodiscard]] Response take_response() { return std::move(response_); }

private:
    void validate() const {
        if (request_.url.empty())
            throw ConfigurationError(
                "Request.url is empty: give an absolute http:// or https:// URL");
        if (!is_token(request_.method))
            throw ConfigurationError("Request.method is not a valid HTTP method for " + endpoint_ +
                                         ": use a token such as GET or POST",
                                     endpoint_);
        for (const auto& [name, value] : request_.headers) {
            if (!is_token(name))
                throw ConfigurationError(
                    "a request header name for " + endpoint_ +
                        " is empty or holds characters not allowed in header names: "
                        "use letters, digits and -",
                    endpoint_);
            if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
                throw ConfigurationError("the value of request header " + name + " for " +
                                             endpoint_ + " contains a line break or NUL: remove it",
                                         endpoint_);
        }
    }

    /// The request headers as libcurl wants them, plus an empty `Expect:` so POST bodies
    /// go out without waiting for "100 Continue". Without `with_body_headers` the headers
    /// describing a body are left out (a redirect turned the request into a GET).
    [[nodiscard]] HeaderList build_header_list(bool with_body_headers) const {
        static constexpr std::array<std::string_view, 4> body_headers{
            "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding"};
        HeaderList list;
        auto append = [&list](const std::string& line) {
            curl_slist* grown = curl_slist_append(list.get(), line.c_str());
            if (!grown) throw std::bad_alloc();
            (void)list.release();
            list.reset(grown);
        };
        bool has_expect = false;
        for (const auto& [name, value] : request_.headers) {
            if (!with_body_headers && std::ranges::any_of(body_headers, [&](std::string_view h) {
                    return iequals(h, name);
                }))
                continue;
            has_expect = has_expect || iequals(name, "Expect");
            // "Name;" is libcurl's spelling of a header sent with an empty value.
            append(value.empty() ? name + ";" : name + ": " + value);
        }
        if (!has_expect) append("Expect:");
        return list;
    }

    [[nodiscard]] bool sends_body() const noexcept {
        if (body_dropped_) return false;
        return !request_.body.empty() || method_ == "POST" || method_ == "PUT" ||
               method_ == "PATCH";
    }

    [[nodiscard]] bool is_secret(std::string_view name) const noexcept {
        return is_secret_header(name) ||
               std::ranges::any_of(request_.secret_headers,
                                   [name](const std::string& s) { return iequals(s, name); });
    }

    void log_request_details() const {
        spdlog::logger& logger = *settings_.logger;
        if (!logger.should_log(spdlog::level::trace)) return;
        logger.trace("{} {}: sending {} body bytes", method_, endpoint_,
                     sends_body() ? request_.body.size() : 0);
        for (const auto& [name, value] : request_.headers)
            logger.trace("> {}: {}", name, is_secret(name) ? "<redacted>" : value);
    }

    void log_response_details() const {
        spdlog::logger& logger = *settings_.logger;
        if (!logger.should_log(spdlog::level::trace)) return;
        logger.trace("{} {}: received {} body bytes", method_, endpoint_, response_.body.size());
        for (const auto& [name, value] : response_.headers) {
            // A redirect target may carry tokens in its query string like any URL.
            if (iequals(name, "Location") || iequals(name, "Content-Location"))
                logger.trace("< {}: {}", name, redact_url(value));
            else
                logger.trace("< {}: {}", name, is_secret(name) ? "<redacted>" : value);
        }
    }

    /// Counts `bytes` more into `received` (the body's or the headers' total); false, and
    /// the transfer marked too large, when that total would exceed max_response_bytes.
    bool admit(std::size_t& received, std::size_t bytes) noexcept {
        if (bytes > settings_.options.max_response_bytes - received) {
            too_large_ = true;
            return false;
        }
        received += bytes;
        return true;
    }

    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) {
        auto& exchange = *static_cast<Exchange*>(self);
        const std::size_t bytes = size * count;
        // Returning less than `bytes` aborts the transfer with CURLE_WRITE_ERROR.
        if (!exchange.admit(exchange.body_bytes_, bytes)) return 0;
        try {
            exchange.response_.body.append(data, bytes);
        } catch (...) {
            exchange.callback_error_ = std::current_exception();
            return 0;
        }
        return bytes;
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self) {
        auto& exchange = *static_cast<Exchange*>(self);
        const std::size_t bytes = size * count;
        // Endless headers are refused like a huge body (with a budget of their own).
        if (!exchange.admit(exchange.header_bytes_, bytes)) return 0;
        try {
            exchange.add_header_line(std::string_view(data, bytes));
        } catch (...) {
            exchange.callback_error_ = std::current_exception();
            return 0;
        }
        return bytes;
    }

    void add_header_line(std::string_view line) {
        Headers& headers = response_.headers;
        if (line.starts_with("HTTP/")) {
            headers.clear();  // a new response (after "100 Continue"): keep only the last
            return;
        }
        if (line.empty() || line.front() == '\r' || line.front() == '\n') return;
        if (line.front() == ' ' || line.front() == '\t') {  // obsolete line folding
            if (!headers.empty()) {
                headers.back().second += ' ';
                headers.back().second += trim(line);
            }
            return;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return;
        headers.emplace_back(std::string(trim(line.substr(0, colon))),
                             std::string(trim(line.substr(colon + 1))));
    }

    /// Follows a 301/302/303/307/308 answer to the same scheme, host and port.
    /// \throws ConnectionError for another origin or more than kMaxRedirects hops.
    bool follow_redirect(CURL* easy) {
        if (!settings_.options.follow_same_host_redirects) return false;
        const int status = response_.status;
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
            return false;
        char* location = nullptr;
        if (curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location)
            return false;
        std::string target(location);
        check_same_origin(target, status);
        if (++redirects_ > kMaxRedirects)
            throw ConnectionError(
                failure_message("too many redirects",
                                "the server answered with more than " +
                                    std::to_string(kMaxRedirects) + " redirects in a row",
                                "check the URL and the server's redirect rules for a loop"),
                endpoint_);
        settings_.logger->debug("{} {} redirected ({}) to {}", method_, endpoint_, status,
                                redact_url(target));
        // Like browsers and libcurl: 303 always, and 301/302 after a POST, continue as GET.
        if ((status == 303 && method_ != "HEAD") ||
            ((status == 301 || status == 302) && method_ == "POST")) {
            method_ = "GET";
            if (!body_dropped_) {
                body_dropped_ = true;
                headers_ = build_header_list(false);
            }
        }
        url_ = std::move(target);
        endpoint_ = redact_url(url_);
        return true;
    }

    void check_same_origin(const std::string& target, int status) const {
        struct Origin {
            std::string scheme, host, port;
        };
        auto origin_of = [](const std::string& url) -> std::optional<Origin> {
            CURLU* parsed = curl_url();
            if (!parsed) throw std::bad_alloc();
            std::optional<Origin> origin;
            if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
                char* scheme = nullptr;
                char* host = nullptr;
                char* port = nullptr;
                if (curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
                    curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
                    curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
                    origin = Origin{scheme, host, port};
                curl_free(scheme);
                curl_free(host);
                curl_free(port);
            }
            curl_url_cleanup(parsed);
            return origin;
        };
        const auto from = origin_of(url_);
        const auto to = origin_of(target);
        if (from && to && iequals(from->scheme, to->scheme) && iequals(from->host, to->host) &&
            from->port == to->port)
            return;
        const std::string where =
            to ? "host " + to->host + " (" + to->scheme + ", port " + to->port + ")"
               : "a location that is not a valid URL";
        throw ConnectionError(
            failure_message(
                "redirect to another host refused",
                "the server answered " + std::to_string(status) + " redirecting to " + where,
                "odoobridge follows redirects only to the same scheme, host and "
                "port; configure the final URL directly if you trust that host"),
            endpoint_);
    }

    [[nodiscard]] std::string failure_message(std::string_view what, std::string_view detail,
                                              std::string_view hint) const {
        std::string message(what);
        message += " while calling ";
        message += endpoint_;
        message += ": ";
        message += detail;
        message += "; ";
        message += hint;
        return message;
    }

    /// libcurl's error text with anything secret from the URL or proxy removed.
    [[nodiscard]] std::string curl_detail(CURLcode code) const {
        std::string text = error_buffer_[0] != '\0' ? std::string(error_buffer_.data())
                                                    : std::string(curl_easy_strerror(code));
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        replace_all(text, url_, endpoint_);
        for (std::string_view secret :
             {query_of(url_), userinfo_of(url_), userinfo_of(settings_.options.proxy)})
            if (secret.size() > 1) replace_all(text, secret, "<redacted>");
        return text;
    }

    [[noreturn]] void throw_failure(CURL* easy, CURLcode code) const {
        if (callback_error_) std::rethrow_exception(callback_error_);
        const TransportOptions& options = settings_.options;
        const std::string detail = curl_detail(code);
        curl_off_t content_length = -1;
        curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length);

        if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
            // libcurl refuses an oversized Content-Length before reporting it anywhere.
            const auto announced = response_.header("Content-Length");
            const std::string size =
                content_length >= 0
                    ? "the server announced " + std::to_string(content_length) + " bytes"
                : announced ? "the server announced " + std::string(*announced) + " bytes"
                : code == CURLE_FILESIZE_EXCEEDED ? "the server announced a larger body"
                                                  : "the response grew past the limit";
            throw ResponseTooLargeError(
                failure_message("response too large",
                                size + ", above TransportOptions::max_response_bytes = " +
                                    std::to_string(options.max_response_bytes),
                                "raise max_response_bytes if responses this large are "
                                "expected, or ask for less data (smaller pages, fewer fields)"),
                endpoint_);
        }
        switch (code) {
            case CURLE_COULDNT_RESOLVE_HOST:
                throw ConnectionError(
                    failure_message("host not found", detail,
                                    "check the host name in the URL and this machine's DNS"),
                    endpoint_);
            case CURLE_COULDNT_RESOLVE_PROXY:
                throw ConnectionError(
                    failure_message("proxy host not found", detail,
                                    "check TransportOptions::proxy or the http_proxy, "
                                    "https_proxy and no_proxy environment variables"),
                    endpoint_);
            case CURLE_COULDNT_CONNECT:
                throw ConnectionError(
                    failure_message("cannot connect", detail,
                                    "check that the server is running and listens on that "
                                    "host and port, and that no firewall or proxy blocks it"),
                    endpoint_);
            case CURLE_SEND_ERROR:
            case CURLE_RECV_ERROR:
                throw ConnectionError(
                    failure_message("connection reset", detail,
                                    "the server or a proxy dropped the connection: check the "
                                    "server's logs, and retry if the call is safe to repeat"),
                    endpoint_);
            case CURLE_GOT_NOTHING:
                throw ConnectionError(
                    failure_message("connection closed without an answer", detail,
                                    "the server closed the connection before answering: "
                                    "check the server's logs and that the URL is an HTTP "
                                    "service"),
                    endpoint_);
            case CURLE_PARTIAL_FILE: {
                curl_off_t received = 0;
                curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
                std::string what =
                    "response truncated: connection closed after " + std::to_string(received);
                if (content_length >= 0) what += " of " + std::to_string(content_length);
                what += " bytes";
                throw ConnectionError(
                    failure_message(what, detail,
                                    "the server or a proxy dropped the connection mid-answer: "
                                    "check the server's logs, and retry if the call is safe to "
                                    "repeat"),
                    endpoint_);
            }
            case CURLE_WEIRD_SERVER_REPLY:
            case CURLE_HTTP2:
            case CURLE_HTTP2_STREAM:
                throw ConnectionError(
                    failure_message("invalid HTTP answer", detail,
                                    "check that the URL names an HTTP(S) service and that its "
                                    "scheme (http or https) matches the port"),
                    endpoint_);
            case CURLE_OPERATION_TIMEDOUT:
                throw_timeout(easy, detail);
            case CURLE_PEER_FAILED_VERIFICATION:
                throw TlsError(
                    failure_message("TLS certificate not trusted", detail,
                                    "install the CA that signed the server's certificate and "
                                    "point TransportOptions::ca_file or ca_path at it "
                                    "(verify_tls=false is for tests only)"),
                    endpoint_);
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_CRL_BADFILE:
                throw TlsError(failure_message("cannot load trusted certificates", detail,
                                               "check that TransportOptions::ca_file and "
                                               "ca_path exist and hold PEM certificates"),
                               endpoint_);
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_SSL_ENGINE_NOTFOUND:
            case CURLE_SSL_ENGINE_SETFAILED:
            case CURLE_SSL_ENGINE_INITFAILED:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_USE_SSL_FAILED:
            case CURLE_SSL_SHUTDOWN_FAILED:
            case CURLE_SSL_ISSUER_ERROR:
            case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            case CURLE_SSL_INVALIDCERTSTATUS:
#if LIBCURL_VERSION_NUM >= 0x074d00
            case CURLE_SSL_CLIENTCERT:
#endif
                throw TlsError(
                    failure_message("TLS handshake failed", detail,
                                    "check that the server speaks TLS on that port and accepts "
                                    "a TLS version and cipher this libcurl offers"),
                    endpoint_);
            case CURLE_URL_MALFORMAT:
            case CURLE_UNSUPPORTED_PROTOCOL:
                throw ConfigurationError(failure_message("invalid URL", detail,
                                                         "use an absolute http:// or https:// URL"),
                                         endpoint_);
            case CURLE_BAD_CONTENT_ENCODING:
                throw TransportError(
                    failure_message("cannot decompress the response", detail,
                                    "the server sent a broken compressed body: check the server "
                                    "or turn TransportOptions::compression off"),
                    endpoint_);
            case CURLE_OUT_OF_MEMORY:
                throw std::bad_alloc();
            default:
                throw TransportError(
                    failure_message("HTTP transfer failed", detail,
                                    "see libcurl's message above; retry if the call is safe to "
                                    "repeat"),
                    endpoint_);
        }
    }

    [[noreturn]] void throw_timeout(CURL* easy, const std::string& detail) const {
        const TransportOptions& options = settings_.options;
        curl_off_t connect_time = 0;
        curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_time);
        if (connect_time == 0 && options.connect_timeout <= options.total_timeout)
            throw TimeoutError(
                failure_message("connect timeout", detail,
                                "no connection within TransportOptions::connect_timeout = " +
                                    std::to_string(options.connect_timeout.count()) +
                                    " ms: check the host, port and firewall, or raise "
                                    "connect_timeout"),
                endpoint_);
        throw TimeoutError(
            failure_message("timeout", detail,
                            "no complete answer within TransportOptions::total_timeout = " +
                                std::to_string(options.total_timeout.count()) +
                                " ms: raise total_timeout for slow calls, or ask for less data"),
            endpoint_);
    }

    const Request& request_;
    const Settings& settings_;
    std::string method_;
    std::string url_;       ///< current hop, with query string: never logged or reported
    std::string endpoint_;  ///< redact_url(url_)
    HeaderList headers_;
    bool body_dropped_ = false;
    int redirects_ = 0;

    Response response_;
    std::size_t body_bytes_ = 0;    ///< decoded body bytes of this hop
    std::size_t header_bytes_ = 0;  ///< header bytes of this hop (all interim answers too)
    bool too_large_ = false;
    std::exception_ptr callback_error_;
    std::array<char, CURL_ERROR_SIZE> error_buffer_{};
    Clock::time_point started_;
};

/// The handles of one transport: settings, the share object and the idle pools.
class Connections {
public:
    Connections(TransportOptions options, LoggerPtr logger)
        : settings_{std::move(options), logger_or_silent(std::move(logger)), {}} {
        settings_.options.validate();
        ensure_curl_initialised();
        settings_.user_agent = settings_.options.user_agent.empty()
                                   ? std::string("odoobridge/") + odoobridge::version +
                                         " libcurl/" + curl_version_info(CURLVERSION_NOW)->version
                                   : settings_.options.user_agent;
        share_.emplace();
    }
    ~Connections() {
        // Every handle must be gone before the share object they use.
        idle_multi_.clear();
        idle_easy_.clear();
        share_.reset();
    }
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;

    [[nodiscard]] const Settings& settings() const noexcept { return settings_; }

    /// An idle easy handle, or a new one attached to the share object.
    EasyHandle acquire_easy() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_easy_.empty()) {
                EasyHandle easy = std::move(idle_easy_.back());
                idle_easy_.pop_back();
                return easy;
            }
        }
        EasyHandle easy(curl_easy_init());
        if (!easy) throw std::bad_alloc();
        // Kept across curl_easy_reset, which preserves shares and live connections.
        set_option(easy.get(), CURLOPT_SHARE, share_->get());
        return easy;
    }

    /// Returns `easy` to the pool (keeping its open connections), or closes it when
    /// `max_connections` handles are idle already.
    void release_easy(EasyHandle easy) noexcept {
        if (!easy) return;
        curl_easy_reset(easy.get());  // drops the pointers into the finished exchange
        std::lock_guard lock(mutex_);
        if (idle_easy_.size() < static_cast<std::size_t>(settings_.options.max_connections))
            keep(idle_easy_, std::move(easy));
    }  // a handle not kept closes here

    /// An idle multi handle, or a new one limited to `max_connections` connections.
    MultiHandle acquire_multi() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_multi_.empty()) {
                MultiHandle multi = std::move(idle_multi_.back());
                idle_multi_.pop_back();
                return multi;
            }
        }
        MultiHandle multi(curl_multi_init());
        if (!multi) throw std::bad_alloc();
        const long limit = settings_.options.max_connections;
        check_multi(curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS, limit),
                    "CURLMOPT_MAX_HOST_CONNECTIONS");
        check_multi(curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, limit),
                    "CURLMOPT_MAX_TOTAL_CONNECTIONS");
        check_multi(curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, limit),
                    "CURLMOPT_MAXCONNECTS");
        return multi;
    }

    /// Returns `multi` (no transfer attached) to the pool, or closes it.
    void release_multi(MultiHandle multi) noexcept {
        if (!multi) return;
        std::lock_guard lock(mutex_);
        if (idle_multi_.size() < kMaxIdleMultiHandles) keep(idle_multi_, std::move(multi));
    }

private:
    template <class Handle>
    static void keep(std::vector<Handle>& pool, Handle&& handle) noexcept {
        try {
            pool.push_back(std::move(handle));
        } catch (...) {
            // No memory to keep it: the caller's handle closes instead.
        }
    }

    Settings settings_;
    std::optional<Share> share_;
    std::mutex mutex_;
    std::vector<EasyHandle> idle_easy_;
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
    [[nodiscard]] CURL* get() const noexcept { return easy_.get(); }

private:
    Connections& connections_;
    EasyHandle easy_;
};

/// Sends one request (following same-host redirects) on a pooled easy handle.
Response send_one(Connections& connections, const Request& request) {
    Exchange exchange(request, connections.settings());
    EasyLease easy(connections);
    do {
        exchange.prepare(easy.get());
    } while (exchange.finish(easy.get(), curl_easy_perform(easy.get())));
    return exchange.take_response();
}

/// One `send_all` batch on one multi handle: keeps up to `max_connections` transfers in
/// flight, collects outcomes by request index, and detaches every transfer still running
/// when destroyed (after an exception).
class Batch {
public:
    Batch(Connections& connections, std::span<const Request> requests)
        : connections_(connections),
          requests_(requests),
          multi_(connections.acquire_multi()),
          results_(requests.size()) {}
    ~Batch() {
        for (auto& transfer : running_)
            curl_multi_remove_handle(multi_.get(), transfer->easy.get());
        running_.clear();
        connections_.release_multi(std::move(multi_));
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    std::vector<Outcome<Response>> run() {
        const auto started = Clock::now();
        const auto window =
            static_cast<std::size_t>(connections_.settings().options.max_connections);
        while (next_ < requests_.size() || !running_.empty()) {
            while (running_.size() < window && next_ < requests_.size()) start(next_++);
            if (running_.empty()) continue;
            int still_running = 0;
            check_multi(curl_multi_perform(multi_.get(), &still_running), "curl_multi_perform");
            collect_finished();
            if (!running_.empty())
                check_multi(curl_multi_poll(multi_.get(), nullptr, 0, 1000, nullptr),
                            "curl_multi_poll");
        }
        std::vector<Outcome<Response>> outcomes;
        outcomes.reserve(results_.size());
        std::size_t failed = 0;
        for (auto& result : results_) {
            if (!result->ok()) ++failed;
            outcomes.push_back(std::move(*result));
        }
        connections_.settings().logger->debug(
            "sent {} requests ({} failed) over at most {} connections in {} ms", outcomes.size(),
            failed, window,
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
        return outcomes;
    }

private:
    struct Transfer {
        Transfer(std::size_t index_, const Request& request, Connections& connections)
            : index(index_), exchange(request, connections.settings()), easy(connections) {}
        std::size_t index;
        Exchange exchange;
        EasyLease easy;  // declared last: reset before the exchange it points into dies
    };

    void start(std::size_t index) {
        try {
            auto transfer = std::make_unique<Transfer>(index, requests_[index], connections_);
            attach(*transfer);
            running_.push_back(std::move(transfer));
        } catch (...) {
            results_[index].emplace(std::current_exception());
        }
    }

    /// Prepares the transfer's current hop and adds it to the multi handle.
    void attach(Transfer& transfer) {
        transfer.exchange.prepare(transfer.easy.get());
        set_option(transfer.easy.get(), CURLOPT_PRIVATE, static_cast<void*>(&transfer));
        check_multi(curl_multi_add_handle(multi_.get(), transfer.easy.get()),
                    "curl_multi_add_handle");
    }

    void collect_finished() {
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL* easy = message->easy_handle;
            const CURLcode code = message->data.result;  // `message` dies with remove_handle
            char* tag = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &tag);
            auto* transfer = reinterpret_cast<Transfer*>(tag);
            curl_multi_remove_handle(multi_.get(), easy);
            bool finished = true;
            try {
                if (transfer->exchange.finish(easy, code)) {
                    attach(*transfer);
                    finished = false;
                } else {
                    results_[transfer->index].emplace(transfer->exchange.take_response());
                }
            } catch (...) {
                results_[transfer->index].emplace(std::current_exception());
            }
            if (finished)
                std::erase_if(running_, [transfer](const auto& t) { return t.get() == transfer; });
        }
    }

    Connections& connections_;
    std::span<const Request> requests_;
    MultiHandle multi_;
    std::vector<std::optional<Outcome<Response>>> results_;
    std::vector<std::unique_ptr<Transfer>> running_;
    std::size_t next_ = 0;
};

}  // namespace

struct CurlTransport::Impl {
    Impl(TransportOptions options, LoggerPtr logger)
        : connections(std::move(options), std::move(logger)) {}
    Connections connections;
};

CurlTransport::CurlTransport(TransportOptions options, LoggerPtr logger)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(logger))) {}

CurlTransport::~CurlTransport() = default;

Response CurlTransport::send(const Request& request) {
    return send_one(impl_->connections, request);
}

std::vector<Outcome<Response>> CurlTransport::send_all(std::span<const Request> requests) {
    if (requests.empty()) return {};
    return Batch(impl_->connections, requests).run();
}

const TransportOptions& CurlTransport::options() const noexcept {
    return impl_->connections.settings().options;
}

std::shared_ptr<Transport> make_default_transport(TransportOptions options, LoggerPtr logger) {
    return std::make_shared<CurlTransport>(std::move(options), std::move(logger));
}

}  // namespace odoobridge::core
