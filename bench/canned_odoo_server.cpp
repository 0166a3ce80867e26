// canned_odoo_server: a small, fast HTTP/1.1 keep-alive server on loopback that answers
// the Odoo calls of the read benchmark (login, version, res.partner read over XML-RPC,
// JSON-RPC, the web session and JSON-2) with canned answers cut from the real Odoo wire
// captures. One thread per connection with blocking sockets: the lowest latency for a
// client that waits for each answer, and concurrent clients get their own threads.
//
//   canned_odoo_server [--port N] [--port-file FILE] [--wire-dir DIR] [--latency-us N]
//                      [--quiet]
//
// Prints "listening on http://127.0.0.1:<port>" once it accepts connections and, when
// given --port-file, writes the port there (atomically). SIGINT/SIGTERM print the
// per-route request counters to stderr and stop it. GET /bench/stats answers
// {"connections": n, "requests": m} so benchmarks can tell how many connections a
// client opened. --latency-us N holds each answer back for at least N microseconds, to
// stand for the network and the work of a real server (0, the default, answers at once).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "canned_answers.hpp"

namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;

struct Options {
    int port = 0;
    std::string port_file;
    std::filesystem::path wire_dir = ODOOBRIDGE_BENCH_WIRE_DIR;
    std::chrono::microseconds latency{0};
    bool quiet = false;
};

[[noreturn]] void usage_error(const std::string& message) {
    std::cerr << "canned_odoo_server: " << message
              << "\nusage: canned_odoo_server [--port N] [--port-file FILE] [--wire-dir DIR] "
                 "[--latency-us N] [--quiet]\n";
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--port") {
            const std::string text = value();
            const auto [end, ec] =
                std::from_chars(text.data(), text.data() + text.size(), options.port);
            if (ec != std::errc{} || end != text.data() + text.size() || options.port < 0 ||
                options.port > 65535)
                usage_error("--port must be a number from 0 to 65535, got '" + text + "'");
        } else if (arg == "--port-file") {
            options.port_file = value();
        } else if (arg == "--wire-dir") {
            options.wire_dir = value();
        } else if (arg == "--latency-us") {
            const std::string text = value();
            long micros = -1;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), micros);
            if (ec != std::errc{} || end != text.data() + text.size() || micros < 0 ||
                micros > 10'000'000)
                usage_error("--latency-us must be a number from 0 to 10000000, got '" + text + "'");
            options.latency = std::chrono::microseconds(micros);
        } else if (arg == "--quiet") {
            options.quiet = true;
        } else {
            usage_error("unknown argument '" + std::string(arg) + "'");
        }
    }
    return options;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
    });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool receive_more(int fd, std::string& in) {
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            in.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        if (n < 0 && errno == EINTR) continue;
        return false;  // peer closed or reset
    }
}

void reply_error_and_close(int fd, int status, std::string_view reason, std::string_view text) {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
                      "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                      std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n";
    out.append(text);
    send_all(fd, out);
}

// What the server needs of a request head.
struct Head {
    std::string_view method;
    std::string_view target;
    std::size_t content_length = 0;
    bool keep_alive = true;
    bool expect_continue = false;
    bool chunked = false;
    std::string error;  // non-empty: answer 400 with this text and close
};

Head parse_head(std::string_view head) {
    Head result;
    std::size_t line_end = head.find("\r\n");
    const std::string_view request_line = head.substr(0, line_end);
    const std::size_t sp1 = request_line.find(' ');
    const std::size_t sp2 = request_line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1) {
        result.error = "canned_odoo_server: malformed request line\n";
        return result;
    }
    result.method = request_line.substr(0, sp1);
    result.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = request_line.substr(sp2 + 1);
    result.keep_alive = version != "HTTP/1.0";
    while (line_end != std::string_view::npos && line_end < head.size()) {
        const std::size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string_view line = head.substr(start, line_end - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "Content-Length")) {
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), result.content_length);
            if (ec != std::errc{} || end != value.data() + value.size())
                result.error = "canned_odoo_server: bad Content-Length\n";
        } else if (iequals(name, "Connection")) {
            if (iequals(value, "close"))
                result.keep_alive = false;
            else if (iequals(value, "keep-alive"))
                result.keep_alive = true;
        } else if (iequals(name, "Expect")) {
            result.expect_continue = iequals(value, "100-continue");
        } else if (iequals(name, "Transfer-Encoding")) {
            result.chunked = true;
        }
    }
    return result;
}

void serve_connection(int fd, const bench::CannedOdoo& odoo, bench::ServerStats& stats,
                      std::chrono::microseconds latency) {
    // Sleep as close to `latency` as the kernel allows (the default slack is 50 µs).
    if (latency.count() > 0) ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    std::string in;
    std::string out;
    std::size_t begin = 0;  // first byte of the next request in `in`
    for (bool keep_alive = true; keep_alive;) {
        std::size_t head_end;
        while ((head_end = in.find("\r\n\r\n", begin)) == std::string::npos) {
            if (in.size() - begin > kMaxHeaderBytes) {
                reply_error_and_close(fd, 431, "Request Header Fields Too Large",
                                      "canned_odoo_server: request head above 64 KiB\n");
                keep_alive = false;
                break;
            }
            if (!receive_more(fd, in)) {
                keep_alive = false;
                break;
            }
        }
        if (!keep_alive) break;
        const auto head_text = [&] { return std::string_view(in).substr(begin, head_end - begin); };
        Head head = parse_head(head_text());
        if (!head.error.empty()) {
            reply_error_and_close(fd, 400, "Bad Request", head.error);
            break;
        }
        if (head.chunked) {
            reply_error_and_close(fd, 411, "Length Required",
                                  "canned_odoo_server: send a Content-Length, not chunks\n");
            break;
        }
        if (head.content_length > kMaxBodyBytes) {
            reply_error_and_close(fd, 413, "Content Too Large",
                                  "canned_odoo_server: request body above 64 MiB\n");
            break;
        }
        const std::size_t body_start = head_end + 4;
        const std::size_t request_end = body_start + head.content_length;
        if (head.expect_continue && in.size() < request_end &&
            !send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n"))
            break;
        const char* const buffer_before = in.data();
        bool complete = true;
        while (complete && in.size() < request_end) complete = receive_more(fd, in);
        if (!complete) break;
        // `head` views into `in`: parse again when receiving the body moved the buffer.
        if (in.data() != buffer_before) head = parse_head(head_text());
        out.clear();
        odoo.answer({head.method, head.target,
                     std::string_view(in).substr(body_start, head.content_length)},
                    stats, out);
        if (latency.count() > 0) std::this_thread::sleep_for(latency);
        keep_alive = send_all(fd, out) && head.keep_alive;
        begin = request_end;
        if (begin == in.size()) {
            in.clear();
            begin = 0;
        } else if (begin > kMaxHeaderBytes) {
            in.erase(0, begin);
            begin = 0;
        }
    }
    ::close(fd);
}

int listen_on_loopback(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket(): ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::runtime_error("cannot bind 127.0.0.1:" + std::to_string(port) + ": " +
                                 std::strerror(errno) + " (choose another --port, or 0)");
    if (::listen(fd, 1024) != 0)
        throw std::runtime_error(std::string("listen(): ") + std::strerror(errno));
    return fd;
}

int bound_port(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

void write_port_file(const std::string& path, int port) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << port << '\n';
        if (!out) throw std::runtime_error("cannot write the port file " + temporary);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot rename " + temporary + " to " + path + ": " +
                                 std::strerror(errno));
}

void print_summary(const bench::ServerStats& stats) {
    std::fprintf(stderr, "canned_odoo_server: %llu connections, %llu requests",
                 static_cast<unsigned long long>(stats.connections.load()),
                 static_cast<unsigned long long>(stats.requests.load()));
    for (std::size_t i = 0; i < stats.routes.size(); ++i) {
        const auto count = stats.routes[i].load();
        if (count != 0)
            std::fprintf(stderr, ", %s %llu",
                         bench::route_name(static_cast<bench::Route>(i)).data(),
                         static_cast<unsigned long long>(count));
    }
    std::fprintf(stderr, "\n");
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    // Static: the detached connection threads use them until the process exits.
    static const bench::CannedOdoo odoo(options.wire_dir);
    static bench::ServerStats stats;

    // Every thread inherits this mask; one thread waits for the stop signals.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    std::thread([stop_signals, quiet = options.quiet] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        if (!quiet) print_summary(stats);
        std::_Exit(0);
    }).detach();

    const int listener = listen_on_loopback(options.port);
    const int port = bound_port(listener);
    if (!options.port_file.empty()) write_port_file(options.port_file, port);
    std::cout << "listening on http://127.0.0.1:" << port << std::endl;

    for (;;) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            throw std::runtime_error(std::string("accept(): ") + std::strerror(errno));
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        stats.connections.fetch_add(1, std::memory_order_relaxed);
        std::thread(serve_connection, fd, std::cref(odoo), std::ref(stats), options.latency)
            .detach();
    }
} catch (const std::exception& e) {
    std::cerr << "canned_odoo_server: " << e.what() << '\n';
    return 1;
}
