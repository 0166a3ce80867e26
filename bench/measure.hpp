#pragma once
// Timing and reporting helpers of bench_read_loop.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace bench {

/// One timed run: `calls` calls in `seconds` of wall time.
struct Measurement {
    long calls = 0;
    double seconds = 0;
    double cpu_seconds = 0;  ///< CPU time of this process (all threads) over the same span
    long connections = -1;   ///< connections the server accepted for this run; -1 unknown

    [[nodiscard]] double rate() const { return seconds > 0 ? calls / seconds : 0; }
    [[nodiscard]] double cpu_us_per_call() const {
        return calls > 0 ? cpu_seconds * 1e6 / calls : 0;
    }
};

/// CPU time used so far by this process, all threads together.
inline double process_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Runs `work()` and returns a measurement of `calls` calls with its wall and CPU time.
template <class Work>
Measurement time_calls(long calls, Work&& work) {
    Measurement m;
    m.calls = calls;
    const double cpu_start = process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    work();
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.cpu_seconds = process_cpu_seconds() - cpu_start;
    return m;
}

/// The run with the median rate of `runs` (not empty).
inline Measurement median(std::vector<Measurement> runs) {
    std::ranges::sort(runs, {}, &Measurement::rate);
    return runs[runs.size() / 2];
}

/// Prints one result line for the runner on stdout, `{"row": ..., "calls": ..., "seconds":
/// ..., "rate": ..., "cpu_us_per_call": ..., "connections": ..., <extras>}`, and a readable
/// line on stderr.
inline void report(const std::string& row, const Measurement& m,
                   const std::vector<std::pair<std::string, double>>& extras = {}) {
    std::printf(R"({"row": "%s", "calls": %ld, "seconds": %.6f, "rate": %.1f, )"
                R"("cpu_us_per_call": %.2f, "connections": %ld)",
                row.c_str(), m.calls, m.seconds, m.rate(), m.cpu_us_per_call(), m.connections);
    for (const auto& [name, value] : extras) std::printf(R"(, "%s": %.4f)", name.c_str(), value);
    std::printf("}\n");
    std::fflush(stdout);
    std::fprintf(stderr,
                 "  %-22s %9.0f calls/s  %6.1f us CPU/call  (%ld calls in %.3f s, %ld new "
                 "connections)",
                 row.c_str(), m.rate(), m.cpu_us_per_call(), m.calls, m.seconds, m.connections);
    for (const auto& [name, value] : extras) std::fprintf(stderr, ", %s %.2f", name.c_str(), value);
    std::fprintf(stderr, "\n");
}

}  // namespace bench
