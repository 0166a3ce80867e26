#pragma once
// Shared helpers of the CurlTransport integration tests: the loopback fault servers,
// request builders, error capture and a log sink.

#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/core/errors.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <typeinfo>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server_process.hpp"

namespace odoobridge::test {

namespace core = odoobridge::core;

/// The plain-HTTP fault server, started once per test binary.
inline ServerProcess& faults_server() {
    static ServerProcess server("http_faults.py");
    return server;
}

/// A temporary file, removed on destruction.
class TempFile {
public:
    TempFile() {
        char name[] = "/tmp/odoobridge-test-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path_ = name;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Path of the certificate the TLS fault server writes at start.
inline const std::string& tls_cert_file() {
    static const TempFile file;
    return file.path();
}

/// The HTTPS fault server (self-signed certificate for 127.0.0.1), started once.
inline ServerProcess& tls_server() {
    static ServerProcess server("http_faults.py", {"--tls", "--cert-file", tls_cert_file()});
    return server;
}

/// "http://127.0.0.1:<port><path_and_query>" on the plain fault server.
inline std::string url(const std::string& path_and_query) {
    return faults_server().url() + path_and_query;
}

inline core::Request get(std::string target) {
    core::Request request;
    request.method = "GET";
    request.url = std::move(target);
    return request;
}

inline core::Request post(std::string target, std::string body) {
    core::Request request;
    request.method = "POST";
    request.url = std::move(target);
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    return request;
}

inline nlohmann::json json_of(const core::Response& response) {
    return nlohmann::json::parse(response.body);
}

/// A loopback port nothing listens on (bound, then released).
inline int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot bind a loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

/// What a caught odoobridge::Error said.
struct Caught {
    std::string type;
    std::string message;
    std::string endpoint;
};

/// Runs `action`, requires it to throw `Expected`, and returns what the error said.
template <class Expected, class Action>
Caught expect_error(Action&& action) {
    try {
        action();
    } catch (const Expected& error) {
        return {typeid(error).name(), error.what(), error.endpoint()};
    } catch (const std::exception& error) {
        FAIL("expected " << typeid(Expected).name() << " but got " << typeid(error).name() << ": "
                         << error.what());
    }
    FAIL("expected " << typeid(Expected).name() << " but nothing was thrown");
    throw std::logic_error("unreachable");
}

/// Milliseconds `action` took.
template <class Action>
long long time_ms(Action&& action) {
    const auto start = std::chrono::steady_clock::now();
    action();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
}

/// An spdlog logger at trace level writing into a string (never registered globally).
class LogCapture {
public:
    LogCapture()
        : logger_(std::make_shared<spdlog::logger>(
              "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_))) {
        logger_->set_level(spdlog::level::trace);
    }
    [[nodiscard]] const core::LoggerPtr& logger() const { return logger_; }
    [[nodiscard]] std::string text() const {
        logger_->flush();
        return stream_.str();
    }

private:
    std::ostringstream stream_;
    core::LoggerPtr logger_;
};

}  // namespace odoobridge::test
