/// \file
/// `Exchange`: one request of `CurlTransport` on an easy handle, from configuring each hop
/// to the final response: request validation, header lists, body and header callbacks
/// with the size cap, trace logging with secrets redacted, and same-host redirects.

#include "curl_detail.hpp"

namespace odoobridge::core::curl_detail {

Exchange::Exchange(const Request& request, const Settings& settings)
    : request_(request), settings_(settings), method_(request.method), url_(&request.url) {
    validate();
}

void Exchange::prepare(Easy& handle) {
    response_ = Response{};
    body_bytes_ = 0;
    header_bytes_ = 0;
    too_large_ = false;
    callback_error_ = nullptr;
    handle.error_buffer[0] = '\0';
    if (settings_.logger->should_log(spdlog::level::debug)) started_ = Clock::now();

    CURL* const easy = handle.get();
    use_url(handle);
    use_headers(handle);
    set_option(easy, CURLOPT_WRITEDATA, static_cast<void*>(this));
    set_option(easy, CURLOPT_HEADERDATA, static_cast<void*>(this));
    const curl_off_t max_file_size = method_ == "HEAD" ? 0 : settings_.max_file_size();
    if (handle.max_file_size != max_file_size) {  // no body to cap for HEAD
        set_option(easy, CURLOPT_MAXFILESIZE_LARGE, max_file_size);
        handle.max_file_size = max_file_size;
    }

    // The handle may come from an earlier call or hop: every option below is set each
    // time, in an order where none undoes the next (POSTFIELDS and HTTPGET set the method).
    if (method_ == "HEAD") {
        set_option(easy, CURLOPT_POSTFIELDS, static_cast<char*>(nullptr));
        set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t{-1});
        set_option(easy, CURLOPT_HTTPGET, 1L);
        set_option(easy, CURLOPT_NOBODY, 1L);
        set_option(easy, CURLOPT_CUSTOMREQUEST, static_cast<char*>(nullptr));
    } else if (sends_body()) {
        set_option(easy, CURLOPT_NOBODY, 0L);
        set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request_.body.size()));
        set_option(easy, CURLOPT_POSTFIELDS, request_.body.c_str());
        set_option(easy, CURLOPT_CUSTOMREQUEST,
                   method_ == "POST" ? static_cast<const char*>(nullptr) : method_.c_str());
    } else {
        set_option(easy, CURLOPT_POSTFIELDS, static_cast<char*>(nullptr));
        set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t{-1});
        set_option(easy, CURLOPT_HTTPGET, 1L);
        set_option(easy, CURLOPT_NOBODY, 0L);
        set_option(easy, CURLOPT_CUSTOMREQUEST,
                   method_ == "GET" ? static_cast<const char*>(nullptr) : method_.c_str());
    }
    log_request_details();
}

bool Exchange::finish(Easy& handle, CURLcode code) {
    CURL* const easy = handle.get();
    const auto elapsed_ms = [this] {
        return started_ == Clock::time_point{}
                   ? 0
                   : std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_)
                         .count();
    };
    if (code != CURLE_OK) {
        try {
            throw_failure(handle, code);
        } catch (const std::exception& error) {
            if (settings_.logger->should_log(spdlog::level::debug))
                settings_.logger->debug("{} {} failed after {} ms: {}", method_, endpoint(),
                                        elapsed_ms(), error.what());
            throw;
        }
    }
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response_.status = static_cast<int>(status);
    if (settings_.logger->should_log(spdlog::level::debug))
        settings_.logger->debug("{} {} -> {} ({} bytes in {} ms)", method_, endpoint(), status,
                                response_.body.size(), elapsed_ms());
    log_response_details();
    return follow_redirect(easy);
}

void Exchange::validate() const {
    if (request_.url.empty())
        throw ConfigurationError("Request.url is empty: give an absolute http:// or https:// URL");
    if (!is_token(request_.method))
        throw ConfigurationError("Request.method is not a valid HTTP method for " + endpoint() +
                                     ": use a token such as GET or POST",
                                 endpoint());
}

/// Points `easy` at the URL of this hop, unless it holds it already. Besides the text
/// (CURLOPT_URL, which libcurl's messages and redirect targets refer to), libcurl gets the
/// URL parsed once here (CURLOPT_CURLU): from the text alone it would parse the URL and
/// write it out again at every transfer, a good part of its work for a small request. The
/// parse takes the flags libcurl's own takes; a URL it refuses is left to libcurl as text,
/// which then fails the transfer with its usual error.
void Exchange::use_url(Easy& easy) const {
    if (easy.url == *url_) return;
    // Until both options hold the new URL the handle's URL counts as unknown (""), so that
    // a failure half-way leaves no parsed URL of an earlier call in force.
    easy.url.clear();
    set_option(easy.get(), CURLOPT_CURLU, static_cast<CURLU*>(nullptr));
    easy.parsed_url.reset();
    set_option(easy.get(), CURLOPT_URL, url_->c_str());
    // A new handle each time, as libcurl does: a URL set on a handle holding one already
    // would be read relative to it.
    UrlHandle parsed(curl_url());
    if (!parsed) throw std::bad_alloc();
    const CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, url_->c_str(),
                                        CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME);
    if (code == CURLUE_OUT_OF_MEMORY) throw std::bad_alloc();
    if (code == CURLUE_OK) {
        set_option(easy.get(), CURLOPT_CURLU, parsed.get());
        easy.parsed_url = std::move(parsed);
    }
    easy.url = *url_;
}

/// Points `easy` at the header list of this hop: the one it holds when that was built from
/// the same request headers (checked then), else a new one.
void Exchange::use_headers(Easy& easy) const {
    const bool with_body = !body_dropped_;
    if (easy.header_list && easy.header_body == with_body && easy.header_source == request_.headers)
        return;
    validate_headers();
    HeaderList list = build_header_list(with_body);
    set_option(easy.get(), CURLOPT_HTTPHEADER, list.get());
    easy.header_list = std::move(list);  // frees the previous list, no longer referenced
    easy.header_source = request_.headers;
    easy.header_body = with_body;
}

void Exchange::validate_headers() const {
    for (const auto& [name, value] : request_.headers) {
        if (!is_token(name))
            throw ConfigurationError(
                "a request header name for " + endpoint() +
                    " is empty or holds characters not allowed in header names: "
                    "use letters, digits and -",
                endpoint());
        if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
            throw ConfigurationError("the value of request header " + name + " for " + endpoint() +
                                         " contains a line break or NUL: remove it",
                                     endpoint());
    }
}

/// The request headers as libcurl wants them, plus an empty `Expect:` so POST bodies
/// go out without waiting for "100 Continue". Without `with_body_headers` the headers
/// describing a body are left out (a redirect turned the request into a GET).
HeaderList Exchange::build_header_list(bool with_body_headers) const {
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
        const std::string& header = name;  // lambdas cannot capture bindings before clang 16
        if (!with_body_headers && std::ranges::any_of(body_headers, [&](std::string_view h) {
                return iequals(h, header);
            }))
            continue;
        has_expect = has_expect || iequals(name, "Expect");
        // "Name;" is libcurl's spelling of a header sent with an empty value.
        append(value.empty() ? name + ";" : name + ": " + value);
    }
    if (!has_expect) append("Expect:");
    return list;
}

bool Exchange::sends_body() const noexcept {
    if (body_dropped_) return false;
    return !request_.body.empty() || method_ == "POST" || method_ == "PUT" || method_ == "PATCH";
}

bool Exchange::is_secret(std::string_view name) const noexcept {
    return is_secret_header(name) ||
           std::ranges::any_of(request_.secret_headers,
                               [name](const std::string& s) { return iequals(s, name); });
}

void Exchange::log_request_details() const {
    spdlog::logger& logger = *settings_.logger;
    if (!logger.should_log(spdlog::level::trace)) return;
    logger.trace("{} {}: sending {} body bytes", method_, endpoint(),
                 sends_body() ? request_.body.size() : 0);
    for (const auto& [name, value] : request_.headers)
        logger.trace("> {}: {}", name, is_secret(name) ? "<redacted>" : value);
}

void Exchange::log_response_details() const {
    spdlog::logger& logger = *settings_.logger;
    if (!logger.should_log(spdlog::level::trace)) return;
    logger.trace("{} {}: received {} body bytes", method_, endpoint(), response_.body.size());
    for (const auto& [name, value] : response_.headers) {
        // A redirect target may carry tokens in its query string like any URL.
        if (iequals(name, "Location") || iequals(name, "Content-Location"))
            logger.trace("< {}: {}", name, redact_url(value));
        else
            logger.trace("< {}: {}", name, is_secret(name) ? "<redacted>" : value);
    }
}

/// Counts `bytes` more into `received` (the body's or the headers' total), then runs
/// `store`. Returns `bytes`, or 0 (libcurl then aborts the transfer with CURLE_WRITE_ERROR)
/// when that total would exceed max_response_bytes (the transfer is marked too large) or
/// when `store` throws (the exception is kept for `finish` to rethrow).
template <class Store>
std::size_t Exchange::receive(std::size_t& received, std::size_t bytes, Store&& store) noexcept {
    if (bytes > settings_.options.max_response_bytes - received) {
        too_large_ = true;
        return 0;
    }
    received += bytes;
    try {
        store();
    } catch (...) {
        callback_error_ = std::current_exception();
        return 0;
    }
    return bytes;
}

std::size_t Exchange::on_body(char* data, std::size_t size, std::size_t count, void* self) {
    auto& exchange = *static_cast<Exchange*>(self);
    const std::size_t bytes = size * count;
    return exchange.receive(exchange.body_bytes_, bytes,
                            [&] { exchange.response_.body.append(data, bytes); });
}

std::size_t Exchange::on_header(char* data, std::size_t size, std::size_t count, void* self) {
    auto& exchange = *static_cast<Exchange*>(self);
    const std::size_t bytes = size * count;
    // Endless headers are refused like a huge body (with a budget of their own).
    return exchange.receive(exchange.header_bytes_, bytes,
                            [&] { exchange.add_header_line(std::string_view(data, bytes)); });
}

void Exchange::add_header_line(std::string_view line) {
    Headers& headers = response_.headers;
    if (line.starts_with("HTTP/")) {
        headers.clear();  // a new response (after "100 Continue"): keep only the last
        headers.reserve(8);
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
/// \throws ConnectionError for another origin or too many hops.
bool Exchange::follow_redirect(CURL* easy) {
    if (!settings_.options.follow_same_host_redirects) return false;
    const int status = response_.status;
    if (!is_redirect_status(status)) return false;
    char* location = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location)
        return false;
    std::string target(location);
    check_redirect(*url_, target, status, ++redirects_, endpoint());
    if (settings_.logger->should_log(spdlog::level::debug))
        settings_.logger->debug("{} {} redirected ({}) to {}", method_, endpoint(), status,
                                redact_url(target));
    if (redirect_becomes_get(status, method_)) {
        method_ = "GET";
        body_dropped_ = true;  // the next prepare sends the headers without the body's
    }
    redirect_url_ = std::move(target);
    url_ = &redirect_url_;
    endpoint_.reset();
    return true;
}

const std::string& Exchange::endpoint() const {
    if (!endpoint_) endpoint_ = redact_url(*url_);
    return *endpoint_;
}

void Exchange::throw_failure(Easy& easy, CURLcode code) const {
    if (callback_error_) std::rethrow_exception(callback_error_);
    curl_detail::throw_failure(easy.get(), code,
                               HopFailure{settings_.options, *url_, endpoint(),
                                          easy.error_buffer.data(), response_, too_large_});
}

}  // namespace odoobridge::core::curl_detail
