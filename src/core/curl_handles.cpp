/// \file
/// libcurl handles of `CurlTransport`: the one-time global init, option setting, the share
/// object (DNS and TLS session caches) and the pools of idle easy and multi handles.

#include <cctype>
#include <cstdlib>
#include <odoobridge/version.hpp>

#include "curl_detail.hpp"

namespace odoobridge::core::curl_detail {

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

void ensure_curl_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
            throw TransportError(std::string("cannot initialise libcurl: ") +
                                 curl_easy_strerror(code) +
                                 "; check that libcurl and its TLS library are installed");
    });
}

void throw_option_refused(CURLoption option, CURLcode code) {
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

Share::Share() : share_(curl_share_init()) {
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

Share::~Share() { curl_share_cleanup(share_); }

std::size_t Share::slot(curl_lock_data data) noexcept {
    const auto index = static_cast<std::size_t>(data);
    return index < CURL_LOCK_DATA_LAST ? index : 0;
}

void Share::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
    static_cast<Share*>(self)->mutexes_[slot(data)].lock();
}

void Share::unlock(CURL*, curl_lock_data data, void* self) {
    static_cast<Share*>(self)->mutexes_[slot(data)].unlock();
}

namespace {
/// CURLOPT_XFERINFOFUNCTION: non-zero stops the transfer with CURLE_ABORTED_BY_CALLBACK.
int ask_cancel(void* settings, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
    return static_cast<const Settings*>(settings)->options.cancel() ? 1 : 0;
}
}  // namespace

void Settings::apply(CURL* easy) const {
    set_option(easy, CURLOPT_NOSIGNAL, 1L);
    set_option(easy, CURLOPT_CONNECTTIMEOUT_MS, clamp_to_long(options.connect_timeout.count()));
    set_option(easy, CURLOPT_TIMEOUT_MS, clamp_to_long(options.total_timeout.count()));
    set_option(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    set_option(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    if (!options.ca_file.empty()) set_option(easy, CURLOPT_CAINFO, options.ca_file.c_str());
    if (!options.ca_path.empty()) set_option(easy, CURLOPT_CAPATH, options.ca_path.c_str());
    // Without CURLOPT_PROXY libcurl honours http_proxy, https_proxy and no_proxy, reading
    // them at every transfer. When they name no proxy (checked once, when the transport was
    // created) that is said here instead, which spares those reads and gives the same
    // direct connections.
    if (!options.proxy.empty()) {
        set_option(easy, CURLOPT_PROXY, options.proxy.c_str());
    } else if (!environment_proxy) {
        set_option(easy, CURLOPT_PROXY, "");
        set_option(easy, CURLOPT_NOPROXY, "");
    }
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
    set_option(easy, CURLOPT_MAXFILESIZE_LARGE, max_file_size());
    set_option(easy, CURLOPT_WRITEFUNCTION, &Exchange::on_body);
    set_option(easy, CURLOPT_HEADERFUNCTION, &Exchange::on_header);
    if (options.cancel) {  // libcurl asks about once a second, more often while data flows
        set_option(easy, CURLOPT_XFERINFOFUNCTION, &ask_cancel);
        set_option(easy, CURLOPT_XFERINFODATA, const_cast<Settings*>(this));
        set_option(easy, CURLOPT_NOPROGRESS, 0L);
    }
}

/// Refuses up front a body whose Content-Length is above the cap (the write callback
/// enforces the cap on the decoded body as it arrives).
curl_off_t Settings::max_file_size() const noexcept {
    return static_cast<curl_off_t>(
        std::min<std::size_t>(options.max_response_bytes,
                              static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max())));
}

bool environment_names_proxy() noexcept {
    for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return true;
    return false;
}

namespace {

/// The handle `pool` got back last (LIFO: its connections are the most likely still open),
/// or an empty handle when the pool is empty.
template <class Handle>
Handle take_idle(std::mutex& mutex, std::vector<Handle>& pool) {
    std::lock_guard lock(mutex);
    if (pool.empty()) return Handle{};
    Handle handle = std::move(pool.back());
    pool.pop_back();
    return handle;
}

/// Adds `handle` to `pool`; when that fails, `handle` stays with the caller (and closes).
template <class Handle>
void keep(std::vector<Handle>& pool, Handle&& handle) noexcept {
    try {
        pool.push_back(std::move(handle));
    } catch (...) {
        // No memory to keep it: the caller's handle closes instead.
    }
}

}  // namespace

Connections::Connections(TransportOptions options, LoggerPtr logger)
    : settings_{std::move(options), logger_or_silent(std::move(logger)), {}} {
    settings_.options.validate();
    settings_.environment_proxy = environment_names_proxy();
    ensure_curl_initialised();
    settings_.user_agent = settings_.options.user_agent.empty()
                               ? std::string("odoobridge/") + odoobridge::version + " libcurl/" +
                                     curl_version_info(CURLVERSION_NOW)->version
                               : settings_.options.user_agent;
    share_.emplace();
}

Connections::~Connections() {
    // Every handle must be gone before the share object they use.
    idle_multi_.clear();
    idle_easy_.clear();
    share_.reset();
}

EasyPtr Connections::acquire_easy() {
    if (EasyPtr idle = take_idle(mutex_, idle_easy_)) return idle;
    auto easy = std::make_unique<Easy>();
    easy->handle.reset(curl_easy_init());
    if (!easy->handle) throw std::bad_alloc();
    set_option(easy->get(), CURLOPT_SHARE, share_->get());
    set_option(easy->get(), CURLOPT_ERRORBUFFER, easy->error_buffer.data());
    settings_.apply(easy->get());
    easy->max_file_size = settings_.max_file_size();  // as apply() set it
    return easy;
}

void Connections::release_easy(EasyPtr easy) noexcept {
    if (!easy) return;
    // Drops the pointers into the finished exchange and request; the transport-wide
    // options, URL and header list stay for the next call. Clearing cannot fail.
    CURL* handle = easy->get();
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, static_cast<void*>(nullptr));
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, static_cast<void*>(nullptr));
    curl_easy_setopt(handle, CURLOPT_PRIVATE, static_cast<void*>(nullptr));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, static_cast<char*>(nullptr));
    std::lock_guard lock(mutex_);
    if (idle_easy_.size() < static_cast<std::size_t>(settings_.options.max_connections))
        keep(idle_easy_, std::move(easy));
}  // a handle not kept closes here

MultiHandle Connections::acquire_multi() {
    if (MultiHandle idle = take_idle(mutex_, idle_multi_)) return idle;
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

void Connections::release_multi(MultiHandle multi) noexcept {
    if (!multi) return;
    std::lock_guard lock(mutex_);
    if (idle_multi_.size() < kMaxIdleMultiHandles) keep(idle_multi_, std::move(multi));
}

}  // namespace odoobridge::core::curl_detail
