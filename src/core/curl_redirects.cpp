/// \file
/// The redirect policy of `CurlTransport`: which answers are redirects, when a redirect
/// turns the request into a GET, and the refusal of other origins and of redirect loops.

#include "curl_detail.hpp"

namespace odoobridge::core::curl_detail {

namespace {

/// Redirects followed per request before giving up.
constexpr int kMaxRedirects = 5;

struct Origin {
    std::string scheme, host, port;
};

/// The scheme, host and port (the default one when the URL names none) of `url`, or
/// nothing when `url` is not a valid URL.
std::optional<Origin> origin_of(const std::string& url) {
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
}

/// \throws ConnectionError unless `target` is on the scheme, host and port of `url`.
void check_same_origin(const std::string& url, const std::string& target, int status,
                       const std::string& endpoint) {
    const auto from = origin_of(url);
    const auto to = origin_of(target);
    if (from && to && iequals(from->scheme, to->scheme) && iequals(from->host, to->host) &&
        from->port == to->port)
        return;
    const std::string where =
        to ? "host " + to->host + " (" + to->scheme + ", port " + to->port + ")"
           : "a location that is not a valid URL";
    throw_at<ConnectionError>(
        endpoint, "redirect to another host refused",
        "the server answered " + std::to_string(status) + " redirecting to " + where,
        "odoobridge follows redirects only to the same scheme, host and "
        "port; configure the final URL directly if you trust that host");
}

}  // namespace

bool is_redirect_status(int status) noexcept {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool redirect_becomes_get(int status, std::string_view method) noexcept {
    return (status == 303 && method != "HEAD") ||
           ((status == 301 || status == 302) && method == "POST");
}

void check_redirect(const std::string& url, const std::string& target, int status, int redirects,
                    const std::string& endpoint) {
    check_same_origin(url, target, status, endpoint);
    if (redirects > kMaxRedirects)
        throw_at<ConnectionError>(endpoint, "too many redirects",
                                  "the server answered with more than " +
                                      std::to_string(kMaxRedirects) + " redirects in a row",
                                  "check the URL and the server's redirect rules for a loop");
}

}  // namespace odoobridge::core::curl_detail
