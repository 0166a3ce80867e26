// bench_read_loop: N sequential `res.partner.read` calls of one record through odoo::Client
// over each protocol, beside a plain libcurl loop sending the very bytes the client sends
// (captured once through a recording transport), plus two concurrent forms: M independent
// reads through Client::execute_many (beside a plain curl multi loop over as many
// connections), and T threads sharing one client.
//
//   bench_read_loop --url http://127.0.0.1:PORT [--calls N] [--many M] [--threads T]
//                   [--connections C] [--repeat R] [--warmup W] [--protocols a,b,...]
//
// Prints one JSON line per result on stdout ({"row", "calls", "seconds", "rate",
// "connections"}, the median of R runs) for bench/run_read_bench.py, and progress on stderr.
// Run it against bench/canned_odoo_server.

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <odoobridge/core/curl_transport.hpp>
#include <odoobridge/odoo.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "measure.hpp"
#include "plain_curl.hpp"

namespace ob = odoobridge;

namespace {

struct Options {
    std::string url;
    long calls = 20'000;
    long many = 10'000;
    int threads = 8;
    int connections = 8;
    int repeat = 3;
    long warmup = 200;
    bool show_requests = false;
    std::vector<ob::odoo::ProtocolKind> protocols{
        ob::odoo::ProtocolKind::xmlrpc, ob::odoo::ProtocolKind::jsonrpc,
        ob::odoo::ProtocolKind::session, ob::odoo::ProtocolKind::json2};
};

[[noreturn]] void usage_error(const std::string& message) {
    std::cerr << "bench_read_loop: " << message
              << "\nusage: bench_read_loop --url http://127.0.0.1:PORT [--calls N] [--many M] "
                 "[--threads T] [--connections C] [--repeat R] [--warmup W] "
                 "[--protocols xmlrpc,jsonrpc,session,json2] [--show-requests]\n";
    std::exit(2);
}

long parse_count(std::string_view name, std::string_view text, long minimum) {
    long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < minimum)
        usage_error(std::string(name) + " must be a whole number >= " + std::to_string(minimum) +
                    ", got '" + std::string(text) + "'");
    return value;
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--show-requests") {
            options.show_requests = true;
            continue;
        }
        if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
        const std::string_view value = argv[++i];
        if (arg == "--url")
            options.url = value;
        else if (arg == "--calls")
            options.calls = parse_count(arg, value, 1);
        else if (arg == "--many")
            options.many = parse_count(arg, value, 0);
        else if (arg == "--threads")
            options.threads = static_cast<int>(parse_count(arg, value, 0));
        else if (arg == "--connections")
            options.connections = static_cast<int>(parse_count(arg, value, 1));
        else if (arg == "--repeat")
            options.repeat = static_cast<int>(parse_count(arg, value, 1));
        else if (arg == "--warmup")
            options.warmup = parse_count(arg, value, 1);
        else if (arg == "--protocols") {
            options.protocols.clear();
            for (std::size_t start = 0; start <= value.size();) {
                const std::size_t comma = std::min(value.find(',', start), value.size());
                try {
                    options.protocols.push_back(
                        ob::odoo::parse_protocol_kind(value.substr(start, comma - start)));
                } catch (const ob::ConfigurationError& e) {
                    usage_error(e.what());
                }
                start = comma + 1;
            }
        } else
            usage_error("unknown argument '" + std::string(arg) + "'");
    }
    if (options.url.empty()) usage_error("--url is required (the canned_odoo_server address)");
    if (options.threads > options.calls)
        usage_error("--threads must not exceed --calls (each thread makes calls/threads reads)");
    for (auto kind : options.protocols)
        if (kind == ob::odoo::ProtocolKind::automatic)
            usage_error("--protocols takes concrete protocols, not 'auto'");
    return options;
}

/// The fields of the `partner_search_read` capture, which the canned server answers with.
const ob::json& read_fields() {
    static const ob::json fields = {"name",       "email",        "phone",     "is_company",
                                    "country_id", "category_id",  "child_ids", "create_date",
                                    "write_date", "credit_limit", "active",    "lang",
                                    "vat",        "street",       "city",      "zip"};
    return fields;
}

/// One `read` of partner 1, built the way an application builds it for each call.
ob::json read_partner(const ob::odoo::Client& client) {
    return client.execute_kw("res.partner", "read", ob::json::array({ob::json::array({1})}),
                             {{"fields", read_fields()}});
}

void check_record(const ob::json& result, std::string_view where) {
    if (!result.is_array() || result.size() != 1 || !result[0].is_object() ||
        result[0].value("id", 0) != 1 || !result[0].contains("name"))
        throw std::runtime_error(std::string(where) + ": read answered '" +
                                 result.dump().substr(0, 200) +
                                 "' instead of one res.partner record with id 1");
}

/// Passes every request through and keeps a copy of the last one sent.
class RecordingTransport final : public ob::core::Transport {
public:
    explicit RecordingTransport(std::shared_ptr<ob::core::Transport> inner)
        : inner_(std::move(inner)) {}

    ob::core::Response send(const ob::core::Request& request) override {
        {
            std::lock_guard lock(mutex_);
            last_ = request;
        }
        return inner_->send(request);
    }

    [[nodiscard]] ob::core::Request last() const {
        std::lock_guard lock(mutex_);
        if (!last_) throw std::logic_error("RecordingTransport: no request was sent yet");
        return *last_;
    }

private:
    std::shared_ptr<ob::core::Transport> inner_;
    mutable std::mutex mutex_;
    std::optional<ob::core::Request> last_;
};

ob::odoo::ClientOptions client_options(const Options& options, ob::odoo::ProtocolKind kind) {
    ob::odoo::ClientOptions client;
    client.url = options.url;
    client.database = "bench";
    if (kind == ob::odoo::ProtocolKind::json2)
        client.credentials = ob::odoo::ApiKey{"admin", "bench-api-key"};
    else
        client.credentials = ob::odoo::Password{"admin", "admin"};
    client.protocol = kind;
    client.transport_options.max_connections = options.connections;
    return client;
}

/// The request the client sends for one read, as the transport receives it.
ob::core::Request captured_read_request(const Options& options, ob::odoo::ProtocolKind kind) {
    auto settings = client_options(options, kind);
    auto recorder = std::make_shared<RecordingTransport>(
        ob::core::make_default_transport(settings.transport_options));
    settings.transport = recorder;
    const auto client = ob::odoo::Client::connect(std::move(settings));
    check_record(read_partner(client), "capturing the read request");
    return recorder->last();
}

/// Prints the request line, the headers (secret values hidden) and the body size.
void show_request(const ob::core::Request& request) {
    std::cerr << "  request: " << request.method << ' ' << request.url << ", "
              << request.body.size() << " body bytes\n";
    for (const auto& [name, value] : request.headers)
        std::cerr << "    " << name << ": "
                  << (ob::core::is_secret_header(name) ||
                              std::ranges::find(request.secret_headers, name) !=
                                  request.secret_headers.end()
                          ? "<hidden>"
                          : value)
                  << '\n';
}

/// Runs `run()` and fills in the connections the server accepted while it ran.
template <class Run>
bench::Measurement counting_connections(const Options& options, Run&& run) {
    const long before = bench::server_connections(options.url);
    bench::Measurement m = run();
    m.connections = bench::server_connections(options.url) - before - 1;
    return m;
}

bench::Measurement sequential(const Options& options, ob::odoo::ProtocolKind kind) {
    return counting_connections(options, [&] {
        const auto client = ob::odoo::Client::connect(client_options(options, kind));
        check_record(read_partner(client), "odoobridge sequential");
        for (long i = 1; i < options.warmup; ++i) (void)read_partner(client);
        return bench::time_calls(options.calls, [&] {
            for (long i = 0; i < options.calls; ++i) (void)read_partner(client);
        });
    });
}

bench::Measurement plain(const Options& options, const ob::core::Request& request) {
    return counting_connections(
        options, [&] { return bench::plain_curl_loop(request, options.calls, options.warmup); });
}

bench::Measurement plain_multi(const Options& options, const ob::core::Request& request) {
    return counting_connections(options, [&] {
        return bench::plain_curl_multi(request, options.many, options.warmup, options.connections);
    });
}

bench::Measurement many(const Options& options, ob::odoo::ProtocolKind kind) {
    return counting_connections(options, [&] {
        const auto client = ob::odoo::Client::connect(client_options(options, kind));
        check_record(read_partner(client), "odoobridge execute_many");
        std::vector<ob::odoo::Call> calls(static_cast<std::size_t>(options.many),
                                          ob::odoo::Call{"res.partner",
                                                         "read",
                                                         ob::json::array({ob::json::array({1})}),
                                                         {{"fields", read_fields()}}});
        std::vector<ob::core::Outcome<ob::json>> outcomes;
        const bench::Measurement m = bench::time_calls(
            options.many, [&] { outcomes = client.execute_many(std::move(calls)); });
        for (std::size_t i = 0; i < outcomes.size(); ++i)
            check_record(outcomes[i].value(), "execute_many call " + std::to_string(i));
        if (outcomes.size() != static_cast<std::size_t>(options.many))
            throw std::runtime_error("execute_many returned " + std::to_string(outcomes.size()) +
                                     " outcomes for " + std::to_string(options.many) + " calls");
        return m;
    });
}

bench::Measurement threaded(const Options& options, ob::odoo::ProtocolKind kind) {
    return counting_connections(options, [&] {
        const auto client = ob::odoo::Client::connect(client_options(options, kind));
        check_record(read_partner(client), "odoobridge threads");
        const long per_thread = options.calls / options.threads;
        std::vector<std::exception_ptr> errors(static_cast<std::size_t>(options.threads));
        const bench::Measurement m = bench::time_calls(per_thread * options.threads, [&] {
            std::vector<std::jthread> workers;
            for (int t = 0; t < options.threads; ++t)
                workers.emplace_back([&, t] {
                    try {
                        for (long i = 0; i < per_thread; ++i) (void)read_partner(client);
                    } catch (...) {
                        errors[static_cast<std::size_t>(t)] = std::current_exception();
                    }
                });
        });
        for (const auto& error : errors)
            if (error) std::rethrow_exception(error);
        return m;
    });
}

/// The measurements of one protocol, one entry per repetition.
struct Runs {
    std::vector<bench::Measurement> curl, client, curl_multi, many, threads;
};

/// The median over repetitions of `a[r].rate() / b[r].rate()`: each repetition runs its
/// measurements back to back, so per-repetition ratios cancel slow drift in machine load.
double median_ratio(const std::vector<bench::Measurement>& a,
                    const std::vector<bench::Measurement>& b) {
    std::vector<double> ratios;
    for (std::size_t r = 0; r < a.size() && r < b.size(); ++r)
        ratios.push_back(b[r].rate() > 0 ? a[r].rate() / b[r].rate() : 0);
    std::ranges::sort(ratios);
    return ratios.empty() ? 0 : ratios[ratios.size() / 2];
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    for (const auto kind : options.protocols) {
        const std::string name(ob::odoo::to_string(kind));
        std::cerr << name << ":\n";
        const ob::core::Request request = captured_read_request(options, kind);
        if (options.show_requests) show_request(request);
        // Each repetition runs every measurement once, back to back, so that drift in
        // machine load hits them alike.
        Runs runs;
        for (int r = 0; r < options.repeat; ++r) {
            runs.curl.push_back(plain(options, request));
            runs.client.push_back(sequential(options, kind));
            if (options.many > 0) {
                runs.curl_multi.push_back(plain_multi(options, request));
                runs.many.push_back(many(options, kind));
            }
            if (options.threads > 0) runs.threads.push_back(threaded(options, kind));
        }
        bench::report("curl." + name, bench::median(runs.curl));
        bench::report("odoobridge." + name, bench::median(runs.client),
                      {{"ratio_to_curl", median_ratio(runs.client, runs.curl)}});
        if (options.many > 0) {
            bench::report("curl_multi." + name, bench::median(runs.curl_multi),
                          {{"speedup", median_ratio(runs.curl_multi, runs.curl)}});
            bench::report("many." + name, bench::median(runs.many),
                          {{"speedup", median_ratio(runs.many, runs.client)}});
        }
        if (options.threads > 0)
            bench::report("threads." + name, bench::median(runs.threads),
                          {{"speedup", median_ratio(runs.threads, runs.client)}});
    }
    return 0;
} catch (const std::exception& e) {
    std::cerr << "bench_read_loop: " << e.what() << '\n';
    return 1;
}
