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
/// * `send_each` (and `send_all`, built on it) borrows a curl multi handle from a second
///   idle pool and drives its transfers (easy handles from the same easy pool) on the calling
///   thread only; the caller's handler runs on that thread too, between two turns of the
///   multi loop. The multi handle owns the connection cache of those transfers and goes back
///   to the pool afterwards, so the next batch reuses its connections.
/// * One curl share object per transport holds the DNS cache and the TLS session cache for
///   all its handles; libcurl serialises access through the lock callbacks of `Share` (one mutex
///   per kind of data). The connection cache is deliberately not shared: libcurl documents
///   that sharing connections between concurrent threads is not supported.
/// * Options, user agent and logger are immutable after construction. Log lines may come
///   from several threads at once, so a caller's logger needs thread-safe (`_mt`) sinks.
///
/// The pieces live in private files next to this one (declared in curl_detail.hpp):
/// curl_handles.cpp (global init, share object, handle pools), curl_exchange.cpp (one
/// request across redirects), curl_errors.cpp (curl code -> exception) and
/// curl_redirects.cpp (same-host redirect policy). This file sends with them.

#include "curl_detail.hpp"

#include <odoobridge/core/curl_transport.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace odoobridge::core {

namespace {

using namespace curl_detail;

/// Sends one request (following same-host redirects) on a pooled easy handle.
Response send_one(Connections& connections, const Request& request) {
    Exchange exchange(request, connections.settings());
    EasyLease easy(connections);
    do {
        exchange.prepare(*easy);
    } while (exchange.finish(*easy, curl_easy_perform(easy.get())));
    return exchange.take_response();
}

/// One `send_each` batch on one multi handle. Keeps up to `max_connections` transfers in
/// flight and refills a slot as soon as its transfer completes: the next request goes on
/// the wire before the finished answer is handed to the caller, so the caller's work on
/// it (decoding) overlaps the server's work on the next ones. Detaches every transfer
/// still running when destroyed (after an exception).
class Batch {
public:
    Batch(Connections& connections, std::span<const Request> requests,
          const Transport::OutcomeHandler& on_outcome)
        : connections_(connections),
          requests_(requests),
          on_outcome_(on_outcome),
          window_(static_cast<std::size_t>(connections.settings().options.max_connections)),
          multi_(connections.acquire_multi()) {}
    ~Batch() {
        for (auto& transfer : running_)
            curl_multi_remove_handle(multi_.get(), transfer->easy.get());
        running_.clear();
        connections_.release_multi(std::move(multi_));
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    void run() {
        const auto started = Clock::now();
        std::size_t failed = 0;
        while (true) {
            refill();
            if (running_.empty() && ready_.empty()) break;
            if (!running_.empty())
                check_multi(curl_multi_perform(multi_.get(), &still_running_),
                            "curl_multi_perform");
            collect_finished();
            if (!ready_.empty()) {
                // Put the requests of the freed slots on the wire, then hand over the answers.
                if (refill() && !running_.empty())
                    check_multi(curl_multi_perform(multi_.get(), &still_running_),
                                "curl_multi_perform");
                failed += deliver();
                continue;  // more may have completed meanwhile: look before waiting
            }
            if (!running_.empty())
                check_multi(curl_multi_poll(multi_.get(), nullptr, 0, 1000, nullptr),
                            "curl_multi_poll");
        }
        const spdlog::logger& logger = *connections_.settings().logger;
        if (logger.should_log(spdlog::level::debug))
            connections_.settings().logger->debug(
                "sent {} requests ({} failed) over at most {} connections in {} ms",
                requests_.size(), failed, window_,
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)
                    .count());
    }

private:
    struct Transfer {
        Transfer(std::size_t index_, const Request& request, Connections& connections)
            : index(index_), exchange(request, connections.settings()), easy(connections) {}
        std::size_t index;
        Exchange exchange;
        EasyLease easy;  // declared last: reset before the exchange it points into dies
    };

    /// Starts requests until the window is full or none is left; true when one started.
    bool refill() {
        bool any = false;
        while (running_.size() < window_ && next_ < requests_.size()) {
            start(next_++);
            any = true;
        }
        return any;
    }

    void start(std::size_t index) {
        try {
            auto transfer = std::make_unique<Transfer>(index, requests_[index], connections_);
            attach(*transfer);
            running_.push_back(std::move(transfer));
        } catch (...) {
            ready_.emplace_back(index, std::current_exception());
        }
    }

    /// Prepares the transfer's current hop and adds it to the multi handle.
    void attach(Transfer& transfer) {
        transfer.exchange.prepare(*transfer.easy);
        set_option(transfer.easy.get(), CURLOPT_PRIVATE, static_cast<void*>(&transfer));
        check_multi(curl_multi_add_handle(multi_.get(), transfer.easy.get()),
                    "curl_multi_add_handle");
    }

    /// Moves the outcome of every finished transfer to `ready_` (a redirect is followed
    /// on the same transfer instead) and frees its slot.
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
            try {
                if (transfer->exchange.finish(*transfer->easy, code)) {
                    attach(*transfer);
                    continue;
                }
                ready_.emplace_back(transfer->index, transfer->exchange.take_response());
            } catch (...) {
                ready_.emplace_back(transfer->index, std::current_exception());
            }
            std::erase_if(running_, [transfer](const auto& t) { return t.get() == transfer; });
        }
    }

    /// Hands the outcomes in `ready_` to the caller; returns how many were failures.
    std::size_t deliver() {
        std::size_t failed = 0;
        for (auto& [index, outcome] : ready_) {
            if (!outcome.ok()) ++failed;
            on_outcome_(index, std::move(outcome));
        }
        ready_.clear();
        return failed;
    }

    Connections& connections_;
    std::span<const Request> requests_;
    const Transport::OutcomeHandler& on_outcome_;
    const std::size_t window_;
    MultiHandle multi_;
    std::vector<std::unique_ptr<Transfer>> running_;
    std::vector<std::pair<std::size_t, Outcome<Response>>> ready_;  ///< complete, not handed over
    std::size_t next_ = 0;
    int still_running_ = 0;
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
    std::vector<std::optional<Outcome<Response>>> collected(requests.size());
    send_each(requests, [&](std::size_t index, Outcome<Response> outcome) {
        collected[index].emplace(std::move(outcome));
    });
    std::vector<Outcome<Response>> outcomes;
    outcomes.reserve(requests.size());
    for (auto& outcome : collected) outcomes.push_back(std::move(*outcome));
    return outcomes;
}

void CurlTransport::send_each(std::span<const Request> requests, const OutcomeHandler& on_outcome) {
    if (requests.empty()) return;
    Batch(impl_->connections, requests, on_outcome).run();
}

const TransportOptions& CurlTransport::options() const noexcept {
    return impl_->connections.settings().options;
}

std::shared_ptr<Transport> make_default_transport(TransportOptions options, LoggerPtr logger) {
    return std::make_shared<CurlTransport>(std::move(options), std::move(logger));
}

}  // namespace odoobridge::core
