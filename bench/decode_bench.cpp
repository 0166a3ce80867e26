// Typed decode throughput: a `search_read` answer of N res.partner-like records decoded into
// `bench::BenchPartner` structs, beside nlohmann's DOM parse of the same bytes. Prints one JSON
// line per row on stdout (for bench/run_decode_bench.py) and a readable line on stderr.
//
//   decode_bench [--records N] [--repeat R] [--write-payload FILE]
//
// --write-payload saves the JSON answer so the runner can time Python's json.loads on the
// very same bytes.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <odoobridge/odoo/fields.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "partner_payload.hpp"

namespace {

struct Options {
    long records = 100'000;
    int repeat = 5;
    std::string payload_file;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc)
            throw std::invalid_argument("option " + std::string(arg) + " needs a value");
        const char* value = argv[++i];
        if (arg == "--records") {
            options.records = std::stol(value);
        } else if (arg == "--repeat") {
            options.repeat = std::stoi(value);
        } else if (arg == "--write-payload") {
            options.payload_file = value;
        } else {
            throw std::invalid_argument("unknown option " + std::string(arg) +
                                        " (use --records N, --repeat R, --write-payload FILE)");
        }
    }
    if (options.records < 1 || options.repeat < 1)
        throw std::invalid_argument("--records and --repeat must be at least 1");
    return options;
}

/// Best of `repeat` runs of `work`, in seconds (the least disturbed by other processes).
template <class Work>
double best_seconds(int repeat, Work&& work) {
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

void report(const char* row, std::size_t bytes, long records, double seconds) {
    const double mb_per_s = static_cast<double>(bytes) / 1e6 / seconds;
    std::printf(R"({"row": "%s", "bytes": %zu, "records": %ld, "seconds": %.6f, "mb_per_s": %.1f})"
                "\n",
                row, bytes, records, seconds, mb_per_s);
    std::fprintf(stderr, "%-40s %8.1f MB/s  %8.3f s  (%ld records, %.1f MB)\n", row, mb_per_s,
                 seconds, records, static_cast<double>(bytes) / 1e6);
}

/// Fails loudly when a decode did not produce what was encoded, so a broken decoder cannot
/// look fast.
void check(const std::vector<bench::BenchPartner>& partners, long records) {
    if (static_cast<long>(partners.size()) != records || partners.front().id != 1 ||
        partners.back().id != records || !partners[4].is_company ||
        partners[4].name != "Royal Estate Holding 5" || partners[0].parent_id->id != 5 ||
        partners.back().country_id->name != "Kazakhstan")
        throw std::runtime_error("decoded records differ from the payload");
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    const std::string answer = bench::partner_jsonrpc_answer(1, options.records);
    if (!options.payload_file.empty())
        std::ofstream(options.payload_file, std::ios::binary) << answer;

    std::vector<bench::BenchPartner> partners;
    const double typed = best_seconds(options.repeat, [&] {
        auto decoded = odoobridge::odoo::decode_jsonrpc_result_records<bench::BenchPartner>(answer);
        partners = std::move(decoded.records);
    });
    check(partners, options.records);
    report("odoobridge typed (JSON, no DOM)", answer.size(), options.records, typed);

    const double dom = best_seconds(options.repeat, [&] {
        const auto value = odoobridge::json::parse(answer);
        if (value.at("result").size() != static_cast<std::size_t>(options.records))
            throw std::runtime_error("nlohmann parse lost records");
    });
    report("nlohmann::json::parse (DOM only)", answer.size(), options.records, dom);

    const double dynamic = best_seconds(options.repeat, [&] {
        const auto value = odoobridge::json::parse(answer);
        partners = odoobridge::odoo::records_from_json<bench::BenchPartner>(value.at("result"));
    });
    check(partners, options.records);
    report("odoobridge typed via json DOM", answer.size(), options.records, dynamic);
    return 0;
} catch (const std::exception& error) {
    std::fprintf(stderr, "decode_bench: %s\n", error.what());
    return 1;
}
