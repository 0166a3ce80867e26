// CurlTransport failure mapping: each fault raises the right class of the error hierarchy
// with a message that names the endpoint (never its query string) and says what to do.

#include <fcntl.h>

#include <vector>

#include "transport_support.hpp"

using namespace odoobridge;
using namespace odoobridge::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Checks the parts every transport error message must have for `path` on the fault server.
void check_names_endpoint(const Caught& caught, const std::string& path) {
    INFO(caught.message);
    CHECK(caught.endpoint == url(path));
    CHECK(contains(caught.message, " while calling " + url(path) + ": "));
    CHECK_FALSE(contains(caught.message, "?"));
    CHECK_FALSE(contains(caught.message, "s3cr3t"));
}

/// A TimeoutError raised by GETting `target` with `options`, and how long the call took.
struct TimedOut {
    Caught caught;
    long long ms = 0;
};

TimedOut timed_out(const core::TransportOptions& options, const std::string& target) {
    core::CurlTransport transport(options);
    TimedOut result;
    result.ms = time_ms([&] {
        result.caught = expect_error<TimeoutError>([&] { (void)transport.send(get(target)); });
    });
    return result;
}

/// A loopback listener whose accept queue is full, so new connections hang in SYN-SENT.
class FullBacklogListener {
public:
    FullBacklogListener() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 0) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("cannot set up the full-backlog listener");
        port_ = ntohs(address.sin_port);
        for (int i = 0; i < 4; ++i) {  // more than the queue holds; never accepted
            const int client = ::socket(AF_INET, SOCK_STREAM, 0);
            ::fcntl(client, F_SETFL, O_NONBLOCK);
            (void)::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address);
            fillers_.push_back(client);
        }
        ::usleep(50'000);
    }
    ~FullBacklogListener() {
        for (int fd : fillers_) ::close(fd);
        ::close(listener_);
    }
    [[nodiscard]] int port() const { return port_; }

private:
    int listener_ = -1;
    int port_ = 0;
    std::vector<int> fillers_;
};

}  // namespace

TEST_CASE("a body shorter than its Content-Length is a truncation", "[transport][faults]") {
    core::CurlTransport transport;
    const auto caught = expect_error<ConnectionError>(
        [&] { (void)transport.send(get(url("/truncated?token=s3cr3t"))); });
    check_names_endpoint(caught, "/truncated");
    CHECK(caught.message.starts_with(
        "response truncated: connection closed after 10 of 1000 bytes while calling "));
    // The transport still works afterwards.
    CHECK(transport.send(get(url("/ok"))).status == 200);
}

TEST_CASE("a connection closed or reset without an answer is a ConnectionError",
          "[transport][faults]") {
    core::CurlTransport transport;
    auto caught = expect_error<ConnectionError>(
        [&] { (void)transport.send(post(url("/close?token=s3cr3t"), "{}")); });
    check_names_endpoint(caught, "/close");
    CHECK(caught.message.starts_with("connection closed without an answer"));

    caught = expect_error<ConnectionError>(
        [&] { (void)transport.send(get(url("/reset?token=s3cr3t"))); });
    check_names_endpoint(caught, "/reset");
    CHECK(caught.message.starts_with("connection reset"));
}

TEST_CASE("connection refused is a ConnectionError naming host and port", "[transport][faults]") {
    core::CurlTransport transport;
    const std::string target = "http://127.0.0.1:" + std::to_string(closed_port()) + "/jsonrpc";
    const auto caught = expect_error<ConnectionError>(
        [&] { (void)transport.send(post(target + "?token=s3cr3t", "{}")); });
    INFO(caught.message);
    CHECK(caught.endpoint == target);
    CHECK(caught.message.starts_with("cannot connect while calling " + target + ": "));
    CHECK(contains(caught.message, "check that the server is running"));
    CHECK_FALSE(contains(caught.message, "s3cr3t"));
}

TEST_CASE("an unknown host is a ConnectionError", "[transport][faults]") {
    core::CurlTransport transport;
    const auto caught = expect_error<ConnectionError>([&] {
        (void)transport.send(get("http://user:s3cr3t@nonexistent.invalid/web?key=s3cr3t"));
    });
    INFO(caught.message);
    CHECK(caught.endpoint == "http://nonexistent.invalid/web");
    CHECK(caught.message.starts_with(
        "host not found while calling http://nonexistent.invalid/web: "));
    CHECK(contains(caught.message, "DNS"));
    CHECK_FALSE(contains(caught.message, "s3cr3t"));
    CHECK_FALSE(contains(caught.message, "user"));
}

TEST_CASE("timeouts raise TimeoutError within bounded time", "[transport][faults]") {
    SECTION("total timeout while the server thinks") {
        core::TransportOptions options;
        options.total_timeout = std::chrono::milliseconds(300);
        const auto [caught, ms] = timed_out(options, url("/stall?seconds=5&token=s3cr3t"));
        check_names_endpoint(caught, "/stall");
        CHECK(caught.message.starts_with("timeout while calling"));
        CHECK(contains(caught.message, "total_timeout = 300 ms"));
        CHECK(ms >= 250);
        CHECK(ms < 2000);
    }
    SECTION("total timeout while the body trickles in") {
        core::TransportOptions options;
        options.total_timeout = std::chrono::milliseconds(400);
        const auto [caught, ms] = timed_out(options, url("/drip?chunks=30&interval=0.1"));
        check_names_endpoint(caught, "/drip");
        CHECK(ms < 2000);
    }
    SECTION("connect timeout when the server never accepts") {
        FullBacklogListener listener;
        core::TransportOptions options;
        options.connect_timeout = std::chrono::milliseconds(300);
        const std::string target = "http://127.0.0.1:" + std::to_string(listener.port()) + "/";
        const auto [caught, ms] = timed_out(options, target);
        INFO(caught.message);
        CHECK(caught.message.starts_with("connect timeout while calling " + target));
        CHECK(contains(caught.message, "connect_timeout = 300 ms"));
        CHECK(ms < 2000);
    }
}

TEST_CASE("bodies above max_response_bytes raise ResponseTooLargeError", "[transport][faults]") {
    core::TransportOptions options;
    options.max_response_bytes = 1000;
    core::CurlTransport transport(options);

    SECTION("announced by Content-Length") {
        const auto caught = expect_error<ResponseTooLargeError>(
            [&] { (void)transport.send(get(url("/big?bytes=5000&token=s3cr3t"))); });
        check_names_endpoint(caught, "/big");
        CHECK(contains(caught.message, "the server announced 5000 bytes"));
        CHECK(contains(caught.message, "max_response_bytes = 1000"));
        CHECK(contains(caught.message, "raise max_response_bytes"));
    }
    SECTION("discovered while a chunked body streams in") {
        const auto caught = expect_error<ResponseTooLargeError>(
            [&] { (void)transport.send(get(url("/big?bytes=300000&chunked=1"))); });
        check_names_endpoint(caught, "/big");
        CHECK(contains(caught.message, "the response grew past the limit"));
    }
    SECTION("the cap applies to the decompressed body") {
        const auto caught = expect_error<ResponseTooLargeError>(
            [&] { (void)transport.send(get(url("/gzip?items=5000"))); });
        check_names_endpoint(caught, "/gzip");
    }
    SECTION("endless headers count against the cap too") {
        const auto caught = expect_error<ResponseTooLargeError>(
            [&] { (void)transport.send(get(url("/many-headers?count=50&size=100"))); });
        check_names_endpoint(caught, "/many-headers");
        CHECK(transport.send(get(url("/many-headers?count=2&size=10"))).status == 200);
    }
    SECTION("a body of exactly the cap is fine") {
        CHECK(transport.send(get(url("/big?bytes=1000"))).body.size() == 1000);
        CHECK(transport.send(get(url("/big?bytes=1000&chunked=1"))).body.size() == 1000);
    }
}

TEST_CASE("redirects to another origin are refused", "[transport][faults]") {
    core::CurlTransport transport;

    SECTION("another host") {
        const auto caught = expect_error<ConnectionError>(
            [&] { (void)transport.send(get(url("/redirect-other?token=s3cr3t"))); });
        check_names_endpoint(caught, "/redirect-other");
        CHECK(caught.message.starts_with("redirect to another host refused while calling"));
        CHECK(contains(caught.message, "host other.invalid"));
        CHECK_FALSE(contains(caught.message, "landing"));
        CHECK_FALSE(contains(caught.message, "redirect-secret"));
    }
    SECTION("same host, other port") {
        const std::string elsewhere = "http://127.0.0.1:" + std::to_string(closed_port()) + "/ok";
        const auto caught = expect_error<ConnectionError>(
            [&] { (void)transport.send(get(url("/redirect?status=302&location=" + elsewhere))); });
        CHECK(contains(caught.message, "redirect to another host refused"));
        CHECK(caught.endpoint == url("/redirect"));
    }
    SECTION("a redirect loop stops after 5 hops") {
        const auto caught = expect_error<ConnectionError>(
            [&] { (void)transport.send(get(url("/redirect-loop"))); });
        check_names_endpoint(caught, "/redirect-loop");
        CHECK(caught.message.starts_with("too many redirects"));
    }
}

TEST_CASE("TLS: verification on by default, failure is a TlsError", "[transport][tls]") {
    const std::string base = "https://127.0.0.1:" + std::to_string(tls_server().port());

    SECTION("untrusted self-signed certificate") {
        core::CurlTransport transport;
        const auto caught =
            expect_error<TlsError>([&] { (void)transport.send(get(base + "/ok?token=s3cr3t")); });
        INFO(caught.message);
        CHECK(caught.endpoint == base + "/ok");
        CHECK(caught.message.starts_with("TLS certificate not trusted while calling " + base +
                                         "/ok: "));
        CHECK(contains(caught.message, "ca_file"));
        CHECK_FALSE(contains(caught.message, "s3cr3t"));
    }
    SECTION("verification off (tests only) succeeds") {
        core::TransportOptions options;
        options.verify_tls = false;
        core::CurlTransport transport(options);
        const auto response = transport.send(get(base + "/ok"));
        CHECK(response.status == 200);
        CHECK(json_of(response)["path"] == "/ok");
    }
    SECTION("trusting the certificate through ca_file succeeds with verification on") {
        core::TransportOptions options;
        options.ca_file = tls_cert_file();
        core::CurlTransport transport(options);
        CHECK(transport.send(get(base + "/conn-id")).status == 200);
    }
    SECTION("an unreadable ca_file is a TlsError saying so") {
        core::TransportOptions options;
        options.ca_file = "/nonexistent/ca.pem";
        core::CurlTransport transport(options);
        const auto caught =
            expect_error<TlsError>([&] { (void)transport.send(get(base + "/ok")); });
        CHECK(caught.message.starts_with("cannot load trusted certificates"));
    }
    SECTION("plain HTTP to the TLS port is a ConnectionError") {
        core::CurlTransport transport;
        const std::string plain = "http://127.0.0.1:" + std::to_string(tls_server().port()) + "/ok";
        const auto caught = expect_error<TransportError>([&] { (void)transport.send(get(plain)); });
        CHECK(caught.endpoint == plain);
    }
}

TEST_CASE("invalid options and requests are ConfigurationErrors", "[transport][config]") {
    core::TransportOptions options;
    options.max_connections = 0;
    CHECK_THROWS_AS(core::CurlTransport(options), ConfigurationError);

    core::CurlTransport transport;
    auto caught = expect_error<ConfigurationError>([&] { (void)transport.send(get("")); });
    CHECK(contains(caught.message, "Request.url is empty"));

    auto injected = get(url("/ok?token=s3cr3t"));
    injected.headers = {{"X-Custom", "a\r\nX-Injected: s3cr3t"}};
    caught = expect_error<ConfigurationError>([&] { (void)transport.send(injected); });
    CHECK(contains(caught.message, "X-Custom"));
    CHECK(contains(caught.message, "line break"));
    CHECK_FALSE(contains(caught.message, "s3cr3t"));

    auto bad_method = get(url("/ok"));
    bad_method.method = "GET /evil";
    CHECK_THROWS_AS(transport.send(bad_method), ConfigurationError);

    caught = expect_error<ConfigurationError>(
        [&] { (void)transport.send(get("ftp://127.0.0.1/file?token=s3cr3t")); });
    CHECK(caught.message.starts_with("invalid URL while calling ftp://127.0.0.1/file: "));
    CHECK_FALSE(contains(caught.message, "s3cr3t"));
}
