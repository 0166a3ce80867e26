#pragma once
// The rows of the fault matrix (one per fault: how to provoke it, the error class every
// client must throw, whether reads are retried, how long one try may take, the Retry-After
// the server sends) and the runner of one client x fault x call case.

#include <cxxabi.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

#include "fault_clients.hpp"

namespace odoobridge::test {

/// Tries per call in the matrix (the clients' RetryPolicy::max_attempts).
inline constexpr int kAttempts = 3;
/// The clients' total timeout per request in the matrix.
inline constexpr std::chrono::milliseconds kTotalTimeout{1000};
/// The clients' response size cap in the matrix; the oversize fault sends 4x more.
inline constexpr std::size_t kMaxResponseBytes = 256 * 1024;
/// Allowance on top of each case's bound for process scheduling on a loaded machine.
inline constexpr double kSlackSeconds = 1.5;
/// The clients' RetryPolicy::max_retry_after in the matrix: a server's Retry-After up to
/// this is waited out between tries, a longer one fails the call at once.
inline constexpr std::chrono::seconds kMaxRetryAfter{5};

enum class Call { read, create };

inline const char* to_string(Call call) { return call == Call::read ? "read" : "create"; }

/// Where the client is pointed.
enum class Where {
    proxy,          ///< the plain proxy, with `rule` armed for the call's request
    refused,        ///< a loopback port nothing listens on
    tls_untrusted,  ///< the HTTPS proxy, certificate verification on, system CAs
    tls_trusted,    ///< the HTTPS proxy, its certificate as the CA file
};

/// One row of the matrix.
struct FaultCase {
    std::string name;
    Where where = Where::proxy;
    json rule = json::object();  ///< http_faults fault settings, merged into the match
    std::string expected_class;  ///< demangled class name; "" = the call succeeds
    bool transient = false;      ///< reads are retried (kAttempts requests), creates are not
    bool applies_to_create = true;
    bool counts_requests = true;  ///< the proxy counts the requests of the call
    double seconds_per_try = 0.3;
    /// The Retry-After the fault's answers carry, in seconds (0: none). Within
    /// kMaxRetryAfter, each retry of a read waits that long; above it, a read fails after
    /// one request with a message naming the wait.
    int retry_after = 0;

    [[nodiscard]] bool over_cap() const { return retry_after > kMaxRetryAfter.count(); }
    [[nodiscard]] int tries(Call call) const {
        return call == Call::read && transient && !over_cap() ? kAttempts : 1;
    }
    [[nodiscard]] int expected_requests(Call call) const { return tries(call); }
    /// The lower bound of the whole call: the server's Retry-After before each retry.
    [[nodiscard]] double min_seconds(Call call) const {
        return over_cap() ? 0.0 : (tries(call) - 1) * retry_after;
    }
    /// The upper bound of the whole call: its tries, the waits between them, the slack.
    [[nodiscard]] double max_seconds(Call call) const {
        return tries(call) * seconds_per_try + min_seconds(call) + kSlackSeconds;
    }
    /// What the error message must say ("" = not checked): that the server asked for a
    /// wait above the cap, for a read (a create is never retried, so no wait is weighed).
    [[nodiscard]] std::string expected_message(Call call) const {
        if (!over_cap() || call != Call::read) return {};
        return "The server asked to wait " + std::to_string(retry_after) +
               " s before trying again (Retry-After), more than RetryPolicy.max_retry_after (" +
               std::to_string(kMaxRetryAfter.count()) + " s)";
    }
};

/// A row for an HTML page with HTTP `status` (429 or 503: transient), with a Retry-After
/// of `retry_after` seconds when it is not 0.
inline FaultCase status_fault(int status, int retry_after) {
    FaultCase row;
    row.name = std::to_string(status);
    row.rule = {{"fault", "status"}, {"status", status}};
    if (retry_after != 0) {
        row.name += " Retry-After " + std::to_string(retry_after);
        row.rule["retry_after"] = std::to_string(retry_after);
    }
    row.expected_class = "odoobridge::UnexpectedResponseError";
    row.transient = true;
    row.retry_after = retry_after;
    return row;
}

/// Every fault of the matrix.
inline const std::vector<FaultCase>& all_faults() {
    const double timeout = std::chrono::duration<double>(kTotalTimeout).count();
    static const std::vector<FaultCase> faults{
        {"connection refused",
         Where::refused,
         {},
         "odoobridge::ConnectionError",
         true,
         true,
         false},
        {"reset mid-body",
         Where::proxy,
         {{"fault", "reset_mid_body"}},
         "odoobridge::ConnectionError",
         true},
        {"slow drip",
         Where::proxy,
         {{"fault", "drip"}, {"seconds", 20}, {"interval", 0.1}},
         "odoobridge::TimeoutError",
         true,
         true,
         true,
         timeout + 0.3},
        {"stalled server",
         Where::proxy,
         {{"fault", "stall"}, {"seconds", 5}},
         "odoobridge::TimeoutError",
         true,
         true,
         true,
         timeout + 0.3},
        {"502 html from proxy",
         Where::proxy,
         {{"fault", "html502"}},
         "odoobridge::UnexpectedResponseError",
         true},
        status_fault(503, 0),
        status_fault(503, 1),
        status_fault(503, 3600),
        status_fault(429, 0),
        status_fault(429, 1),
        status_fault(429, 3600),
        {"truncated body",
         Where::proxy,
         {{"fault", "truncated"}},
         "odoobridge::ConnectionError",
         true},
        {"oversize body",
         Where::proxy,
         {{"fault", "oversize"}, {"bytes", 4 * kMaxResponseBytes}},
         "odoobridge::ResponseTooLargeError",
         false},
        {"invalid utf-8",
         Where::proxy,
         {{"fault", "bad_utf8"}},
         "odoobridge::MalformedResponseError",
         false},
        {"tls self-signed", Where::tls_untrusted, {}, "odoobridge::TlsError", false, true, false},
        {"tls with ca file", Where::tls_trusted, {}, "", false, true, false},
    };
    return faults;
}

/// What one case did.
struct CaseResult {
    std::string error_class;  ///< demangled; "" when the call succeeded
    std::string message;
    double seconds = 0;
    int requests = -1;  ///< requests the proxy saw for the call; -1 when not counted
};

inline std::string demangled(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> name(
        abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

/// Runs `action`, timing it and catching what it throws.
template <class Action>
CaseResult timed(Action&& action) {
    CaseResult result;
    const auto start = std::chrono::steady_clock::now();
    try {
        action();
    } catch (const std::exception& error) {
        result.error_class = demangled(typeid(error));
        result.message = error.what();
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

/// A loopback port nothing listens on.
int closed_loopback_port();

/// The client options of the matrix for `where`.
inline Setup matrix_setup(const ClientKind& client, Where where) {
    auto& servers = FaultServers::instance();
    Setup setup;
    setup.transport.connect_timeout = std::chrono::milliseconds{2000};
    setup.transport.total_timeout = kTotalTimeout;
    setup.transport.max_response_bytes = kMaxResponseBytes;
    setup.retry = {kAttempts, std::chrono::milliseconds{20}, std::chrono::milliseconds{100},
                   kMaxRetryAfter};
    switch (where) {
        case Where::proxy:
            setup.base_url = servers.proxy(client.upstream).url();
            break;
        case Where::refused:
            setup.base_url = "http://127.0.0.1:" + std::to_string(closed_loopback_port());
            break;
        case Where::tls_trusted:
            setup.base_url = servers.tls_proxy(client.upstream).url();
            setup.transport.ca_file = servers.cert_file(client.upstream);
            break;
        case Where::tls_untrusted:
            setup.base_url = servers.tls_proxy(client.upstream).url();
            break;
    }
    return setup;
}

/// One case: opens `client` (unfaulted), arms the fault for `call`'s request, runs it.
inline CaseResult run_case(const ClientKind& client, const FaultCase& fault, Call call) {
    const Setup setup = matrix_setup(client, fault.where);
    auto run = [&](Session& session) {
        if (call == Call::read)
            session.read();
        else
            session.create();
    };
    if (fault.where != Where::proxy)  // the failure may come at login: time it all
        return timed([&] { run(*client.open(setup)); });
    const FaultProxy& proxy = FaultServers::instance().proxy(client.upstream);
    proxy.reset();
    const auto session = client.open(setup);
    json rule = call == Call::read ? client.read_match : client.create_match;
    rule.update(fault.rule);
    proxy.arm(rule);
    CaseResult result = timed([&] { run(*session); });
    result.requests = proxy.stats().at("rules").at(0).at("matched").get<int>();
    proxy.reset();  // the next user of this proxy finds no rule armed
    return result;
}

}  // namespace odoobridge::test
