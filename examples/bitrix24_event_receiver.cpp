// bitrix24_event_receiver: a minimal HTTP endpoint for Bitrix24 outbound events.
//
// Bind it with `event.bind` (handler = http://your-host:PORT/bitrix24/events) or set it as
// an outgoing webhook's handler. Every POST is decoded with bitrix24::parse_event, which
// checks auth[application_token] against BITRIX24_APPLICATION_TOKEN in constant time:
//   - a verified event is printed and answered 200;
//   - a wrong or missing token is answered 401 and ignored;
//   - anything malformed is answered 400.
// Bitrix24 does not retry deliveries, so a real handler answers at once and queues the work.
//
// Usage: BITRIX24_APPLICATION_TOKEN=... bitrix24_event_receiver [PORT]   (default 8089)
// One connection at a time, plain HTTP: put it behind a TLS-terminating proxy.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <odoobridge/bitrix24/events.hpp>
#include <string>
#include <variant>

namespace b24 = odoobridge::bitrix24;

namespace {

constexpr std::size_t max_request_bytes = 1 << 20;

/// Reads one HTTP/1.1 request (headers + Content-Length body) from `fd`; false on error.
bool read_request(int fd, std::string& head, std::string& body) {
    std::string data;
    char buffer[8192];
    std::size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0 || data.size() > max_request_bytes) return false;
        data.append(buffer, static_cast<std::size_t>(got));
        header_end = data.find("\r\n\r\n");
    }
    head = data.substr(0, header_end);
    std::size_t length = 0;
    for (std::size_t at = 0; at < head.size();) {
        const auto eol = head.find("\r\n", at);
        const std::string line = head.substr(at, eol == std::string::npos ? eol : eol - at);
        if (strncasecmp(line.c_str(), "content-length:", 15) == 0)
            length = std::strtoul(line.c_str() + 15, nullptr, 10);
        at = eol == std::string::npos ? head.size() : eol + 2;
    }
    if (length > max_request_bytes) return false;
    body = data.substr(header_end + 4);
    while (body.size() < length) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0) return false;
        body.append(buffer, static_cast<std::size_t>(got));
    }
    body.resize(length);
    return true;
}

void answer(int fd, int status, const char* reason, const std::string& text) {
    const std::string response =
        "HTTP/1.1 " + std::to_string(status) + " " + reason +
        "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(text.size()) +
        "\r\nConnection: close\r\n\r\n" + text;
    (void)::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
}

/// What the handler does with a verified event.
void handle(const b24::Event& event) {
    const auto& envelope = b24::envelope_of(event);
    std::cout << envelope.event << " from " << envelope.auth.domain << ": ";
    if (const auto* user = std::get_if<b24::UserAdded>(&event))
        std::cout << "new user " << user->user_id;
    else if (const auto* task = std::get_if<b24::TaskAdded>(&event))
        std::cout << "new task " << task->task_id;
    else if (const auto* entry = std::get_if<b24::CalendarEntryAdded>(&event))
        std::cout << "new calendar entry " << entry->entry_id;
    else
        std::cout << "data " << envelope.data.dump();
    std::cout << std::endl;
}

void serve(int client, const std::string& token) {
    std::string head, body;
    if (!read_request(client, head, body))
        return answer(client, 400, "Bad Request", "unreadable request\n");
    if (!head.starts_with("POST "))
        return answer(client, 405, "Method Not Allowed", "POST Bitrix24 events here\n");
    try {
        handle(b24::parse_event(body, token));
        answer(client, 200, "OK", "ok\n");
    } catch (const b24::UnverifiedEventError& error) {
        std::cerr << "rejected: " << error.what() << '\n';
        answer(client, 401, "Unauthorized", "unknown application token\n");
    } catch (const b24::InvalidEventError& error) {
        std::cerr << "malformed: " << error.what() << '\n';
        answer(client, 400, "Bad Request", "not a Bitrix24 event\n");
    }
}

}  // namespace

int main(int argc, char** argv) {
    const char* token = std::getenv("BITRIX24_APPLICATION_TOKEN");
    if (token == nullptr || *token == '\0') {
        std::cerr << "set BITRIX24_APPLICATION_TOKEN to the application_token of the "
                     "installation event (or of the outgoing webhook)\n";
        return 2;
    }
    const int port = argc > 1 ? std::atoi(argv[1]) : 8089;
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (listener < 0 ||
        ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 16) != 0) {
        std::cerr << "cannot listen on port " << port << ": " << std::strerror(errno) << '\n';
        return 2;
    }
    std::cout << "listening for Bitrix24 events on port " << port << std::endl;
    for (;;) {
        const int client = ::accept(listener, nullptr, nullptr);
        if (client < 0) continue;
        serve(client, token);
        ::close(client);
    }
}
