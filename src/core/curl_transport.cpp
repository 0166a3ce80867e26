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
/// * `send_all` borrows a curl multi handle from a second idle pool and drives its transfers
///   (easy handles from the same easy pool) on the calling thread only. The multi handle owns
///   the connection cache of those transfers and goes back to the pool afterwards, so the
///   next `send_all` reuses its connections.
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
        exchange.prepare(easy.get());
    } while (exchange.finish(easy.get(), curl_easy_perform(easy.get())));
    return exchange.take_response();
}

/// One `send_all` batch on one multi handle: keeps up to `max_connections` transfers in
/// flight, collects outcomes by request index, and detaches every transfer still running
/// when destroyed (after an exception).
class Batch {
public:
    Batch(Connections& connections, std::span<const Request> requests)
        : connections_(connections),
          requests_(requests),
          multi_(connections.acquire_multi()),
          results_(requests.size()) {}
    ~Batch() {
        for (auto& transfer : running_)
            curl_multi_remove_handle(multi_.get(), transfer->easy.get());
        running_.clear();
        connections_.release_multi(std::move(multi_));
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    std::vector<Outcome<Response>> run() {
        const auto started = Clock::now();
        const auto window =
            static_cast<std::size_t>(connections_.settings().options.max_connections);
        while (next_ < requests_.size() || !running_.empty()) {
            while (running_.size() < window && next_ < requests_.size()) start(next_++);
            if (running_.empty()) continue;
            int still_running = 0;
            check_multi(curl_multi_perform(multi_.get(), &still_running), "curl_multi_perform");
            collect_finished();
            if (!running_.empty())
                check_multi(curl_multi_poll(multi_.get(), nullptr, 0, 1000, nullptr),
                            "curl_multi_poll");
        }
        std::vector<Outcome<Response>> outcomes;
        outcomes.reserve(results_.size());
        std::size_t failed = 0;
        for (auto& result : results_) {
            if (!result->ok()) ++failed;
            outcomes.push_back(std::move(*result));
        }
        connections_.settings().logger->debug(
            "sent {} requests ({} failed) over at most {} connections in {} ms", outcomes.size(),
            failed, window,
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
        return outcomes;
    }

private:
    struct Transfer {
        Transfer(std::size_t index_, const Request& request, Connections& connections)
            : index(index_), exchange(request, connections.settings()), easy(connections) {}
        std::size_t index;
        Exchange exchange;
        EasyLease easy;  // declared last: reset before the exchange it points into dies
    };

    void start(std::size_t index) {
        try {
            auto transfer = std::make_unique<Transfer>(index, requests_[index], connections_);
            attach(*transfer);
            running_.push_back(std::move(transfer));
        } catch (...) {
            results_[index].emplace(std::current_exception());
        }
    }

    /// Prepares the transfer's current hop and adds it to the multi handle.
    void attach(Transfer& transfer) {
        transfer.exchange.prepare(transfer.easy.get());
        set_option(transfer.easy.get(), CURLOPT_PRIVATE, static_cast<void*>(&transfer));
        check_multi(curl_multi_add_handle(multi_.get(), transfer.easy.get()),
                    "curl_multi_add_handle");
    }

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
            bool finished = true;
            try {
                if (transfer->exchange.finish(easy, code)) {
                    attach(*transfer);
                    finished = false;
                } else {
                    results_[transfer->index].emplace(transfer->exchange.take_response());
                }
            } catch (...) {
                results_[transfer->index].emplace(std::current_exception());
            }
            if (finished)
                std::erase_if(running_, [transfer](const auto& t) { return t.get() == transfer; });
        }
    }

    Connections& connections_;
    std::span<const Request> requests_;
    MultiHandle multi_;
    std::vector<std::optional<Outcome<Response>>> results_;
    std::vector<std::unique_ptr<Transfer>> running_;
    std::size_t next_ = 0;
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
    if (requests.empty()) return {};
    return Batch(impl_->connections, requests).run();
}

const TransportOptions& CurlTransport::options() const noexcept {
    return impl_->connections.settings().options;
}

std::shared_ptr<Transport> make_default_transport(TransportOptions options, LoggerPtr logger) {
    return std::make_shared<CurlTransport>(std::move(options), std::move(logger));
}

}  // namespace odoobridge::core
