/// \file
/// How `CurlTransport` turns a failed libcurl transfer into an exception: the class that
/// fits the failure, and a message that says what failed, where and how to fix it, with
/// every secret of the URL and proxy redacted.

#include <odoobridge/core/secret_mask.hpp>

#include "curl_detail.hpp"

namespace odoobridge::core::curl_detail {

namespace {

/// libcurl's error text with anything secret from the URL or proxy removed.
std::string curl_text(CURLcode code, const HopFailure& hop) {
    std::string text = hop.error_buffer[0] != '\0' ? std::string(hop.error_buffer)
                                                   : std::string(curl_easy_strerror(code));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    text = mask_secrets(std::move(text), {hop.url}, hop.endpoint);
    // A one-character query or user info would blank out every such character of the text.
    const auto worth_masking = [](std::string_view secret) {
        return secret.size() > 1 ? secret : std::string_view{};
    };
    return mask_secrets(std::move(text),
                        {worth_masking(query_of(hop.url)), worth_masking(userinfo_of(hop.url)),
                         worth_masking(userinfo_of(hop.options.proxy))});
}

[[noreturn]] void throw_timeout(CURL* easy, const std::string& detail, const HopFailure& hop) {
    const TransportOptions& options = hop.options;
    curl_off_t connect_time = 0;
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_time);
    if (connect_time == 0 && options.connect_timeout <= options.total_timeout)
        throw_at<TimeoutError>(hop.endpoint, "connect timeout", detail,
                               "no connection within TransportOptions::connect_timeout = " +
                                   std::to_string(options.connect_timeout.count()) +
                                   " ms: check the host, port and firewall, or raise "
                                   "connect_timeout");
    throw_at<TimeoutError>(hop.endpoint, "timeout", detail,
                           "no complete answer within TransportOptions::total_timeout = " +
                               std::to_string(options.total_timeout.count()) +
                               " ms: raise total_timeout for slow calls, or ask for less data");
}

}  // namespace

std::string failure_message(std::string_view endpoint, std::string_view what,
                            std::string_view detail, std::string_view hint) {
    std::string message(what);
    message += " while calling ";
    message += endpoint;
    message += ": ";
    message += detail;
    message += "; ";
    message += hint;
    return message;
}

void throw_failure(CURL* easy, CURLcode code, const HopFailure& hop) {
    const TransportOptions& options = hop.options;
    const std::string detail = curl_text(code, hop);
    curl_off_t content_length = -1;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length);

    if (hop.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        // libcurl refuses an oversized Content-Length before reporting it anywhere.
        const auto announced = hop.response.header("Content-Length");
        const std::string size =
            content_length >= 0
                ? "the server announced " + std::to_string(content_length) + " bytes"
            : announced ? "the server announced " + std::string(*announced) + " bytes"
            : code == CURLE_FILESIZE_EXCEEDED ? "the server announced a larger body"
                                              : "the response grew past the limit";
        throw_at<ResponseTooLargeError>(
            hop.endpoint, "response too large",
            size + ", above TransportOptions::max_response_bytes = " +
                std::to_string(options.max_response_bytes),
            "raise max_response_bytes if responses this large are "
            "expected, or ask for less data (smaller pages, fewer fields)");
    }
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            throw_at<ConnectionError>(hop.endpoint, "host not found", detail,
                                      "check the host name in the URL and this machine's DNS");
        case CURLE_COULDNT_RESOLVE_PROXY:
            throw_at<ConnectionError>(hop.endpoint, "proxy host not found", detail,
                                      "check TransportOptions::proxy or the http_proxy, "
                                      "https_proxy and no_proxy environment variables");
        case CURLE_COULDNT_CONNECT:
            throw_at<ConnectionError>(hop.endpoint, "cannot connect", detail,
                                      "check that the server is running and listens on that "
                                      "host and port, and that no firewall or proxy blocks it");
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
            throw_at<ConnectionError>(hop.endpoint, "connection reset", detail,
                                      "the server or a proxy dropped the connection: check the "
                                      "server's logs, and retry if the call is safe to repeat");
        case CURLE_GOT_NOTHING:
            throw_at<ConnectionError>(hop.endpoint, "connection closed without an answer", detail,
                                      "the server closed the connection before answering: "
                                      "check the server's logs and that the URL is an HTTP "
                                      "service");
        case CURLE_PARTIAL_FILE: {
            curl_off_t received = 0;
            curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
            std::string what =
                "response truncated: connection closed after " + std::to_string(received);
            if (content_length >= 0) what += " of " + std::to_string(content_length);
            what += " bytes";
            throw_at<ConnectionError>(hop.endpoint, what, detail,
                                      "the server or a proxy dropped the connection mid-answer: "
                                      "check the server's logs, and retry if the call is safe to "
                                      "repeat");
        }
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            throw_at<ConnectionError>(hop.endpoint, "invalid HTTP answer", detail,
                                      "check that the URL names an HTTP(S) service and that its "
                                      "scheme (http or https) matches the port");
        case CURLE_OPERATION_TIMEDOUT:
            throw_timeout(easy, detail, hop);
        case CURLE_PEER_FAILED_VERIFICATION:
            throw_at<TlsError>(hop.endpoint, "TLS certificate not trusted", detail,
                               "install the CA that signed the server's certificate and "
                               "point TransportOptions::ca_file or ca_path at it "
                               "(verify_tls=false is for tests only)");
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CRL_BADFILE:
            throw_at<TlsError>(hop.endpoint, "cannot load trusted certificates", detail,
                               "check that TransportOptions::ca_file and "
                               "ca_path exist and hold PEM certificates");
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
            throw_at<TlsError>(hop.endpoint, "TLS handshake failed", detail,
                               "check that the server speaks TLS on that port and accepts "
                               "a TLS version and cipher this libcurl offers");
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            throw_at<ConfigurationError>(hop.endpoint, "invalid URL", detail,
                                         "use an absolute http:// or https:// URL");
        case CURLE_BAD_CONTENT_ENCODING:
            throw_at<TransportError>(hop.endpoint, "cannot decompress the response", detail,
                                     "the server sent a broken compressed body: check the server "
                                     "or turn TransportOptions::compression off");
        case CURLE_ABORTED_BY_CALLBACK:
            throw_at<CancelledError>(hop.endpoint, "request cancelled", detail,
                                     "TransportOptions::cancel asked to stop it (Ctrl-C in "
                                     "Python); the server may still have run the call");
        case CURLE_OUT_OF_MEMORY:
            throw std::bad_alloc();
        default:
            throw_at<TransportError>(hop.endpoint, "HTTP transfer failed", detail,
                                     "see libcurl's message above; retry if the call is safe to "
                                     "repeat");
    }
}

}  // namespace odoobridge::core::curl_detail
