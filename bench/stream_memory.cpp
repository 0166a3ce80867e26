// Peak memory of streaming a large model: `Model<BenchPartner>::stream()` walks N records
// page by page through odoo::Client over JSON-RPC, answered by an in-process fake server
// (testing::FakeTransport) that builds each page on demand, so nothing but the client holds
// records. Prints records/s and the process's peak resident memory; with --check, exits 1 when
// the peak exceeds the limit or a record is missed, doubled or out of order.
//
//   stream_memory [--records N] [--batch B] [--limit-mb M] [--check]

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <odoobridge/odoo.hpp>
#include <odoobridge/testing/fake_transport.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "partner_payload.hpp"

namespace {

using odoobridge::json;
namespace odoo = odoobridge::odoo;

struct Options {
    long records = 1'000'000;
    int batch = 2'000;
    long limit_mb = 64;
    bool check = false;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--check") {
            options.check = true;
            continue;
        }
        if (i + 1 >= argc)
            throw std::invalid_argument("option " + std::string(arg) + " needs a value");
        const char* value = argv[++i];
        if (arg == "--records") {
            options.records = std::stol(value);
        } else if (arg == "--batch") {
            options.batch = std::stoi(value);
        } else if (arg == "--limit-mb") {
            options.limit_mb = std::stol(value);
        } else {
            throw std::invalid_argument("unknown option " + std::string(arg) +
                                        " (use --records N, --batch B, --limit-mb M, --check)");
        }
    }
    if (options.records < 1 || options.batch < 1 || options.limit_mb < 1)
        throw std::invalid_argument("--records, --batch and --limit-mb must be at least 1");
    return options;
}

/// The id bound of a stream page's domain (`["id", ">", N]`), 0 for the first page.
long cursor_of(const json& domain) {
    for (const json& term : domain)
        if (term.is_array() && term.size() == 3 && term[0] == "id" && term[1] == ">")
            return term[2].get<long>();
    return 0;
}

/// Answers `common.login` and `res.partner.search_read` pages over partners 1..records.
std::optional<odoobridge::core::Response> answer(const odoobridge::core::Request& request,
                                                 long records) {
    const json body = json::parse(request.body);
    const json& params = body.at("params");
    std::string text;
    if (params.at("service") == "common" && params.at("method") == "login") {
        text = R"({"jsonrpc":"2.0","id":)" + body.at("id").dump() + R"(,"result":2})";
    } else if (params.at("service") == "object" && params.at("args").at(4) == "search_read") {
        const json& args = params.at("args");
        const long after = cursor_of(args.at(5).at(0));
        const long limit = args.at(6).at("limit").get<long>();
        const long count = std::max(0L, std::min(limit, records - after));
        text = bench::partner_jsonrpc_answer(after + 1, count);
    } else {
        return std::nullopt;
    }
    return odoobridge::core::Response{200, {{"Content-Type", "application/json"}}, std::move(text)};
}

/// The process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries
/// that over from the parent across fork and exec, so a runner's own size would show.
long peak_resident_mb() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;  // kB
    throw std::runtime_error("no VmHWM line in /proc/self/status");
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    auto transport = std::make_shared<odoobridge::testing::FakeTransport>();
    transport->on(
        [&](const odoobridge::core::Request& request) { return answer(request, options.records); });

    odoo::ClientOptions client_options;
    client_options.url = "http://odoo.bench";
    client_options.database = "bench";
    client_options.credentials = odoo::Password{"admin", "admin"};
    client_options.protocol = odoo::ProtocolKind::jsonrpc;
    client_options.transport = transport;
    const odoo::Client client = odoo::Client::connect(client_options);
    const auto partners = client.model<bench::BenchPartner>();

    const auto start = std::chrono::steady_clock::now();
    long seen = 0;
    odoo::Id last = 0;
    for (const bench::BenchPartner& partner : partners.stream({}, options.batch)) {
        if (partner.id != last + 1)
            throw std::runtime_error("record " + std::to_string(last + 1) + " missed or doubled");
        last = partner.id;
        ++seen;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long peak = peak_resident_mb();

    std::printf(R"({"row": "stream", "records": %ld, "batch": %d, "seconds": %.3f, )"
                R"("records_per_s": %.0f, "requests": %zu, "peak_mb": %ld, "limit_mb": %ld})"
                "\n",
                seen, options.batch, seconds, seen / seconds, transport->request_count(), peak,
                options.limit_mb);
    std::fprintf(stderr, "streamed %ld records in %zu requests, %.2f s, peak memory %ld MB\n", seen,
                 transport->request_count(), seconds, peak);
    if (!options.check) return 0;
    if (seen != options.records) {
        std::fprintf(stderr, "FAIL: streamed %ld of %ld records\n", seen, options.records);
        return 1;
    }
    if (peak > options.limit_mb) {
        std::fprintf(stderr, "FAIL: peak memory %ld MB is above the %ld MB limit\n", peak,
                     options.limit_mb);
        return 1;
    }
    std::fprintf(stderr, "PASS: peak memory %ld MB <= %ld MB\n", peak, options.limit_mb);
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "stream_memory: %s\n", error.what());
    return 1;
}
