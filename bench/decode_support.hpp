#pragma once
// What the decode benchmarks (decode_bench, xmlrpc_decode) share: their options, best-of-R
// timing and the result line.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bench {

/// `--records N --repeat R --write-payload FILE`.
struct DecodeOptions {
    long records = 100'000;
    int repeat = 3;
    std::string payload_file;  ///< where to save the payload for the Python side; "" = nowhere
};

/// Parses the options of a decode benchmark; `repeat` is the default of `--repeat`.
/// \throws std::invalid_argument for an unknown option, a missing value or a count below 1.
inline DecodeOptions parse_decode_options(int argc, char** argv, int repeat) {
    DecodeOptions options;
    options.repeat = repeat;
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

/// Prints one result row as JSON on stdout (for the runners) and readably on stderr.
inline void report_throughput(const char* row, std::size_t bytes, long records, double seconds) {
    const double mb_per_s = static_cast<double>(bytes) / 1e6 / seconds;
    std::printf(R"({"row": "%s", "bytes": %zu, "records": %ld, "seconds": %.6f, "mb_per_s": %.1f})"
                "\n",
                row, bytes, records, seconds, mb_per_s);
    std::fprintf(stderr, "%-44s %8.1f MB/s  %8.3f s  (%ld records, %.1f MB)\n", row, mb_per_s,
                 seconds, records, static_cast<double>(bytes) / 1e6);
}

}  // namespace bench
